import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock, NodeNames } from '@liandong/messaging';
import { Inspection, InspectionHooks } from '@liandong/planning';
import { chinaDate, OversightAreaTableV1 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Evidence, Finding, InspectionReport, ReportDecision } from './entities';
import { FINDING_STATUSES } from './entities/finding.entity';
import { FINDING_STATUS_LABELS } from './labels';
import { RectificationQueries } from './rectification/rectification.queries';
import { ReferralQueries } from './referrals/referral.queries';

const day = (at: Date | null | undefined) => (at ? chinaDate(at) : '—');

/**
 * What an overseeing ancestor reads in the areas of the whole process this library holds
 * (指导督导, a granted area): how the dossier, the reports, the referrals and the
 * rectifications were run — counts, dates, states and organizations' names, never a
 * finding's text or a clue's sealed content.
 */
@Injectable()
export class OversightAreas implements OnModuleInit {
  constructor(
    private readonly hooks: InspectionHooks,
    private readonly referrals: ReferralQueries,
    private readonly rectifications: RectificationQueries,
    private readonly names: NodeNames,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.addAreaSource('evidence_dossier', (manager) => this.dossier(manager));
    this.hooks.addAreaSource('report_feedback', (manager) => this.reports(manager));
    this.hooks.addAreaSource('referrals', () => this.referralTable());
    this.hooks.addAreaSource('rectification_supervision', () => this.rectificationTable());
  }

  private async inspectionNames(manager: EntityManager): Promise<Map<string, string>> {
    const rows = await manager.find(Inspection, { select: { id: true, organizationName: true } });
    return new Map(rows.map((i) => [i.id, i.organizationName]));
  }

  /** 问题底稿: per inspection, the findings in each review state and how many carry evidence. */
  async dossier(manager: EntityManager): Promise<OversightAreaTableV1[]> {
    const grouped = (withEvidence: boolean) => {
      const query = manager
        .createQueryBuilder(Finding, 'f')
        .select('f.inspectionId', 'inspection')
        .addSelect('f.status', 'status')
        .addSelect('count(*)', 'n')
        .groupBy('f.inspectionId')
        .addGroupBy('f.status');
      if (withEvidence)
        query.where((qb) => {
          const sub = qb.subQuery().select('1').from(Evidence, 'e').where('e.findingId = f.id');
          return `EXISTS ${sub.getQuery()}`;
        });
      return query.getRawMany<{ inspection: string; status: string; n: string }>();
    };
    const [all, evidencedRows] = await Promise.all([grouped(false), grouped(true)]);
    const evidencedOf = new Map(
      evidencedRows.map((r) => [`${r.inspection}/${r.status}`, Number(r.n)]),
    );
    const counts = all.map((r) => ({
      ...r,
      evidenced: evidencedOf.get(`${r.inspection}/${r.status}`) ?? 0,
    }));
    const names = await this.inspectionNames(manager);
    const byInspection = new Map<string, Map<string, { n: number; evidenced: number }>>();
    for (const row of counts) {
      const states = byInspection.get(row.inspection) ?? new Map();
      states.set(row.status, { n: Number(row.n), evidenced: Number(row.evidenced) });
      byInspection.set(row.inspection, states);
    }
    const rows = [...byInspection].map(([inspection, states]) => {
      const of = (status: string) => states.get(status)?.n ?? 0;
      const total = [...states.values()].reduce((s, v) => s + v.n, 0);
      const evidenced = [...states.values()].reduce((s, v) => s + v.evidenced, 0);
      return [
        names.get(inspection) ?? '（巡察已不在本节点）',
        String(total),
        ...FINDING_STATUSES.map((status) => String(of(status))),
        String(evidenced),
      ];
    });
    return [
      {
        title: '问题底稿（按巡察对象，只计件数，不含底稿内容）',
        columns: [
          '巡察对象',
          '底稿数',
          ...FINDING_STATUSES.map((status) => FINDING_STATUS_LABELS[status]),
          '附有证据材料',
        ],
        rows,
      },
    ];
  }

  /** 巡察报告与反馈: per inspection, the report's versions, the leading group's decision, feedback. */
  async reports(manager: EntityManager): Promise<OversightAreaTableV1[]> {
    const [reports, decisions, inspections] = await Promise.all([
      manager.find(InspectionReport, {
        select: { id: true, inspectionId: true, version: true, finalizedAt: true },
        order: { version: 'ASC' },
      }),
      manager.find(ReportDecision, { select: { reportId: true, decidedAt: true } }),
      manager.find(Inspection, {
        select: { id: true, organizationName: true, feedbackAt: true },
      }),
    ]);
    const decided = new Map(decisions.map((d) => [d.reportId, d.decidedAt]));
    const rows = inspections
      .map((inspection) => {
        const versions = reports.filter((r) => r.inspectionId === inspection.id);
        const latest = versions[versions.length - 1];
        if (!latest && !inspection.feedbackAt) return undefined;
        return [
          inspection.organizationName,
          String(versions.length),
          day(latest?.finalizedAt),
          day(latest ? decided.get(latest.id) : null),
          day(inspection.feedbackAt),
        ];
      })
      .filter((row): row is string[] => row !== undefined);
    return [
      {
        title: '巡察报告与反馈',
        columns: ['巡察对象', '报告版本数', '最新版本定稿日期', '领导小组审议日期', '反馈日期'],
        rows,
      },
    ];
  }

  /** 问题线索移交: what this node referred, to whom, and how far each has come (no content). */
  async referralTable(): Promise<OversightAreaTableV1[]> {
    const { sent } = await this.referrals.list();
    return [
      {
        title: '本节点移交的问题线索（不含线索内容）',
        columns: ['巡察对象', '类别', '移交至', '移交日期', '签收期限', '签收日期', '状态'],
        rows: sent.map((r) => [
          r.organizationName,
          r.kindLabel,
          `${this.names.label(r.targetNode)} ${r.bodyLabel}`.trim(),
          day(r.sentAt),
          day(r.acknowledgeBy),
          day(r.acknowledgedAt),
          r.stateLabel,
        ]),
      },
    ];
  }

  /** 整改监督: each rectification's deadline, its problem list and its progress reports. */
  async rectificationTable(): Promise<OversightAreaTableV1[]> {
    const today = chinaDate(this.clock.now());
    const rows = await this.rectifications.list();
    return [
      {
        title: `整改情况（截至 ${today}）`,
        columns: [
          '被巡察单位',
          '反馈日期',
          '整改期限',
          '问题数',
          '已销号',
          '进展报告',
          '日常监督记录',
          '提醒',
        ],
        rows: rows.map((r) => [
          r.organizationName,
          day(r.feedbackAt),
          r.deadline.dueOn,
          String(r.itemCount),
          String(r.closedCount),
          String(r.progressReportCount),
          String(r.supervisionNoteCount),
          r.deadline.label ?? (r.deadline.daysLeft < 0 ? '已逾期' : '正常'),
        ]),
      },
    ];
  }
}
