import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { IsNodeId } from '../validation';
import { RoundShapeV1 } from './round.v1';

/** One organization of the inspected node a cross order covers. */
export class CrossOrganizationV1 {
  /** Named by the inspected node; the visiting node's inspection takes this id. */
  @IsUUID()
  inspectionId!: string;

  @IsString()
  @Length(1, 64)
  code!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsString()
  @Length(1, 40)
  category!: string;
}

/** 交叉巡察: the common ancestor orders one peer's team to inspect organizations of another. */
export class CrossOrderedV1 {
  static readonly type = 'cross.ordered.v1';

  @IsUUID()
  orderId!: string;

  @ValidateNested()
  @Type(() => RoundShapeV1)
  round!: RoundShapeV1;

  @IsNodeId()
  visitingNode!: string;

  @IsNodeId()
  inspectedNode!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  organizationCodes!: string[];
}

/** The inspected node lets the visiting team at the ordered organizations, and only those. */
export class CrossAccessGrantedV1 {
  static readonly type = 'cross.access_granted.v1';

  @IsUUID()
  orderId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CrossOrganizationV1)
  organizations!: CrossOrganizationV1[];
}
