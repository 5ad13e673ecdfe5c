import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { AcceptLabels, NODE_ID_PATTERN } from '@liandong/protocol';
import { CATEGORIES, CATEGORY_CODES } from '../categories';
import { OrganizationView } from './registry.dto';

/** The most organizations one live query of a descendant's registry answers with. */
export const REGISTRY_QUERY_LIMIT = 50;

export class NodeParam {
  @ApiProperty({ example: '130121', description: '下级节点的六位行政区划代码' })
  @Matches(NODE_ID_PATTERN, { message: '$property must be a six-digit division code' })
  nodeId!: string;
}

export class DescendantRegistryQuery {
  @ApiPropertyOptional({ description: 'part of the name or of the code' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({
    enum: CATEGORY_CODES,
    description: 'a category code, or its Chinese label (村, 社区, …)',
  })
  @IsOptional()
  @AcceptLabels(CATEGORIES)
  @IsIn(CATEGORY_CODES)
  category?: string;

  @ApiPropertyOptional({ default: 20, maximum: REGISTRY_QUERY_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(REGISTRY_QUERY_LIMIT)
  limit?: number;
}

export class DescendantRegistryView {
  @ApiProperty({ example: '130121' }) nodeId!: string;
  @ApiProperty({ example: '井陉县（130121）' }) nodeLabel!: string;
  @ApiProperty({ type: [OrganizationView] }) organizations!: OrganizationView[];
  @ApiProperty({ description: 'how many match in all (at most `limit` are listed)' })
  total!: number;
}
