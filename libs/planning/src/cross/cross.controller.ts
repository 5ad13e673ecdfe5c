import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { RoundQuery } from '../rounds/round.dto';
import { CrossOrderDto, CrossOrderView, RotationPlanDto, RotationPlanView } from './cross.dto';
import { CrossOrderQueries } from './cross-order.queries';
import { OrderCrossInspection } from './use-cases/order-cross-inspection.usecase';
import { PlanRotation } from './use-cases/plan-rotation.usecase';

@ApiTags('cross inspection (交叉巡察)')
@Controller('cross-orders')
@Allow('inspection_office', 'leading_group', 'viewer')
export class CrossController {
  constructor(
    private readonly orderCrossInspection: OrderCrossInspection,
    private readonly planRotation: PlanRotation,
    private readonly queries: CrossOrderQueries,
  ) {}

  @Post()
  @Allow('inspection_office')
  @ApiOperation({ summary: '安排交叉巡察（由共同的上级下达）' })
  @ApiCreatedResponse({ type: [CrossOrderView] })
  @ApiRefusals(404, 409)
  order(@Body() dto: CrossOrderDto, @CurrentUser() user: Principal): Promise<CrossOrderView[]> {
    return this.orderCrossInspection.execute(dto, actorOf(user));
  }

  @Get()
  @ApiOperation({ summary: '交叉巡察安排列表（可按轮次筛选）' })
  @ApiOkResponse({ type: [CrossOrderView] })
  list(@Query() query: RoundQuery): Promise<CrossOrderView[]> {
    return this.queries.list(query);
  }

  /** 轮换: a rotation among peers with no self, reciprocal, repeated or recused pair. */
  @Post('plan')
  @Allow('inspection_office', 'leading_group')
  @ApiOperation({ summary: '生成交叉巡察轮换方案（不自查、不互查、不重复上一轮、避开回避）' })
  @ApiCreatedResponse({ type: RotationPlanView })
  plan(@Body() dto: RotationPlanDto): Promise<RotationPlanView> {
    return this.planRotation.execute(dto);
  }
}
