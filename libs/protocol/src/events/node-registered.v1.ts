import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { NODE_TIERS, NodeTier } from '../tier';
import { IsNodeId } from '../validation';

/** A node announces itself to each of its ancestors, so each knows its whole subtree. */
export class NodeRegisteredV1 {
  static readonly type = 'node.registered.v1';

  @IsNodeId()
  nodeId!: string;

  @IsString()
  @Length(1, 100)
  name!: string;

  /** A territorial tier, or `central_unit` for a central unit's node (id 91xxxx–93xxxx). */
  @IsIn(NODE_TIERS)
  tier!: NodeTier;

  @IsOptional()
  @IsNodeId()
  parentId!: string | null;

  /** Division codes from central down to the node itself. */
  @IsArray()
  @ArrayMinSize(1)
  @IsNodeId({ each: true })
  path!: string[];
}
