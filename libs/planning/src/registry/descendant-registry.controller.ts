import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Allow, ApiRefusals } from '@liandong/access';
import { AcceptLabels, NODE_ID_PATTERN } from '@liandong/protocol';
import { NodeNames } from '@liandong/messaging';
import { CATEGORIES, CATEGORY_CODES } from '../categories';
import { OrganizationView } from './registry.dto';
import { REGISTRY_QUERY_LIMIT, RemoteRegistry } from './remote-registry';

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

/** A descendant's organization registry, read live from that node to pick what to escalate. */
@ApiTags('organization registry (对象库)')
@Controller('federation/nodes/:nodeId/organizations')
@Allow('inspection_office', 'leading_group')
export class DescendantRegistryController {
  constructor(
    private readonly remote: RemoteRegistry,
    private readonly names: NodeNames,
  ) {}

  @Get()
  @ApiOperation({
    summary: '查阅下级节点对象库中的党组织（提级巡察时从中选择）',
    description:
      'Asks the descendant node itself (a signed live query, protocol.md §10): what it answers is what it holds. 503 when that node does not answer.',
  })
  @ApiOkResponse({ type: DescendantRegistryView })
  @ApiRefusals(409, 503)
  async search(
    @Param() { nodeId }: NodeParam,
    @Query() query: DescendantRegistryQuery,
  ): Promise<DescendantRegistryView> {
    const answer = await this.remote.search(nodeId, {
      ...(query.q ? { q: query.q } : {}),
      ...(query.category ? { category: query.category } : {}),
      limit: query.limit ?? 20,
    });
    return { nodeId, nodeLabel: this.names.label(nodeId), ...answer };
  }
}
