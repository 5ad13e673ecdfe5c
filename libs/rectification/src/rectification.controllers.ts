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
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ExportQuery } from '@liandong/planning';
import { fileResponse, tableFile } from '@liandong/common';
import type { Inspection } from '@liandong/planning';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { Clock } from '@liandong/messaging';
import {
  AssignItemDto,
  CloseItemDto,
  DecisionDto,
  DisclosureDto,
  DispositionDto,
  EvidenceQuery,
  FindingDto,
  FindingReasonDto,
  FindingRevisionDto,
  FollowUpDto,
  ProgressReportDto,
  ReferralDto,
  ReportDto,
  SignQuery,
} from './dto/rectification.dto';
import {
  DecisionView,
  EvidenceView,
  FindingView,
  FollowUpInspectionView,
  ProgressReportView,
  RectificationDetailView,
  RectificationItemView,
  RectificationView,
  ReferralContentView,
  ReferralListView,
  ReferralView,
  ReportVersionView,
  ReportView,
} from './dto/rectification.views';
import {
  Evidence,
  Finding,
  InspectionReport,
  ProgressReport,
  Rectification,
  RectificationItem,
  Referral,
  ReportDecision,
} from './entities';
import { attachmentDisposition } from './findings/evidence-filename';
import { EVIDENCE_TYPES } from './findings/evidence-type';
import { FindingsService } from './findings/findings.service';
import { FINDING_STATUS_LABELS, ITEM_STATUS_LABELS, REFERRAL_STATE_LABELS } from './labels';
import { ALERT_LABELS } from './rectification/deadline';
import { RectificationService } from './rectification/rectification.service';
import { referralState, ReferralsService } from './referrals/referrals.service';
import { ReportsService } from './reports/reports.service';

/**
 * A file download: bytes of one of the given types. Declared on the success response alone
 * (not with @ApiProduces, which would also list the JSON refusals under the file's types).
 */
function file(description: string, types: string[]) {
  return {
    description,
    content: Object.fromEntries(
      types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  };
}

function evidenceView(e: Evidence): EvidenceView {
  // The file itself is fetched on its own, audited; a listing never carries it.
  return {
    id: e.id,
    findingId: e.findingId,
    filename: e.filename,
    contentType: e.contentType,
    size: e.size,
    sha256: e.sha256,
    uploadedBy: e.uploadedBy,
    uploadedAt: e.uploadedAt,
  };
}

/** A finding; with its evidence only where the route lists it (an inspection's findings). */
function findingView(f: Finding, evidence?: Evidence[]): FindingView {
  const view: FindingView = {
    id: f.id,
    inspectionId: f.inspectionId,
    title: f.title,
    facts: f.facts,
    basis: f.basis,
    status: f.status,
    statusLabel: FINDING_STATUS_LABELS[f.status],
    draftedBy: f.draftedBy,
    checkedBy: f.checkedBy,
    signedBy: f.signedBy,
    createdAt: f.createdAt,
    returnedReason: f.returnedReason,
    returnedBy: f.returnedBy,
    returnedAt: f.returnedAt,
    withdrawnReason: f.withdrawnReason,
    withdrawnBy: f.withdrawnBy,
    withdrawnAt: f.withdrawnAt,
  };
  if (evidence) view.evidence = evidence.map(evidenceView);
  return view;
}

function reportView(r: InspectionReport): ReportView {
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    version: r.version,
    summary: r.summary,
    findings: r.findings.map((f) => ({
      findingId: f.findingId,
      title: f.title,
      facts: f.facts,
      basis: f.basis,
      evidence: f.evidence.map((e) => ({
        id: e.id,
        filename: e.filename,
        sha256: e.sha256,
        size: e.size,
      })),
      signedBy: f.signedBy,
    })),
    reason: r.reason,
    finalizedBy: r.finalizedBy,
    finalizedAt: r.finalizedAt,
  };
}

function decisionView(d: ReportDecision): DecisionView {
  return {
    reportId: d.reportId,
    decision: d.decision,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt,
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
  @ApiOperation({ summary: '起草问题底稿（本巡察组成员）' })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  async draft(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingDto,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return findingView(await this.findings.draft(id, dto, user));
  }

  @Get('inspections/:id/findings')
  @Allow('team_member', 'team_leader', 'inspection_office', 'leading_group')
  @ApiOperation({ summary: '查看一项巡察的全部问题及其证据材料清单' })
  @ApiOkResponse({ type: [FindingView] })
  async list(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<FindingView[]> {
    return (await this.findings.list(id, user)).map((f) => findingView(f, f.evidence));
  }

  @Patch('findings/:id')
  @Allow('team_member', 'team_leader')
  @ApiOperation({ summary: '修改问题草稿（标题、事实、定性依据）' })
  @ApiOkResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  async revise(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingRevisionDto,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return findingView(await this.findings.revise(id, dto, user));
  }

  @Post('findings/:id/evidence')
  @Allow('team_member', 'team_leader')
  @ApiOperation({ summary: '上传证据材料（文件本身作请求体，类型须与内容相符）' })
  @ApiConsumes(...Object.keys(EVIDENCE_TYPES))
  @ApiBody({
    description: 'the file itself; at most 20 MB; its content must match its type',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({ type: EvidenceView })
  @ApiRefusals(404, 409, 413)
  async addEvidence(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: EvidenceQuery,
    @Body() data: Buffer,
    @CurrentUser() user: Principal,
    @Headers('content-type') contentType?: string,
  ): Promise<EvidenceView> {
    return evidenceView(
      await this.findings.addEvidence(id, { data, contentType, filename: query.filename }, user),
    );
  }

  @Get('findings/:id/evidence/:evidenceId')
  @Allow('team_member', 'team_leader', 'inspection_office', 'leading_group')
  @ApiOperation({ summary: '下载证据材料（每次查阅都记入审计日志）' })
  @ApiOkResponse(file('the evidence file', Object.keys(EVIDENCE_TYPES)))
  @ApiRefusals(404)
  async readEvidence(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @CurrentUser() user: Principal,
  ): Promise<StreamableFile> {
    const { evidence, data } = await this.findings.readEvidence(id, evidenceId, user);
    return new StreamableFile(data, {
      type: evidence.contentType,
      disposition: attachmentDisposition(evidence.filename),
    });
  }

  @Post('findings/:id/check')
  @Allow('team_member', 'team_leader')
  @ApiOperation({ summary: '副组长审核问题（须有事实、证据材料和定性依据）' })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  async check(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return findingView(await this.findings.check(id, user));
  }

  @Post('findings/:id/sign')
  @Allow('team_leader')
  @ApiOperation({ summary: '组长签字（须已审核，且事实、证据材料和定性依据齐全）' })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  async sign(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return findingView(await this.findings.sign(id, user));
  }

  @Post('findings/:id/return')
  @Allow('team_leader')
  @ApiOperation({
    summary: '组长将已审核或已签字的问题退回修改（须说明理由；已写入定稿报告的不能退回）',
  })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  async returnToDraft(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingReasonDto,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return findingView(await this.findings.returnToDraft(id, dto.reason, user));
  }

  @Post('findings/:id/withdraw')
  @Allow('inspection_office')
  @ApiOperation({ summary: '巡视巡察办将问题从报告中撤回（须说明理由；下一版报告不再包含）' })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  async withdraw(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingReasonDto,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return findingView(await this.findings.withdraw(id, dto.reason, user));
  }

  @Post('inspections/:id/reports')
  @Allow('team_leader')
  @ApiOperation({ summary: '组长定稿巡察报告，或出具更正后的新版本（须说明理由）' })
  @ApiCreatedResponse({ type: ReportView })
  @ApiRefusals(404, 409)
  async finalize(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReportDto,
    @CurrentUser() user: Principal,
  ): Promise<ReportView> {
    return reportView(await this.reports.finalize(id, dto, user));
  }

  @Get('inspections/:id/reports')
  @Allow('inspection_office', 'leading_group', 'team_leader', 'team_member')
  @ApiOperation({ summary: '查看巡察报告的各个版本及领导小组决定' })
  @ApiOkResponse({ type: [ReportVersionView] })
  async versions(@Param('id', ParseUUIDPipe) id: string): Promise<ReportVersionView[]> {
    return (await this.reports.versions(id)).map((r) => ({
      ...reportView(r),
      decision: r.decision ? decisionView(r.decision) : null,
    }));
  }

  @Post('reports/:id/decision')
  @Allow('leading_group')
  @ApiOperation({ summary: '领导小组对最新版巡察报告作出决定' })
  @ApiCreatedResponse({ type: DecisionView })
  @ApiRefusals(404, 409)
  async decide(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
    @CurrentUser() user: Principal,
  ): Promise<DecisionView> {
    return decisionView(await this.reports.decide(id, dto.decision, user));
  }
}

@ApiTags('referrals (移交)')
@Controller()
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly clock: Clock,
  ) {}

  private view(r: Referral): ReferralView {
    const state = referralState(r, this.clock.now());
    return {
      id: r.id,
      fromNode: r.fromNode,
      targetNode: r.targetNode,
      kind: r.kind,
      body: r.body,
      // Whether the content is sealed, never the box itself: it is opened through /content.
      sealed: Boolean(r.sealed),
      recommendation: r.recommendation
        ? { department: r.recommendation.department, text: r.recommendation.text }
        : null,
      cadreTier: r.cadreTier,
      inspectionId: r.inspectionId,
      findingId: r.findingId,
      organizationName: r.organizationName,
      sentAt: r.sentAt,
      acknowledgeBy: r.acknowledgeBy,
      acknowledgedAt: r.acknowledgedAt,
      acknowledgedBy: r.acknowledgedBy,
      disposedAt: r.disposedAt,
      disposition: r.disposition,
      state,
      stateLabel: REFERRAL_STATE_LABELS[state],
    };
  }

  @Post('findings/:id/referrals')
  @Allow('inspection_office')
  @ApiOperation({ summary: '将已签字的问题移交有管辖权的机关（线索加密给受理机关）' })
  @ApiCreatedResponse({ type: ReferralView })
  @ApiRefusals(404, 409)
  async make(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReferralDto,
    @CurrentUser() user: Principal,
  ): Promise<ReferralView> {
    return this.view(await this.referrals.make(id, dto, user));
  }

  /** Sent: open, overdue, disposed and the disposal rate; received: what awaits this node. */
  @Get('referrals')
  @Allow('inspection_office', 'leading_group', 'receiving_body')
  @ApiOperation({ summary: '查看移出和收到的移交及办理情况统计' })
  @ApiOkResponse({ type: ReferralListView })
  async list(): Promise<ReferralListView> {
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
  @ApiOperation({ summary: '受理机关打开移交内容（解密，记入审计日志）' })
  @ApiOkResponse({ type: ReferralContentView })
  @ApiRefusals(404, 409)
  async content(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<ReferralContentView> {
    const opened = await this.referrals.content(id, user);
    return { body: opened.body, bodyLabel: opened.bodyLabel, text: opened.text };
  }

  @Post('referrals/:id/acknowledge')
  @Allow('receiving_body', 'inspection_office')
  @ApiOperation({ summary: '签收收到的移交' })
  @ApiCreatedResponse({ type: ReferralView })
  @ApiRefusals(404)
  async acknowledge(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<ReferralView> {
    return this.view(await this.referrals.acknowledge(id, user));
  }

  @Post('referrals/:id/disposition')
  @Allow('receiving_body')
  @ApiOperation({ summary: '填写移交的处置情况（须先签收）' })
  @ApiCreatedResponse({ type: ReferralView })
  @ApiRefusals(404, 409)
  async dispose(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DispositionDto,
    @CurrentUser() user: Principal,
  ): Promise<ReferralView> {
    return this.view(await this.referrals.dispose(id, dto.disposition, user));
  }
}

function rectificationView(r: Rectification): RectificationView {
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    organizationCode: r.organizationCode,
    organizationName: r.organizationName,
    conductingNode: r.conductingNode,
    mode: r.mode,
    feedbackAt: r.feedbackAt,
    dueOn: r.dueOn,
    policyMonths: r.policyMonths,
    policySetBy: r.policySetBy,
    disclosureText: r.disclosureText,
    disclosedOn: r.disclosedOn,
    followUpInspectionId: r.followUpInspectionId,
    createdAt: r.createdAt,
  };
}

function itemView(i: RectificationItem): RectificationItemView {
  return {
    id: i.id,
    rectificationId: i.rectificationId,
    findingId: i.findingId,
    problem: i.problem,
    basis: i.basis,
    responsiblePerson: i.responsiblePerson,
    unitHead: i.unitHead,
    tasks: [...i.tasks],
    status: i.status,
    proof: i.proof,
    closedBy: i.closedBy,
    closedAt: i.closedAt,
  };
}

function progressReportView(p: ProgressReport): ProgressReportView {
  return {
    id: p.id,
    rectificationId: p.rectificationId,
    text: p.text,
    submittedBy: p.submittedBy,
    submittedAt: p.submittedAt,
    signatures: p.signatures.map((s) => ({
      office: s.office,
      signedBy: s.signedBy,
      signedAt: s.signedAt,
    })),
  };
}

function followUpView(i: Inspection): FollowUpInspectionView {
  return {
    id: i.id,
    role: i.role,
    mode: i.mode,
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
    refusalReason: i.refusalReason,
    eventId: i.eventId,
    feedbackAt: i.feedbackAt,
    feedbackSummary: i.feedbackSummary,
    handedBackAt: i.handedBackAt,
    handBackNotes: i.handBackNotes,
    createdAt: i.createdAt,
  };
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
  @ApiOperation({ summary: '本节点的整改列表' })
  @ApiOkResponse({ type: [RectificationView] })
  async list(): Promise<RectificationView[]> {
    return (await this.rectification.list()).map(rectificationView);
  }

  @Get('rectifications/:id')
  @Allow(
    'inspection_office',
    'leading_group',
    'supervision_office',
    'organization_department',
    'viewer',
  )
  @ApiOperation({ summary: '查看一项整改：问题、责任和任务清单，进展报告，期限与预警' })
  @ApiOkResponse({ type: RectificationDetailView })
  @ApiRefusals(404)
  async view(@Param('id', ParseUUIDPipe) id: string): Promise<RectificationDetailView> {
    const view = await this.rectification.view(id);
    return {
      ...rectificationView(view),
      supervisedBy: view.supervisedBy,
      deadline: {
        dueOn: view.deadline.dueOn,
        months: view.deadline.months,
        daysLeft: view.deadline.daysLeft,
        progressReported: view.deadline.progressReported,
        level: view.deadline.level,
        notify: view.deadline.notify,
        label: view.deadline.level ? ALERT_LABELS[view.deadline.level] : null,
      },
      items: view.items.map(itemView),
      progressReports: view.progressReports.map((p) => ({
        ...progressReportView(p),
        complete: p.complete,
      })),
      alerts: view.alerts.map((a) => ({
        rectificationId: a.rectificationId,
        level: a.level,
        notify: a.notify,
        raisedAt: a.raisedAt,
        label: ALERT_LABELS[a.level],
      })),
    };
  }

  /** 整改台账: the problem, responsibility and task lists as a file (Excel by default, or CSV). */
  @Get('rectifications/:id/export')
  @Allow('inspection_office', 'leading_group', 'supervision_office', 'organization_department')
  @ApiOperation({ summary: '导出整改台账（Excel 或 CSV）' })
  @ApiOkResponse(fileResponse('整改台账 as a file (format=csv or xlsx)'))
  @ApiRefusals(404)
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
        ITEM_STATUS_LABELS[item.status],
        item.proof ?? '',
        item.closedAt ? item.closedAt.toISOString() : '',
      ]),
    ];
    return tableFile(query.format, `rectification-${view.organizationCode}`, '整改台账', table);
  }

  @Put('rectifications/:id/items/:itemId')
  @Allow('inspection_office')
  @ApiOperation({ summary: '为一个问题明确责任人、单位主要负责人和整改任务' })
  @ApiOkResponse({ type: RectificationItemView })
  @ApiRefusals(404, 409)
  async assign(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: AssignItemDto,
    @CurrentUser() user: Principal,
  ): Promise<RectificationItemView> {
    return itemView(
      await this.rectification.assign(
        id,
        itemId,
        { responsiblePerson: dto.responsiblePerson, unitHead: dto.unitHead, tasks: dto.tasks },
        user,
      ),
    );
  }

  @Post('rectifications/:id/items/:itemId/close')
  @Allow('inspection_office')
  @ApiOperation({ summary: '整改销号（须有佐证）' })
  @ApiCreatedResponse({ type: RectificationItemView })
  @ApiRefusals(404, 409)
  async close(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: CloseItemDto,
    @CurrentUser() user: Principal,
  ): Promise<RectificationItemView> {
    return itemView(await this.rectification.close(id, itemId, dto.proof, user));
  }

  @Post('rectifications/:id/progress-reports')
  @Allow('inspection_office')
  @ApiOperation({ summary: '报送整改进展情况报告' })
  @ApiCreatedResponse({ type: ProgressReportView })
  @ApiRefusals(404)
  async progress(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProgressReportDto,
    @CurrentUser() user: Principal,
  ): Promise<ProgressReportView> {
    return progressReportView(await this.rectification.submitProgress(id, dto.text, user));
  }

  @Post('progress-reports/:id/sign')
  @Allow('supervision_office', 'organization_department', 'inspection_office')
  @ApiOperation({ summary: '监督检查室、组织部门或巡视巡察办签署整改进展情况报告' })
  @ApiCreatedResponse({ type: ProgressReportView })
  @ApiRefusals(404, 409)
  async sign(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SignQuery,
    @CurrentUser() user: Principal,
  ): Promise<ProgressReportView> {
    return progressReportView(await this.rectification.sign(id, query.as, user));
  }

  @Post('rectifications/:id/disclosure')
  @Allow('inspection_office')
  @ApiOperation({ summary: '登记整改公开的内容和日期' })
  @ApiCreatedResponse({ type: RectificationView })
  @ApiRefusals(404)
  async disclose(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DisclosureDto,
    @CurrentUser() user: Principal,
  ): Promise<RectificationView> {
    return rectificationView(
      await this.rectification.disclose(id, { text: dto.text, disclosedOn: dto.disclosedOn }, user),
    );
  }

  @Post('rectifications/:id/follow-up')
  @Allow('inspection_office')
  @ApiOperation({ summary: '安排“回头看”，核查已销号的问题' })
  @ApiCreatedResponse({ type: FollowUpInspectionView })
  @ApiRefusals(404, 409)
  async followUp(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FollowUpDto,
    @CurrentUser() user: Principal,
  ): Promise<FollowUpInspectionView> {
    return followUpView(await this.rectification.followUp(id, dto.roundId, user));
  }
}
