import { Inject, Injectable } from '@nestjs/common';
import {
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  WorkItem,
  workTiming,
} from '@liandong/messaging';
import { chinaDate, daysBetween } from '@liandong/protocol';
import { DataSource, In, IsNull, Not } from 'typeorm';
import {
  ProgressReport,
  Rectification,
  Referral,
  REVIEWING_OFFICES,
  ReviewingOffice,
  SupervisionNote,
} from '../entities';
import { REFERRAL_KIND_LABELS, REVIEWING_OFFICE_LABELS } from '../labels';

/** From this many days before its due day a progress report shows among the to-dos. */
const PROGRESS_SHOWN_DAYS = 20;

/**
 * What waits on this node in rectification: progress reports coming due (the alert levels
 * of 20 and 10 days and overdue), reports awaiting an office's signature, and referrals
 * received for a receiving body to acknowledge and dispose of, and the supervision office's
 * urgings (督促事项) not yet done.
 */
@Injectable()
export class RectificationWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async items(roles: readonly string[]): Promise<WorkItem[]> {
    return [
      ...(await this.progressDue(roles)),
      ...(await this.toSign(roles)),
      ...(await this.referrals(roles)),
      ...(await this.urgings(roles)),
    ];
  }

  /** For the supervision office: the urgings (督促事项) of its notes not yet done, by due day. */
  private async urgings(roles: readonly string[]): Promise<WorkItem[]> {
    if (!roles.includes('supervision_office')) return [];
    const now = this.clock.now();
    const open = await this.dataSource.getRepository(SupervisionNote).find({
      where: { urging: Not(IsNull()), urgingDoneAt: IsNull() },
      order: { urgingDueOn: 'ASC' },
      take: 200,
    });
    const rectifications = new Map(
      (
        await this.dataSource
          .getRepository(Rectification)
          .findBy({ id: In([...new Set(open.map((n) => n.rectificationId))]) })
      ).map((r) => [r.id, r]),
    );
    return open.map((note) => ({
      kind: 'rectification.urging_due',
      kindLabel: '督促事项',
      title: rectifications.get(note.rectificationId)?.organizationName ?? '整改',
      detail: `督促事项：${note.urging}`,
      ...workTiming(note.urgingDueOn, now),
      subjectType: 'rectification' as const,
      subjectId: note.rectificationId,
    }));
  }

  private async progressDue(roles: readonly string[]): Promise<WorkItem[]> {
    const watching = ['inspection_office', 'leading_group', ...REVIEWING_OFFICES];
    if (!roles.some((role) => watching.includes(role))) return [];
    const now = this.clock.now();
    const today = chinaDate(now);
    const pending = await this.dataSource
      .getRepository(Rectification)
      .createQueryBuilder('r')
      .where('NOT EXISTS (SELECT 1 FROM progress_report p WHERE p.rectification_id = r.id)')
      .orderBy('r.due_on', 'ASC')
      .take(200)
      .getMany();
    return pending
      .filter((r) => daysBetween(today, r.dueOn) <= PROGRESS_SHOWN_DAYS)
      .map((r) => ({
        kind: 'rectification.progress_due',
        kindLabel: '整改进展报告期限',
        title: r.organizationName,
        detail: `${this.names.label(r.conductingNode)}反馈后 ${r.policyMonths} 个月内报送整改进展情况报告`,
        ...workTiming(r.dueOn, now),
        subjectType: 'rectification' as const,
        subjectId: r.id,
      }));
  }

  private async toSign(roles: readonly string[]): Promise<WorkItem[]> {
    const offices = REVIEWING_OFFICES.filter((office) => roles.includes(office));
    if (offices.length === 0) return [];
    const reports = await this.dataSource.getRepository(ProgressReport).find({
      order: { submittedAt: 'ASC' },
      take: 500,
    });
    const rectifications = new Map(
      (await this.dataSource.getRepository(Rectification).find()).map((r) => [r.id, r]),
    );
    const now = this.clock.now();
    return reports.flatMap((report) =>
      offices
        .filter((office: ReviewingOffice) => !report.signatures.some((s) => s.office === office))
        .map((office) => ({
          kind: 'progress_report.sign',
          kindLabel: '待签署的整改进展报告',
          title: rectifications.get(report.rectificationId)?.organizationName ?? '整改进展报告',
          detail: `请以${REVIEWING_OFFICE_LABELS[office]}名义审核签署`,
          ...workTiming(null, now),
          subjectType: 'rectification' as const,
          subjectId: report.rectificationId,
        })),
    );
  }

  private async referrals(roles: readonly string[]): Promise<WorkItem[]> {
    const body = roles.includes('receiving_body');
    if (!body && !roles.includes('inspection_office')) return [];
    const now = this.clock.now();
    const received = await this.dataSource.getRepository(Referral).find({
      where: { targetNode: this.options.identity.nodeId, disposedAt: IsNull() },
      order: { acknowledgeBy: 'ASC' },
      take: 200,
    });
    const items: WorkItem[] = received
      .filter((r) => r.acknowledgedAt === null)
      .map((r) => ({
        kind: 'referral.acknowledge',
        kindLabel: '待签收的移交',
        title: `${REFERRAL_KIND_LABELS[r.kind]}：${r.organizationName}`,
        detail: `${this.names.label(r.fromNode)}移交，请在期限前签收`,
        ...workTiming(r.acknowledgeBy, now),
        subjectType: 'referral',
        subjectId: r.id,
      }));
    if (body) {
      const acknowledged = await this.dataSource.getRepository(Referral).find({
        where: {
          targetNode: this.options.identity.nodeId,
          disposedAt: IsNull(),
          acknowledgedAt: Not(IsNull()),
        },
        take: 200,
      });
      for (const r of acknowledged)
        items.push({
          kind: 'referral.dispose',
          kindLabel: '待填写处置情况',
          title: `${REFERRAL_KIND_LABELS[r.kind]}：${r.organizationName}`,
          detail: `${this.names.label(r.fromNode)}移交，已签收，请填写处置情况`,
          ...workTiming(null, now),
          subjectType: 'referral',
          subjectId: r.id,
        });
    }
    return items;
  }
}
