import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { DataSource, In, Not } from 'typeorm';
import { CATEGORIES, Category } from './categories';
import { CoverageService, OrganizationCoverageRow } from './coverage/coverage.service';
import { fileResponse, tableFile, XLSX_TYPE } from '@liandong/common';
import { coverageRate, emptyOversight, Forecast, forecast } from './coverage/figures';
import { TermsService } from './coverage/terms.service';
import { chinaDate, CoverageFiguresV1, OversightFiguresV1 } from '@liandong/protocol';
import {
  CoverageExportQuery,
  CoverageOrganizationsQuery,
  CreateTermDto,
  CategoryFiguresView,
  ChildCoverageView,
  CoverageOrganizationView,
  CoverageView,
  FiguresView,
  ForecastView,
  OversightView,
  TermView,
} from './coverage/coverage.dto';
import {
  CreateRoundDto,
  RoundDetailView,
  RoundLinkView,
  RoundQuery,
  RoundView,
} from './rounds/round.dto';
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
import {
  DeclineDto,
  PersonDto,
  PersonView,
  SecondmentDto,
  SecondmentView,
} from './personnel/personnel.dto';
import {
  ChildCoverage,
  CrossOrder,
  Inspection,
  Person,
  Round,
  RoundLink,
  Secondment,
  TeamMember,
  Term,
} from './entities';
import { CrossService } from './cross/cross.service';
import { InspectionsService } from './inspections/inspections.service';
import { RoundsService } from './rounds/rounds.service';
import {
  COVERAGE_STATUS_LABELS,
  MODE_LABELS,
  ROUND_TYPE_LABELS,
  SOURCE_BODY_LABELS,
  STATUS_LABELS,
} from './labels';
import { PersonnelService } from './personnel/personnel.service';
import { Clock, NodeNames } from '@liandong/messaging';
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

function termView(t: Term): TermView {
  return {
    id: t.id,
    name: t.name,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    createdBy: t.createdBy,
    createdAt: iso(t.createdAt),
  };
}

function roundView(r: Round): RoundView {
  return {
    id: r.id,
    type: r.type,
    theme: r.theme,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    parentRoundId: r.parentRoundId,
    parentNode: r.parentNode,
    createdBy: r.createdBy,
    createdAt: iso(r.createdAt),
    typeLabel: ROUND_TYPE_LABELS[r.type],
  };
}

function roundLinkView(l: RoundLink): RoundLinkView {
  return {
    roundId: l.roundId,
    childNode: l.childNode,
    childRoundId: l.childRoundId,
    acknowledgedAt: isoOrNull(l.acknowledgedAt),
  };
}

function personView(p: Person): PersonView {
  return {
    id: p.id,
    name: p.name,
    sourceBody: p.sourceBody,
    homeJurisdiction: p.homeJurisdiction,
    homeUnitCode: p.homeUnitCode,
    homeUnitName: p.homeUnitName,
    username: p.username,
    posts: p.posts.map((post) => ({
      nodeId: post.nodeId,
      unitCode: post.unitCode,
      unitName: post.unitName,
      title: post.title,
      from: post.from,
      to: post.to ?? null,
    })),
    relations: p.relations.map((r) => ({
      name: r.name,
      relation: r.relation,
      nodeId: r.nodeId,
      unitCode: r.unitCode,
      unitName: r.unitName,
    })),
    lentBy: p.lentBy,
    secondmentId: p.secondmentId,
    createdAt: iso(p.createdAt),
    sourceBodyLabel: SOURCE_BODY_LABELS[p.sourceBody],
  };
}

function oversightView(o: OversightFiguresV1): OversightView {
  return {
    rectifications: o.rectifications,
    rectificationsOverdue: o.rectificationsOverdue,
    items: o.items,
    itemsClosed: o.itemsClosed,
    referralsSent: o.referralsSent,
    referralsOpen: o.referralsOpen,
    referralsOverdue: o.referralsOverdue,
    referralsDisposed: o.referralsDisposed,
  };
}

function figuresView(f: CoverageFiguresV1): FiguresView {
  return {
    organizations: f.organizations,
    covered: f.covered,
    coveredOwn: f.coveredOwn,
    coveredEscalated: f.coveredEscalated,
    coveredCross: f.coveredCross,
    byCategory: f.byCategory.map((c): CategoryFiguresView => ({
      category: c.category,
      organizations: c.organizations,
      covered: c.covered,
      label: CATEGORIES[c.category as Category] ?? c.category,
      remaining: c.organizations - c.covered,
    })),
    remaining: f.organizations - f.covered,
    rate: coverageRate(f),
  };
}

function forecastView(f: Forecast): ForecastView {
  return {
    status: f.status,
    label: f.label,
    pacePerYear: f.pacePerYear,
    projectedAtTermEnd: f.projectedAtTermEnd,
    neededPerYear: f.neededPerYear,
  };
}

function childCoverageView(child: ChildCoverage): ChildCoverageView {
  return {
    nodeId: child.nodeId,
    name: child.name,
    asOf: iso(child.asOf),
    term: child.termStartsOn ? { startsOn: child.termStartsOn, endsOn: child.termEndsOn } : null,
    own: figuresView(child.own),
    subtree: figuresView(child.subtree),
    ownOversight: child.ownOversight ? oversightView(child.ownOversight) : null,
    subtreeOversight: child.subtreeOversight ? oversightView(child.subtreeOversight) : null,
    children: child.children.map((c) => ({
      nodeId: c.nodeId,
      name: c.name,
      subtree: figuresView(c.figures),
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

function secondmentView(s: Secondment): SecondmentView {
  return {
    id: s.id,
    role: s.role,
    personId: s.personId,
    borrowingNode: s.borrowingNode,
    lendingNode: s.lendingNode,
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    purpose: s.purpose,
    status: s.status,
    reason: s.reason,
    requestedAt: iso(s.requestedAt),
    decidedAt: isoOrNull(s.decidedAt),
    statusLabel: STATUS_LABELS[s.status] ?? s.status,
  };
}

@ApiTags('terms and coverage (届期与全覆盖)')
@Controller()
@Allow('inspection_office', 'leading_group', 'viewer')
export class CoverageController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly terms: TermsService,
    private readonly coverage: CoverageService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  @Post('terms')
  @Allow('inspection_office')
  @ApiOperation({ summary: '设置届期（默认五年）' })
  @ApiCreatedResponse({ type: TermView })
  @ApiRefusals(409)
  async createTerm(@Body() dto: CreateTermDto, @CurrentUser() user: Principal): Promise<TermView> {
    return termView(await this.terms.create(dto, actorOf(user)));
  }

  @Get('terms')
  @ApiOperation({ summary: '届期列表' })
  @ApiOkResponse({ type: [TermView] })
  async listTerms(): Promise<TermView[]> {
    return (await this.terms.list()).map(termView);
  }

  /** Own coverage with its forecast, the subtree's, and each child's as it last reported. */
  @Get('coverage')
  @ApiOperation({ summary: '全覆盖情况：本级（含预测）、本级及下级合计、各下级' })
  @ApiOkResponse({ type: CoverageView, description: '全覆盖: own, subtree and per-child figures' })
  async view(): Promise<CoverageView> {
    const manager = this.dataSource.manager;
    const children = await this.coverage.children(manager);
    const snapshot = await this.coverage.snapshot(manager, children);
    const term = snapshot.termStartsOn
      ? { startsOn: snapshot.termStartsOn, endsOn: snapshot.termEndsOn as string }
      : null;
    return {
      asOf: snapshot.asOf,
      term,
      ownOversight: oversightView(snapshot.ownOversight ?? emptyOversight()),
      subtreeOversight: oversightView(snapshot.subtreeOversight ?? emptyOversight()),
      own: {
        ...figuresView(snapshot.own),
        forecast: forecastView(forecast(snapshot.own, term, chinaDate(this.clock.now()))),
      },
      subtree: figuresView(snapshot.subtree),
      children: children.map(childCoverageView),
    };
  }

  /** Each organization with whether, how and when it was covered this term, and open hosted inspections. */
  @Get('coverage/organizations')
  @ApiOperation({ summary: '对象覆盖明细：每个党组织本届是否已巡察、方式和时间' })
  @ApiOkResponse({
    type: [CoverageOrganizationView],
    headers: {
      'X-Total-Count': {
        description: 'how many match in all (the page holds at most `limit`)',
        schema: { type: 'integer' },
      },
    },
  })
  async organizations(
    @Query() query: CoverageOrganizationsQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CoverageOrganizationView[]> {
    const rows = await this.coverage.organizations(this.dataSource.manager, {
      ...query,
      limit: query.limit ?? 100,
    });
    response.setHeader(
      'X-Total-Count',
      String(await this.coverage.organizationCount(this.dataSource.manager, query)),
    );
    const hosted = await this.dataSource.manager.find(Inspection, {
      where: {
        organizationCode: In(rows.map((o) => o.code)),
        role: 'hosted',
        status: Not('refused'),
      },
      order: { createdAt: 'ASC' },
    });
    return rows.map((row) => {
      const latest = hosted.filter((i) => i.organizationCode === row.code).pop();
      return coverageRowView(
        row,
        latest
          ? `${MODE_LABELS[latest.mode]}：由${this.names.label(latest.conductingNode)}实施`
          : null,
      );
    });
  }

  /** The same list as a file for the office: Excel (default) or CSV, every row. */
  @Get('coverage/organizations/export')
  @ApiOperation({ summary: '导出对象覆盖明细（Excel 或 CSV）' })
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOkResponse(fileResponse('the list as a file (Excel by default, CSV with format=csv)'))
  async exportOrganizations(@Query() query: CoverageExportQuery): Promise<StreamableFile> {
    const rows = await this.coverage.organizations(this.dataSource.manager, query);
    const table = [
      ['代码', '名称', '类别', '覆盖情况', '覆盖方式', '反馈日期', '实施单位'],
      ...rows.map((row) => {
        const view = coverageRowView(row, null);
        return [
          view.code,
          view.name,
          view.categoryLabel,
          view.covered ? COVERAGE_STATUS_LABELS.covered : COVERAGE_STATUS_LABELS.remaining,
          view.modeLabel ?? '',
          view.feedbackOn ?? '',
          view.conductedBy ? this.names.label(view.conductedBy) : '',
        ];
      }),
    ];
    return tableFile(query.format, 'coverage', '全覆盖', table);
  }
}

function coverageRowView(
  row: OrganizationCoverageRow,
  note: string | null,
): CoverageOrganizationView {
  return {
    code: row.code,
    name: row.name,
    category: row.category,
    categoryLabel: CATEGORIES[row.category as Category] ?? row.category,
    covered: row.mode !== null,
    mode: row.mode,
    modeLabel: row.mode ? MODE_LABELS[row.mode as keyof typeof MODE_LABELS] : null,
    feedbackOn: row.feedbackAt ? chinaDate(row.feedbackAt) : null,
    conductedBy: row.conductedBy,
    note,
  };
}

@ApiTags('rounds and inspections (轮次与巡察)')
@Controller()
@Allow('inspection_office', 'leading_group', 'viewer')
export class InspectionsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly inspections: InspectionsService,
  ) {}

  @Post('rounds')
  @Allow('inspection_office')
  @ApiOperation({ summary: '建立轮次（可带动下级开展巡视带巡察）' })
  @ApiCreatedResponse({ type: RoundView })
  @ApiRefusals(409)
  async createRound(
    @Body() dto: CreateRoundDto,
    @CurrentUser() user: Principal,
  ): Promise<RoundView> {
    return roundView(await this.rounds.create(dto, actorOf(user)));
  }

  @Get('rounds')
  @ApiOperation({ summary: '轮次列表' })
  @ApiOkResponse({ type: [RoundView] })
  async listRounds(): Promise<RoundView[]> {
    const rounds = await this.dataSource.manager.find(Round, { order: { createdAt: 'DESC' } });
    return rounds.map(roundView);
  }

  /** A round with its linked children, its inspections and the results reported under it. */
  @Get('rounds/:id')
  @ApiOperation({ summary: '轮次详情：联动的下级、本级巡察和上报的结果' })
  @ApiOkResponse({ type: RoundDetailView })
  @ApiRefusals(404)
  async getRound(@Param('id', ParseUUIDPipe) id: string): Promise<RoundDetailView> {
    const round = await this.rounds.get(id);
    const links = await this.dataSource.manager.find(RoundLink, {
      where: { roundId: id },
      order: { childNode: 'ASC' },
    });
    const inspections = await this.dataSource.manager.find(Inspection, {
      where: { roundId: id },
      order: { createdAt: 'ASC' },
    });
    return {
      ...roundView(round),
      links: links.map(roundLinkView),
      inspections: inspections.filter((i) => i.role === 'conducting').map(inspectionView),
      reported: inspections.filter((i) => i.role === 'reported').map(inspectionView),
    };
  }

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

@ApiTags('personnel pool and secondment (干部人才库与上挂下派)')
@Controller()
@Allow('inspection_office', 'leading_group')
export class PersonnelController {
  constructor(private readonly personnel: PersonnelService) {}

  @Post('personnel')
  @Allow('inspection_office')
  @ApiOperation({ summary: '登记干部人才库人员' })
  @ApiCreatedResponse({ type: PersonView })
  @ApiRefusals(409, 422)
  async add(@Body() dto: PersonDto, @CurrentUser() user: Principal): Promise<PersonView> {
    return personView(await this.personnel.add(dto, actorOf(user)));
  }

  @Get('personnel')
  @ApiOperation({ summary: '干部人才库人员列表' })
  @ApiOkResponse({ type: [PersonView] })
  async list(): Promise<PersonView[]> {
    return (await this.personnel.list()).map(personView);
  }

  @Get('personnel/:id')
  @ApiOperation({ summary: '人才库人员详情' })
  @ApiOkResponse({ type: PersonView })
  @ApiRefusals(404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<PersonView> {
    return personView(await this.personnel.get(id));
  }

  @Post('secondments')
  @Allow('inspection_office')
  @ApiOperation({ summary: '申请借调人员（上挂下派，向上级或下级借调）' })
  @ApiCreatedResponse({ type: SecondmentView })
  @ApiRefusals(409)
  async request(
    @Body() dto: SecondmentDto,
    @CurrentUser() user: Principal,
  ): Promise<SecondmentView> {
    return secondmentView(await this.personnel.request(dto, actorOf(user)));
  }

  @Get('secondments')
  @ApiOperation({ summary: '借调申请列表（借入和借出）' })
  @ApiOkResponse({ type: [SecondmentView] })
  async secondments(): Promise<SecondmentView[]> {
    return (await this.personnel.secondments()).map(secondmentView);
  }

  @Post('secondments/:id/approve')
  @Allow('inspection_office')
  @ApiOperation({ summary: '同意借调（借出方）' })
  @ApiCreatedResponse({ type: SecondmentView })
  @ApiRefusals(404, 409)
  async approve(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<SecondmentView> {
    return secondmentView(await this.personnel.decide(id, 'approved', null, actorOf(user)));
  }

  @Post('secondments/:id/decline')
  @Allow('inspection_office')
  @ApiOperation({ summary: '拒绝借调（借出方，须说明理由）' })
  @ApiCreatedResponse({ type: SecondmentView })
  @ApiRefusals(404, 409)
  async decline(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeclineDto,
    @CurrentUser() user: Principal,
  ): Promise<SecondmentView> {
    return secondmentView(await this.personnel.decide(id, 'declined', dto.reason, actorOf(user)));
  }
}
