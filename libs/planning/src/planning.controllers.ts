import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, CurrentUser, Principal } from '@liandong/access';
import { DataSource, In, Not } from 'typeorm';
import { CATEGORIES, Category } from './categories';
import { CoverageService, OrganizationCoverageRow } from './term-coverage/coverage.service';
import { toCsv } from './files/csv';
import { toXlsx } from './files/xlsx';
import { XLSX_TYPE } from './registry.controller';
import { coverageRate, forecast } from './term-coverage/figures';
import { TermsService } from './term-coverage/terms.service';
import { chinaDate } from './dates';
import {
  CoverageExportQuery,
  CoverageOrganizationsQuery,
  CreateRoundDto,
  CreateTermDto,
  CrossOrderDto,
  DeclineDto,
  FeedbackDto,
  HandBackDto,
  PersonDto,
  RotationPlanDto,
  RoundQuery,
  ScheduleInspectionDto,
  SecondmentDto,
  TeamDto,
} from './dto/planning.dto';
import { CrossOrder, Inspection, Person, Round, RoundLink, Secondment } from './entities';
import { CrossService } from './inspections/cross.service';
import { InspectionsService } from './inspections/inspections.service';
import { RoundsService } from './inspections/rounds.service';
import { MODE_LABELS, ROUND_TYPE_LABELS, SOURCE_BODY_LABELS, STATUS_LABELS } from './labels';
import { PersonnelService } from './personnel/personnel.service';
import { Clock, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import type { CoverageFiguresV1 } from '@liandong/protocol';

export function inspectionView(i: Inspection) {
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
    feedbackAt: i.feedbackAt?.toISOString() ?? null,
    feedbackSummary: i.feedbackSummary,
    handedBackAt: i.handedBackAt?.toISOString() ?? null,
    handBackNotes: i.handBackNotes,
  };
}

function roundView(r: Round) {
  return { ...r, typeLabel: ROUND_TYPE_LABELS[r.type], createdAt: r.createdAt.toISOString() };
}

function personView(p: Person) {
  return {
    ...p,
    sourceBodyLabel: SOURCE_BODY_LABELS[p.sourceBody],
    createdAt: p.createdAt.toISOString(),
  };
}

function figuresView(f: CoverageFiguresV1) {
  return {
    ...f,
    remaining: f.organizations - f.covered,
    rate: coverageRate(f),
    byCategory: f.byCategory.map((c) => ({
      ...c,
      label: CATEGORIES[c.category as Category] ?? c.category,
      remaining: c.organizations - c.covered,
    })),
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
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  @Post('terms')
  @Allow('inspection_office')
  createTerm(@Body() dto: CreateTermDto, @CurrentUser() user: Principal) {
    return this.terms.create(dto, actorOf(user));
  }

  @Get('terms')
  listTerms() {
    return this.terms.list();
  }

  /** Own coverage with its forecast, the subtree's, and each child's as it last reported. */
  @Get('coverage')
  @ApiOkResponse({ description: '全覆盖: own, subtree and per-child figures' })
  async view() {
    const manager = this.dataSource.manager;
    const children = await this.coverage.children(manager);
    const snapshot = await this.coverage.snapshot(manager, children);
    const term = snapshot.termStartsOn
      ? { startsOn: snapshot.termStartsOn, endsOn: snapshot.termEndsOn as string }
      : null;
    return {
      asOf: snapshot.asOf,
      term,
      ownOversight: snapshot.ownOversight,
      subtreeOversight: snapshot.subtreeOversight,
      own: {
        ...figuresView(snapshot.own),
        forecast: forecast(snapshot.own, term, chinaDate(this.clock.now())),
      },
      subtree: figuresView(snapshot.subtree),
      children: children.map((child) => ({
        nodeId: child.nodeId,
        name: child.name,
        asOf: child.asOf.toISOString(),
        term: child.termStartsOn
          ? { startsOn: child.termStartsOn, endsOn: child.termEndsOn }
          : null,
        own: figuresView(child.own),
        subtree: figuresView(child.subtree),
        ownOversight: child.ownOversight,
        subtreeOversight: child.subtreeOversight,
        children: child.children.map((c) => ({
          nodeId: c.nodeId,
          name: c.name,
          subtree: figuresView(c.figures),
        })),
      })),
    };
  }

  /** Each organization with whether, how and when it was covered this term, and open hosted inspections. */
  @Get('coverage/organizations')
  async organizations(@Query() query: CoverageOrganizationsQuery) {
    const rows = await this.coverage.organizations(this.dataSource.manager, {
      ...query,
      limit: query.limit ?? 100,
    });
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
      return {
        ...coverageRowView(row),
        note: latest ? `${MODE_LABELS[latest.mode]}：由 ${latest.conductingNode} 实施` : null,
      };
    });
  }

  /** The same list as a file for the office: Excel (default) or CSV, every row. */
  @Get('coverage/organizations/export')
  @ApiProduces('text/csv', XLSX_TYPE)
  async exportOrganizations(@Query() query: CoverageExportQuery): Promise<StreamableFile> {
    const rows = await this.coverage.organizations(this.dataSource.manager, query);
    const table = [
      ['代码', '名称', '类别', '覆盖情况', '覆盖方式', '反馈日期', '实施单位'],
      ...rows.map((row) => {
        const view = coverageRowView(row);
        return [
          view.code,
          view.name,
          view.categoryLabel,
          view.covered ? '已覆盖' : '未覆盖',
          view.modeLabel ?? '',
          view.feedbackOn ?? '',
          view.conductedBy ?? '',
        ];
      }),
    ];
    if (query.format === 'csv')
      return new StreamableFile(Buffer.from(toCsv(table), 'utf8'), {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment; filename="coverage.csv"',
      });
    return new StreamableFile(await toXlsx('全覆盖', table), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="coverage.xlsx"',
    });
  }
}

function coverageRowView(row: OrganizationCoverageRow) {
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
  async createRound(@Body() dto: CreateRoundDto, @CurrentUser() user: Principal) {
    return roundView(await this.rounds.create(dto, actorOf(user)));
  }

  @Get('rounds')
  async listRounds() {
    const rounds = await this.dataSource.manager.find(Round, { order: { createdAt: 'DESC' } });
    return rounds.map(roundView);
  }

  /** A round with its linked children, its inspections and the results reported under it. */
  @Get('rounds/:id')
  async getRound(@Param('id', ParseUUIDPipe) id: string) {
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
      links: links.map((l) => ({ ...l, acknowledgedAt: l.acknowledgedAt?.toISOString() ?? null })),
      inspections: inspections.filter((i) => i.role === 'conducting').map(inspectionView),
      reported: inspections.filter((i) => i.role === 'reported').map(inspectionView),
    };
  }

  @Post('rounds/:id/inspections')
  @Allow('inspection_office')
  async schedule(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ScheduleInspectionDto,
    @CurrentUser() user: Principal,
  ) {
    return inspectionView(await this.inspections.schedule(id, dto, actorOf(user)));
  }

  @Get('inspections')
  async list(@Query() query: RoundQuery) {
    const rows = await this.dataSource.manager.find(Inspection, {
      where: query.roundId ? { roundId: query.roundId } : {},
      order: { createdAt: 'ASC' },
      take: 1000,
    });
    return rows.map(inspectionView);
  }

  @Get('inspections/:id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    const inspection = await this.inspections.get(id);
    const team = await this.inspections.team(id);
    return {
      ...inspectionView(inspection),
      team: team.map((m) => ({
        role: m.role,
        personId: m.personId,
        name: m.person.name,
        lentBy: m.person.lentBy,
      })),
    };
  }

  @Put('inspections/:id/team')
  @Allow('inspection_office')
  async setTeam(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TeamDto,
    @CurrentUser() user: Principal,
  ) {
    await this.inspections.setTeam(id, dto, actorOf(user));
    return this.get(id);
  }

  @Post('inspections/:id/feedback')
  @Allow('inspection_office')
  async feedback(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FeedbackDto,
    @CurrentUser() user: Principal,
  ) {
    return inspectionView(await this.inspections.giveFeedback(id, dto.summary, actorOf(user)));
  }

  @Post('inspections/:id/hand-back')
  @Allow('inspection_office')
  async handBack(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: HandBackDto,
    @CurrentUser() user: Principal,
  ) {
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
  async order(@Body() dto: CrossOrderDto, @CurrentUser() user: Principal) {
    return (await this.cross.order(dto.roundId, dto.assignments, actorOf(user))).map(crossView);
  }

  @Get()
  async list(@Query() query: RoundQuery) {
    return (await this.cross.list(query.roundId)).map(crossView);
  }

  /** 轮换: a rotation among peers with no self, reciprocal, repeated or recused pair. */
  @Post('plan')
  @Allow('inspection_office', 'leading_group')
  plan(@Body() dto: RotationPlanDto) {
    return this.cross.plan(dto);
  }
}

function crossView(o: CrossOrder) {
  return {
    ...o,
    statusLabel: STATUS_LABELS[o.status] ?? o.status,
    createdAt: o.createdAt.toISOString(),
  };
}

@ApiTags('personnel pool and secondment (干部人才库与上挂下派)')
@Controller()
@Allow('inspection_office', 'leading_group')
export class PersonnelController {
  constructor(private readonly personnel: PersonnelService) {}

  @Post('personnel')
  @Allow('inspection_office')
  async add(@Body() dto: PersonDto, @CurrentUser() user: Principal) {
    return personView(await this.personnel.add(dto, actorOf(user)));
  }

  @Get('personnel')
  async list() {
    return (await this.personnel.list()).map(personView);
  }

  @Get('personnel/:id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    return personView(await this.personnel.get(id));
  }

  @Post('secondments')
  @Allow('inspection_office')
  request(@Body() dto: SecondmentDto, @CurrentUser() user: Principal) {
    return this.personnel.request(dto, actorOf(user)).then(secondmentView);
  }

  @Get('secondments')
  async secondments() {
    return (await this.personnel.secondments()).map(secondmentView);
  }

  @Post('secondments/:id/approve')
  @Allow('inspection_office')
  approve(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    return this.personnel.decide(id, 'approved', null, actorOf(user)).then(secondmentView);
  }

  @Post('secondments/:id/decline')
  @Allow('inspection_office')
  decline(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeclineDto,
    @CurrentUser() user: Principal,
  ) {
    return this.personnel.decide(id, 'declined', dto.reason, actorOf(user)).then(secondmentView);
  }
}

function secondmentView(s: Secondment) {
  return { ...s, statusLabel: STATUS_LABELS[s.status] ?? s.status };
}
