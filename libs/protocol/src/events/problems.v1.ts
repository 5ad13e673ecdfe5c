import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsNodeId } from '../validation';

/**
 * 问题类别: central's catalogue of problem categories, version 1. A finding carries one (or
 * none: it counts as `other`). The Chinese labels are libs/rectification's. A new version of
 * the catalogue is a new event version, so that a receiver never reads a code it does not know.
 */
export const PROBLEM_CATEGORY_CATALOGUE_VERSION = 1;

export const PROBLEM_CATEGORIES = [
  'political',
  'theoretical',
  'organizational',
  'conduct',
  'discipline',
  'integrity',
  'cadre_selection',
  'ideology',
  'rectification',
  'other',
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

/** One category's counts of one node or of a subtree: counts only, never a finding's content. */
export class ProblemCategoryCountsV1 {
  @IsIn(PROBLEM_CATEGORIES)
  category!: ProblemCategory;

  /** Signed findings of the category. */
  @IsInt() @Min(0) findings!: number;

  /** Inspected organizations with at least one such finding (distinct within each node). */
  @IsInt() @Min(0) organizations!: number;

  /** Nodes with at least one such finding (1 at most for `own`). */
  @IsInt() @Min(0) nodes!: number;
}

export class NodeProblemCountsV1 {
  @IsNodeId()
  nodeId!: string;

  @IsArray()
  @ArrayMaxSize(PROBLEM_CATEGORIES.length)
  @ArrayUnique((c: ProblemCategoryCountsV1) => c.category)
  @ValidateNested({ each: true })
  @Type(() => ProblemCategoryCountsV1)
  subtree!: ProblemCategoryCountsV1[];
}

/**
 * 举一反三: a node's signed findings counted by problem category, own and subtree, and each
 * child's subtree, to its parent whenever they change. No title, fact, organization or person.
 */
export class ProblemsReportedV1 {
  static readonly type = 'problems.reported.v1';

  @IsDateString({ strict: true })
  asOf!: string;

  @IsIn([PROBLEM_CATEGORY_CATALOGUE_VERSION])
  catalogueVersion!: number;

  @IsArray()
  @ArrayMaxSize(PROBLEM_CATEGORIES.length)
  @ArrayUnique((c: ProblemCategoryCountsV1) => c.category)
  @ValidateNested({ each: true })
  @Type(() => ProblemCategoryCountsV1)
  own!: ProblemCategoryCountsV1[];

  @IsArray()
  @ArrayMaxSize(PROBLEM_CATEGORIES.length)
  @ArrayUnique((c: ProblemCategoryCountsV1) => c.category)
  @ValidateNested({ each: true })
  @Type(() => ProblemCategoryCountsV1)
  subtree!: ProblemCategoryCountsV1[];

  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique((c: NodeProblemCountsV1) => c.nodeId)
  @ValidateNested({ each: true })
  @Type(() => NodeProblemCountsV1)
  children!: NodeProblemCountsV1[];
}
