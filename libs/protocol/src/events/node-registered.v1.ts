import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { Tier, TIERS } from '../tier';

/** A node announces itself to each of its ancestors, so each knows its whole subtree. */
export class NodeRegisteredV1 {
  static readonly type = 'node.registered.v1';

  @Matches(/^\d{6}$/)
  nodeId!: string;

  @IsString()
  @Length(1, 100)
  name!: string;

  @IsIn(TIERS)
  tier!: Tier;

  @IsOptional()
  @Matches(/^\d{6}$/)
  parentId!: string | null;

  /** Division codes from central down to the node itself. */
  @IsArray()
  @ArrayMinSize(1)
  @Matches(/^\d{6}$/, { each: true })
  path!: string[];
}
