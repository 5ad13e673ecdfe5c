import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Authenticated, Public } from '@liandong/access';
import {
  DeadLetterQuery,
  DeadLetterView,
  FederationNodeView,
  OutboxSummaryView,
} from './federation.dto';
import { FederationQueries } from './federation.queries';

@ApiTags('federation')
@Controller()
export class FederationController {
  constructor(private readonly queries: FederationQueries) {}

  @Get('federation/identity')
  @ApiOperation({ summary: '本节点的身份：代码、名称、层级、上级（登录页显示，无需登录）' })
  @Public()
  @ApiOkResponse({ type: FederationNodeView, description: 'this node' })
  identity(): FederationNodeView {
    return this.queries.identity();
  }

  @Get('federation/nodes')
  @ApiOperation({ summary: '本节点下辖的各级节点' })
  @Authenticated()
  @ApiOkResponse({
    type: [FederationNodeView],
    description: 'the nodes of this node’s subtree that have registered',
  })
  nodes(): Promise<FederationNodeView[]> {
    return this.queries.nodes();
  }

  @Get('dead-letters')
  @ApiOperation({ summary: '被拒收的消息及原因（死信）' })
  @Allow('admin', 'inspection_office')
  @ApiOkResponse({
    type: [DeadLetterView],
    description: 'refused and dead-lettered envelopes, newest first',
  })
  deadLetters(@Query() query: DeadLetterQuery): Promise<DeadLetterView[]> {
    return this.queries.deadLetters(query);
  }

  @Get('outbox/summary')
  @ApiOperation({ summary: '发件箱：等待对方回执的消息数' })
  @Allow('admin', 'inspection_office')
  @ApiOkResponse({ type: OutboxSummaryView })
  outboxSummary(): Promise<OutboxSummaryView> {
    return this.queries.outboxSummary();
  }
}
