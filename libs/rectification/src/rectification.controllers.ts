import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ExportQuery, toCsv, toXlsx, XLSX_TYPE } from '@liandong/planning';
import { Allow, CurrentUser, Principal } from '@liandong/access';
import { Clock } from '@liandong/messaging';
import {
  AssignItemDto,
  CloseItemDto,
  DecisionDto,
  DisclosureDto,
  DispositionDto,
  EvidenceQuery,
  FindingDto,
  FindingRevisionDto,
  FollowUpDto,
  ProgressReportDto,
  ReferralDto,
  ReportDto,
  SignQuery,
} from './dto/rectification.dto';
import { Evidence, Finding, Referral } from './entities';
import { EVIDENCE_TYPES } from './findings/evidence-type';
import { FindingsService } from './findings/findings.service';
import { ALERT_LABELS } from './rectification/deadline';
import { RectificationService } from './rectification/rectification.service';
import { referralState, ReferralsService } from './referrals/referrals.service';
import { ReportsService } from './reports/reports.service';

const FINDING_STATUS_LABELS = { drafted: '已起草', checked: '已审核', signed: '已签字' };
const REFERRAL_STATE_LABELS = {
  open: '待签收',
  overdue: '逾期未签收',
  acknowledged: '已签收',
  disposed: '已处置',
};

function evidenceView(e: Evidence) {
  // The file itself is fetched on its own, audited; a listing never carries it.
  return { ...e, data: undefined };
}

function findingView(f: Finding & { evidence?: Evidence[] }) {
  return {
    ...f,
    statusLabel: FINDING_STATUS_LABELS[f.status],
    evidence: f.evidence?.map(evidenceView),
  };
}

@ApiTags('findings and reports (问题底稿与巡视报告)')
@Controller()
export class FindingsController {
  constructor(
    private readonly findings: FindingsService,
    private readonly reports: ReportsService,
  ) {}

  @Post('inspections/:id/findings')
  @Allow('team_member', 'team_leader')
  async draft(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingDto,
    @CurrentUser() user: Principal,
  ) {
    return findingView(await this.findings.draft(id, dto, user));
  }

  @Get('inspections/:id/findings')
  @Allow('team_member', 'team_leader', 'inspection_office', 'leading_group')
  async list(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    return (await this.findings.list(id, user)).map(findingView);
  }

  @Patch('findings/:id')
  @Allow('team_member', 'team_leader')
  async revise(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingRevisionDto,
    @CurrentUser() user: Principal,
  ) {
    return findingView(await this.findings.revise(id, dto, user));
  }

  @Post('findings/:id/evidence')
  @Allow('team_member', 'team_leader')
  @ApiConsumes(...Object.keys(EVIDENCE_TYPES))
  @ApiBody({ description: 'the file itself; at most 20 MB; its content must match its type' })
  async addEvidence(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: EvidenceQuery,
    @Body() data: Buffer,
    @CurrentUser() user: Principal,
    @Headers('content-type') contentType?: string,
  ) {
    return evidenceView(
      await this.findings.addEvidence(id, { data, contentType, filename: query.filename }, user),
    );
  }

  @Get('findings/:id/evidence/:evidenceId')
  @Allow('team_member', 'team_leader', 'inspection_office', 'leading_group')
  async readEvidence(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @CurrentUser() user: Principal,
  ): Promise<StreamableFile> {
    const { evidence, data } = await this.findings.readEvidence(id, evidenceId, user);
    return new StreamableFile(data, {
      type: evidence.contentType,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(evidence.filename)}`,
    });
  }

  @Post('findings/:id/check')
  @Allow('team_member', 'team_leader')
  async check(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    return findingView(await this.findings.check(id, user));
  }

  @Post('findings/:id/sign')
  @Allow('team_leader')
  async sign(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    return findingView(await this.findings.sign(id, user));
  }

  @Post('inspections/:id/reports')
  @Allow('inspection_office', 'team_leader')
  finalize(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReportDto,
    @CurrentUser() user: Principal,
  ) {
    return this.reports.finalize(id, dto, user);
  }

  @Get('inspections/:id/reports')
  @Allow('inspection_office', 'leading_group', 'team_leader', 'team_member')
  versions(@Param('id', ParseUUIDPipe) id: string) {
    return this.reports.versions(id);
  }

  @Post('reports/:id/decision')
  @Allow('leading_group')
  decide(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.reports.decide(id, dto.decision, user);
  }
}

@ApiTags('referrals (移交)')
@Controller()
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly clock: Clock,
  ) {}

  private view(r: Referral) {
    const state = referralState(r, this.clock.now());
    // Whether the content is sealed, never the box itself: it is opened through /content.
    return { ...r, sealed: Boolean(r.sealed), state, stateLabel: REFERRAL_STATE_LABELS[state] };
  }

  @Post('findings/:id/referrals')
  @Allow('inspection_office')
  async make(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReferralDto,
    @CurrentUser() user: Principal,
  ) {
    return this.view(await this.referrals.make(id, dto, user));
  }

  /** Sent: open, overdue, disposed and the disposal rate; received: what awaits this node. */
  @Get('referrals')
  @Allow('inspection_office', 'leading_group', 'receiving_body')
  async list() {
    const { sent, received } = await this.referrals.list();
    const sentViews = sent.map((r) => this.view(r));
    const disposed = sentViews.filter((r) => r.state === 'disposed').length;
    return {
      sent: sentViews,
      received: received.map((r) => this.view(r)),
      summary: {
        sent: sent.length,
        open: sentViews.filter((r) => r.state !== 'disposed').length,
        overdue: sentViews.filter((r) => r.state === 'overdue').length,
        disposed,
        disposalRate: sent.length ? Math.round((disposed / sent.length) * 1000) / 10 : 0,
      },
    };
  }

  @Get('referrals/:id/content')
  @Allow('receiving_body')
  content(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    return this.referrals.content(id, user);
  }

  @Post('referrals/:id/acknowledge')
  @Allow('receiving_body', 'inspection_office')
  async acknowledge(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    return this.view(await this.referrals.acknowledge(id, user));
  }

  @Post('referrals/:id/disposition')
  @Allow('receiving_body')
  async dispose(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DispositionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.view(await this.referrals.dispose(id, dto.disposition, user));
  }
}

@ApiTags('rectification (整改)')
@Controller()
export class RectificationController {
  constructor(private readonly rectification: RectificationService) {}

  @Get('rectifications')
  @Allow(
    'inspection_office',
    'leading_group',
    'supervision_office',
    'organization_department',
    'viewer',
  )
  list() {
    return this.rectification.list();
  }

  @Get('rectifications/:id')
  @Allow(
    'inspection_office',
    'leading_group',
    'supervision_office',
    'organization_department',
    'viewer',
  )
  async view(@Param('id', ParseUUIDPipe) id: string) {
    const view = await this.rectification.view(id);
    return {
      ...view,
      alerts: view.alerts.map((a) => ({ ...a, label: ALERT_LABELS[a.level] })),
      deadline: {
        ...view.deadline,
        label: view.deadline.level ? ALERT_LABELS[view.deadline.level] : null,
      },
    };
  }

  /** 整改台账: the problem, responsibility and task lists as a file (Excel by default, or CSV). */
  @Get('rectifications/:id/export')
  @Allow('inspection_office', 'leading_group', 'supervision_office', 'organization_department')
  @ApiProduces('text/csv', XLSX_TYPE)
  async export(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ExportQuery,
  ): Promise<StreamableFile> {
    const view = await this.rectification.view(id);
    const table = [
      [
        '序号',
        '问题',
        '定性依据',
        '责任人',
        '单位主要负责人',
        '整改任务',
        '状态',
        '销号佐证',
        '销号时间',
      ],
      ...view.items.map((item, i) => [
        String(i + 1),
        item.problem,
        item.basis,
        item.responsiblePerson ?? '',
        item.unitHead ?? '',
        item.tasks.join('；'),
        item.status === 'closed' ? '已销号' : '整改中',
        item.proof ?? '',
        item.closedAt ? item.closedAt.toISOString() : '',
      ]),
    ];
    const name = `rectification-${view.organizationCode}`;
    if (query.format === 'csv')
      return new StreamableFile(Buffer.from(toCsv(table), 'utf8'), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="${name}.csv"`,
      });
    return new StreamableFile(await toXlsx('整改台账', table), {
      type: XLSX_TYPE,
      disposition: `attachment; filename="${name}.xlsx"`,
    });
  }

  @Put('rectifications/:id/items/:itemId')
  @Allow('inspection_office')
  assign(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: AssignItemDto,
    @CurrentUser() user: Principal,
  ) {
    return this.rectification.assign(id, itemId, dto, user);
  }

  @Post('rectifications/:id/items/:itemId/close')
  @Allow('inspection_office')
  close(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: CloseItemDto,
    @CurrentUser() user: Principal,
  ) {
    return this.rectification.close(id, itemId, dto.proof, user);
  }

  @Post('rectifications/:id/progress-reports')
  @Allow('inspection_office')
  progress(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProgressReportDto,
    @CurrentUser() user: Principal,
  ) {
    return this.rectification.submitProgress(id, dto.text, user);
  }

  @Post('progress-reports/:id/sign')
  @Allow('supervision_office', 'organization_department', 'inspection_office')
  sign(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SignQuery,
    @CurrentUser() user: Principal,
  ) {
    return this.rectification.sign(id, query.as, user);
  }

  @Post('rectifications/:id/disclosure')
  @Allow('inspection_office')
  disclose(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DisclosureDto,
    @CurrentUser() user: Principal,
  ) {
    return this.rectification.disclose(id, dto, user);
  }

  @Post('rectifications/:id/follow-up')
  @Allow('inspection_office')
  followUp(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FollowUpDto,
    @CurrentUser() user: Principal,
  ) {
    return this.rectification.followUp(id, dto.roundId, user);
  }
}
