import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { DataSource } from 'typeorm';
import { RoundQuery } from './rounds/round.dto';
import {
  FeedbackDto,
  HandBackDto,
  InspectionDetailView,
  InspectionView,
  ScheduleInspectionDto,
  TeamDto,
  TeamMemberView,
} from './inspections/inspection.dto';
import {
  CrossOrderDto,
  CrossOrderView,
  CrossPairView,
  RotationPlanDto,
  RotationPlanView,
} from './cross/cross.dto';
import { CrossOrder, Inspection, Person, TeamMember } from './entities';
import { CrossService } from './cross/cross.service';
import { InspectionsService } from './inspections/inspections.service';
import { MODE_LABELS, STATUS_LABELS } from './labels';
import type { RotationPlan } from './cross/rotation-planner';

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

export function inspectionView(i: Inspection): InspectionView {
  return {
    id: i.id,
    role: i.role,
    mode: i.mode,
    modeLabel: MODE_LABELS[i.mode],
    roundId: i.roundId,
    ownerNode: i.ownerNode,
    conductingNode: i.conductingNode,
    organizationCode: i.organizationCode,
    organizationName: i.organizationName,
    organizationCategory: i.organizationCategory,
    crossOrderId: i.crossOrderId,
    windowStart: i.windowStart,
    windowEnd: i.windowEnd,
    status: i.status,
    statusLabel: STATUS_LABELS[i.status] ?? i.status,
    refusalReason: i.refusalReason,
    feedbackAt: isoOrNull(i.feedbackAt),
    feedbackSummary: i.feedbackSummary,
    handedBackAt: isoOrNull(i.handedBackAt),
    handBackNotes: i.handBackNotes,
  };
}

function inspectionDetailView(
  i: Inspection,
  team: Array<TeamMember & { person: Person }>,
): InspectionDetailView {
  return {
    ...inspectionView(i),
    team: team.map((m): TeamMemberView => ({
      role: m.role,
      personId: m.personId,
      name: m.person.name,
      lentBy: m.person.lentBy,
    })),
  };
}

function crossView(o: CrossOrder): CrossOrderView {
  return {
    id: o.id,
    role: o.role,
    roundId: o.roundId,
    localRoundId: o.localRoundId,
    orderingNode: o.orderingNode,
    visitingNode: o.visitingNode,
    inspectedNode: o.inspectedNode,
    organizationCodes: o.organizationCodes,
    windowStart: o.windowStart,
    windowEnd: o.windowEnd,
    eventIds: o.eventIds,
    status: o.status,
    refusalReason: o.refusalReason,
    createdAt: iso(o.createdAt),
    statusLabel: STATUS_LABELS[o.status] ?? o.status,
  };
}

const pairView = (p: CrossPairView): CrossPairView => ({
  visitingNode: p.visitingNode,
  inspectedNode: p.inspectedNode,
});

function rotationPlanView(
  plan: RotationPlan & { previousPairs: CrossPairView[] },
): RotationPlanView {
  const previousPairs = plan.previousPairs.map(pairView);
  return plan.feasible
    ? { feasible: true, assignments: plan.assignments.map(pairView), previousPairs }
    : {
        feasible: false,
        reasons: plan.reasons.map((r) => r.zh),
        reasonsEn: plan.reasons.map((r) => r.en),
        previousPairs,
      };
}

@ApiTags('rounds and inspections (轮次与巡察)')
@Controller()
@Allow('inspection_office', 'leading_group', 'viewer')
export class InspectionsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionsService,
  ) {}

  @Post('rounds/:id/inspections')
  @Allow('inspection_office')
  @ApiOperation({ summary: '在轮次中安排巡察（本级对象，或下级对象的提级巡察）' })
  @ApiCreatedResponse({ type: InspectionView })
  @ApiRefusals(404, 409)
  async schedule(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ScheduleInspectionDto,
    @CurrentUser() user: Principal,
  ): Promise<InspectionView> {
    return inspectionView(await this.inspections.schedule(id, dto, actorOf(user)));
  }

  @Get('inspections')
  @ApiOperation({ summary: '巡察列表（可按轮次筛选）' })
  @ApiOkResponse({ type: [InspectionView] })
  async list(@Query() query: RoundQuery): Promise<InspectionView[]> {
    const rows = await this.dataSource.manager.find(Inspection, {
      where: query.roundId ? { roundId: query.roundId } : {},
      order: { createdAt: 'ASC' },
      take: 1000,
    });
    return rows.map(inspectionView);
  }

  @Get('inspections/:id')
  @ApiOperation({ summary: '巡察详情及巡察组' })
  @ApiOkResponse({ type: InspectionDetailView })
  @ApiRefusals(404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<InspectionDetailView> {
    const inspection = await this.inspections.get(id);
    return inspectionDetailView(inspection, await this.inspections.team(id));
  }

  @Put('inspections/:id/team')
  @Allow('inspection_office')
  @ApiOperation({ summary: '组建巡察组（组长、副组长、成员；检查回避）' })
  @ApiOkResponse({ type: InspectionDetailView })
  @ApiRefusals(404, 409)
  async setTeam(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TeamDto,
    @CurrentUser() user: Principal,
  ): Promise<InspectionDetailView> {
    await this.inspections.setTeam(id, dto, actorOf(user));
    return this.get(id);
  }

  @Post('inspections/:id/feedback')
  @Allow('inspection_office')
  @ApiOperation({ summary: '反馈：巡察完成，计入被巡察对象所在节点的全覆盖' })
  @ApiCreatedResponse({ type: InspectionView })
  @ApiRefusals(404, 409)
  async feedback(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FeedbackDto,
    @CurrentUser() user: Principal,
  ): Promise<InspectionView> {
    return inspectionView(await this.inspections.giveFeedback(id, dto.summary, actorOf(user)));
  }

  @Post('inspections/:id/hand-back')
  @Allow('inspection_office')
  @ApiOperation({ summary: '移交整改监督（提级巡察、交叉巡察反馈后）' })
  @ApiCreatedResponse({ type: InspectionView })
  @ApiRefusals(404, 409)
  async handBack(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: HandBackDto,
    @CurrentUser() user: Principal,
  ): Promise<InspectionView> {
    return inspectionView(await this.inspections.handBack(id, dto.notes, actorOf(user)));
  }
}

@ApiTags('cross inspection (交叉巡察)')
@Controller('cross-orders')
@Allow('inspection_office', 'leading_group', 'viewer')
export class CrossController {
  constructor(private readonly cross: CrossService) {}

  @Post()
  @Allow('inspection_office')
  @ApiOperation({ summary: '安排交叉巡察（由共同的上级下达）' })
  @ApiCreatedResponse({ type: [CrossOrderView] })
  @ApiRefusals(404, 409)
  async order(
    @Body() dto: CrossOrderDto,
    @CurrentUser() user: Principal,
  ): Promise<CrossOrderView[]> {
    return (await this.cross.order(dto.roundId, dto.assignments, actorOf(user))).map(crossView);
  }

  @Get()
  @ApiOperation({ summary: '交叉巡察安排列表（可按轮次筛选）' })
  @ApiOkResponse({ type: [CrossOrderView] })
  async list(@Query() query: RoundQuery): Promise<CrossOrderView[]> {
    return (await this.cross.list(query.roundId)).map(crossView);
  }

  /** 轮换: a rotation among peers with no self, reciprocal, repeated or recused pair. */
  @Post('plan')
  @Allow('inspection_office', 'leading_group')
  @ApiOperation({ summary: '生成交叉巡察轮换方案（不自查、不互查、不重复上一轮、避开回避）' })
  @ApiCreatedResponse({ type: RotationPlanView })
  async plan(@Body() dto: RotationPlanDto): Promise<RotationPlanView> {
    return rotationPlanView(await this.cross.plan(dto));
  }
}
