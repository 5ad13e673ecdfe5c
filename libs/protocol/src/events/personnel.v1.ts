import { IsCalendarDate } from '../validation';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { IsNodeId } from '../validation';

/** Source bodies of the people in a personnel pool (干部人才库). */
export const SOURCE_BODIES = [
  'discipline',
  'organization',
  'audit',
  'finance',
  'judicial',
  'petitions',
  'inspection_office',
  'other',
] as const;
export type SourceBody = (typeof SOURCE_BODIES)[number];

/** A unit where a person served (or where a relative serves), named by node and registry code. */
export class PostV1 {
  @IsNodeId()
  nodeId!: string;

  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @IsString()
  @Length(1, 200)
  unitName!: string;

  @IsString()
  @Length(1, 100)
  title!: string;

  @IsCalendarDate()
  from!: string;

  @IsOptional()
  @IsCalendarDate()
  to!: string | null;
}

export class RelationV1 {
  @IsString()
  @Length(1, 50)
  name!: string;

  /** 配偶, 子女, 父母, … */
  @IsString()
  @Length(1, 20)
  relation!: string;

  @IsNodeId()
  nodeId!: string;

  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @IsString()
  @Length(1, 200)
  unitName!: string;
}

/** A person as one node's pool holds them; what a lending node sends to a borrowing one. */
export class PersonV1 {
  @IsUUID()
  personId!: string;

  @IsString()
  @Length(1, 50)
  name!: string;

  @IsIn(SOURCE_BODIES)
  sourceBody!: SourceBody;

  @IsNodeId()
  homeJurisdiction!: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  homeUnitCode!: string | null;

  @IsString()
  @Length(1, 200)
  homeUnitName!: string;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PostV1)
  posts!: PostV1[];

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RelationV1)
  relations!: RelationV1[];
}

/** 上挂下派: a node asks an ancestor or a descendant to lend a person from its pool. */
export class SecondmentRequestedV1 {
  static readonly type = 'secondment.requested.v1';

  @IsUUID()
  secondmentId!: string;

  @IsUUID()
  personId!: string;

  @IsCalendarDate()
  from!: string;

  @IsCalendarDate()
  to!: string;

  @IsString()
  @Length(1, 500)
  purpose!: string;
}

/** The owning node's decision; an approval carries the person, who may then join teams. */
export class SecondmentDecidedV1 {
  static readonly type = 'secondment.decided.v1';

  @IsUUID()
  secondmentId!: string;

  @IsIn(['approved', 'declined'])
  decision!: 'approved' | 'declined';

  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => PersonV1)
  person!: PersonV1 | null;
}
