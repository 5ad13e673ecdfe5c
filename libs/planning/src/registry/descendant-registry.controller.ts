import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals } from '@liandong/access';
import {
  DescendantRegistryQuery,
  DescendantRegistryView,
  NodeParam,
} from './descendant-registry.dto';
import { RemoteRegistry } from './remote-registry';

/** A descendant's organization registry, read live from that node to pick what to escalate. */
@ApiTags('organization registry (对象库)')
@Controller('federation/nodes/:nodeId/organizations')
@Allow('inspection_office', 'leading_group')
export class DescendantRegistryController {
  constructor(private readonly remote: RemoteRegistry) {}

  @Get()
  @ApiOperation({
    summary: '查阅下级节点对象库中的党组织（提级巡察时从中选择）',
    description:
      'Asks the descendant node itself (a signed live query, protocol.md §10): what it answers is what it holds. 503 when that node does not answer.',
  })
  @ApiOkResponse({ type: DescendantRegistryView })
  @ApiRefusals(409, 503)
  search(
    @Param() { nodeId }: NodeParam,
    @Query() query: DescendantRegistryQuery,
  ): Promise<DescendantRegistryView> {
    return this.remote.browse(nodeId, query);
  }
}
