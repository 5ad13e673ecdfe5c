import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { PolicyBook } from '@liandong/directives';
import { AuditService, Clock } from '@liandong/messaging';
import {
  CoverageReporter,
  Inspection,
  InspectionDirectory,
  InspectionHooks,
} from '@liandong/planning';
import { chinaDate, FeedbackProblemV1, uuidv7 } from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import {
  ProgressReport,
  Rectification,
  RectificationAlert,
  RectificationItem,
  ReviewingOffice,
} from '../entities';
import { REVIEWING_OFFICE_LABELS } from '../labels';
import { RECTIFICATION_OPTIONS, RectificationOptions } from '../rectification.options';
import { addMonths, ALERT_NOTIFY, alertLevels } from './deadline';
import { rectificationNotFound } from './rectification.repository';
import { rectificationRefusal } from '../rectification.errors';

export const PROGRESS_REPORT_MONTHS_POLICY = 'rectification.progress_report_months';
/** The rule before the change to 3 months: a node with no policy version in force uses it. */
export const DEFAULT_PROGRESS_REPORT_MONTHS = 2;

/**
 * 整改: for each feedback to one of this node's organizations, the problem, responsibility
 * and task lists; the progress report due by the rule in force on the feedback day, warned
 * of at 20 and 10 days left and when overdue; reviewed and signed by three offices; items
 * closed only with proof; the disclosure; a follow-up inspection to verify.
 */
@Injectable()
export class RectificationService
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(RectificationService.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly hooks: InspectionHooks,
    private readonly inspections: InspectionDirectory,
    private readonly coverage: CoverageReporter,
    private readonly policies: PolicyBook,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(RECTIFICATION_OPTIONS) private readonly options: RectificationOptions,
  ) {}

  onModuleInit(): void {
    this.hooks.onFeedback({
      given: (manager, inspection, problems) => this.open(manager, inspection, problems),
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .then(() => undefined)
        .catch((error: Error) => this.logger.warn(`alert sweep failed: ${error.message}`))
        .finally(() => (this.sweeping = undefined));
    }, this.options.alertSweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Feedback was given to one of this node's organizations: its rectification opens. */
  private async open(
    manager: EntityManager,
    inspection: Inspection,
    problems: FeedbackProblemV1[],
  ): Promise<void> {
    const feedbackAt = inspection.feedbackAt as Date;
    const feedbackDay = chinaDate(feedbackAt);
    const policy = await this.policies.inForce(PROGRESS_REPORT_MONTHS_POLICY, feedbackDay, manager);
    const months = policy?.value ?? DEFAULT_PROGRESS_REPORT_MONTHS;
    const rectification = manager.create(Rectification, {
      id: uuidv7(this.clock.now().getTime()),
      inspectionId: inspection.id,
      organizationCode: inspection.organizationCode,
      organizationName: inspection.organizationName,
      conductingNode: inspection.conductingNode,
      mode: inspection.mode,
      feedbackAt,
      dueOn: addMonths(feedbackDay, months),
      policyMonths: months,
      policySetBy: policy?.setByNode ?? null,
      disclosureText: null,
      disclosedOn: null,
      followUpInspectionId: null,
      createdAt: this.clock.now(),
    });
    await manager.insert(Rectification, rectification);
    if (problems.length > 0)
      await manager.insert(
        RectificationItem,
        problems.map((p) => ({
          id: uuidv7(this.clock.now().getTime()),
          rectificationId: rectification.id,
          findingId: p.findingId,
          problem: `${p.title}：${p.facts}`,
          basis: p.basis,
          responsiblePerson: null,
          unitHead: null,
          tasks: [],
          status: 'open' as const,
          proof: null,
          closedBy: null,
          closedAt: null,
        })),
      );
    await this.audit.record(manager, {
      actor: `node:${inspection.conductingNode}`,
      action: 'rectification.opened',
      subjectType: 'rectification',
      subjectId: rectification.id,
      detail: {
        inspectionId: inspection.id,
        problems: problems.length,
        dueOn: rectification.dueOn,
        months,
        policySetBy: rectification.policySetBy,
      },
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<Rectification> {
    const rectification = await manager.findOne(Rectification, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!rectification) throw rectificationNotFound(id);
    return rectification;
  }

  private async item(manager: EntityManager, id: string, itemId: string) {
    const item = await manager.findOne(RectificationItem, {
      where: { id: itemId, rectificationId: id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!item)
      throw rectificationRefusal(
        'ITEM_NOT_FOUND',
        {
          zh: `这项整改中没有这个问题事项（编号 ${itemId}）。请从整改的问题清单重新选择`,
          en: `no item ${itemId} in rectification ${id}`,
        },
        404,
      );
    return item;
  }

  /** 责任清单 and 任务清单 for one problem. */
  async assign(
    id: string,
    itemId: string,
    change: { responsiblePerson: string; unitHead: string; tasks: string[] },
    user: Principal,
  ): Promise<RectificationItem> {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, id);
      const item = await this.item(manager, id, itemId);
      if (item.status === 'closed')
        throw rectificationRefusal('ITEM_CLOSED', {
          zh: '该问题已整改销号，不能再修改责任人和整改任务',
          en: `item ${itemId} is closed`,
        });
      await manager.update(RectificationItem, { id: itemId }, change);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.item_assigned',
        subjectType: 'rectification',
        subjectId: id,
        detail: { itemId, ...change },
      });
      return { ...item, ...change };
    });
  }

  /** 整改销号: only with proof, and only once someone answers for the item. */
  async close(id: string, itemId: string, proof: string, user: Principal) {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, id);
      const item = await this.item(manager, id, itemId);
      if (item.status === 'closed')
        throw rectificationRefusal('ITEM_CLOSED', {
          zh: '该问题已经整改销号，无需重复销号',
          en: `item ${itemId} is already closed`,
        });
      if (!item.responsiblePerson)
        throw rectificationRefusal('NO_RESPONSIBILITY', {
          zh: '该问题尚未明确责任人，不能销号。请先填写责任人、单位主要负责人和整改任务',
          en: `item ${itemId} has no responsible person yet; assign it (PUT …/items/${itemId}) before closing`,
        });
      const now = this.clock.now();
      await manager.update(
        RectificationItem,
        { id: itemId },
        { status: 'closed', proof, closedBy: user.username, closedAt: now },
      );
      await this.coverage.report(manager);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.item_closed',
        subjectType: 'rectification',
        subjectId: id,
        detail: { itemId },
      });
      return { ...item, status: 'closed' as const, proof, closedBy: user.username, closedAt: now };
    });
  }

  async submitProgress(id: string, text: string, user: Principal): Promise<ProgressReport> {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, id);
      const report = manager.create(ProgressReport, {
        id: uuidv7(this.clock.now().getTime()),
        rectificationId: id,
        text,
        submittedBy: user.username,
        submittedAt: this.clock.now(),
        signatures: [],
      });
      await manager.insert(ProgressReport, report);
      await this.coverage.report(manager);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.progress_reported',
        subjectType: 'rectification',
        subjectId: id,
        detail: { progressReportId: report.id },
      });
      return report;
    });
  }

  /** Each reviewing office signs once, by a user who holds that office's role. */
  async sign(reportId: string, office: ReviewingOffice, user: Principal): Promise<ProgressReport> {
    if (!user.roles.includes(office))
      throw rectificationRefusal(
        'NOT_THAT_OFFICE',
        {
          zh: `您不是${REVIEWING_OFFICE_LABELS[office]}的工作人员，不能以${REVIEWING_OFFICE_LABELS[office]}的名义签署。请由${REVIEWING_OFFICE_LABELS[office]}签署，或选择您所在的部门`,
          en: `signing for ${office} needs the ${office} role; ${user.username} holds ${user.roles.join(', ')}`,
        },
        403,
      );
    return this.dataSource.transaction(async (manager) => {
      const report = await manager.findOne(ProgressReport, {
        where: { id: reportId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!report)
        throw rectificationRefusal(
          'PROGRESS_REPORT_NOT_FOUND',
          {
            zh: `本节点没有这份整改进展情况报告（编号 ${reportId}）。请从整改的报告列表重新选择`,
            en: `no progress report ${reportId}`,
          },
          404,
        );
      if (report.signatures.some((s) => s.office === office))
        throw rectificationRefusal('ALREADY_SIGNED', {
          zh: `${REVIEWING_OFFICE_LABELS[office]}已签署这份报告，无需重复签署`,
          en: `${office} has already signed this report`,
        });
      const signatures = [
        ...report.signatures,
        { office, signedBy: user.username, signedAt: this.clock.now().toISOString() },
      ];
      await manager.update(ProgressReport, { id: reportId }, { signatures });
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.progress_signed',
        subjectType: 'rectification',
        subjectId: report.rectificationId,
        detail: { progressReportId: reportId, office },
      });
      return { ...report, signatures };
    });
  }

  /** 整改公开: the text made public, and the day. */
  async disclose(
    id: string,
    disclosure: { text: string; disclosedOn: string },
    user: Principal,
  ): Promise<Rectification> {
    return this.dataSource.transaction(async (manager) => {
      const rectification = await this.lock(manager, id);
      await manager.update(
        Rectification,
        { id },
        { disclosureText: disclosure.text, disclosedOn: disclosure.disclosedOn },
      );
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'rectification.disclosed',
        subjectType: 'rectification',
        subjectId: id,
        detail: { disclosedOn: disclosure.disclosedOn },
      });
      return {
        ...rectification,
        disclosureText: disclosure.text,
        disclosedOn: disclosure.disclosedOn,
      };
    });
  }

  /** 回头看: a follow-up inspection of the organization, to verify its closed items. */
  async followUp(id: string, roundId: string, user: Principal): Promise<Inspection> {
    return this.dataSource.transaction(async (manager) => {
      const rectification = await this.lock(manager, id);
      await this.inspections.followUpRound(manager, roundId);
      const closed = await manager.count(RectificationItem, {
        where: { rectificationId: id, status: 'closed' },
      });
      if (closed === 0)
        throw rectificationRefusal('NOTHING_TO_VERIFY', {
          zh: '这项整改还没有已销号的问题。“回头看”是核查已销号问题的，请在有问题销号后再安排',
          en: 'no item is closed yet; a follow-up inspection verifies closed items',
        });
      const inspection = await this.inspections.schedule(
        manager,
        roundId,
        rectification.organizationCode,
        actorOf(user),
      );
      await manager.update(Rectification, { id }, { followUpInspectionId: inspection.id });
      return inspection;
    });
  }

  /** Raises each alert level reached, once, to the person that level escalates to. */
  async sweep(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const today = chinaDate(this.clock.now());
      const pending: Rectification[] = await manager
        .getRepository(Rectification)
        .createQueryBuilder('r')
        .where('NOT EXISTS (SELECT 1 FROM progress_report p WHERE p.rectification_id = r.id)')
        .getMany();
      const raised: RectificationAlert[] = [];
      for (const r of pending)
        for (const level of alertLevels(r.dueOn, today))
          raised.push(
            manager.create(RectificationAlert, {
              rectificationId: r.id,
              level,
              notify: ALERT_NOTIFY[level],
              raisedAt: this.clock.now(),
            }),
          );
      if (raised.length === 0) return 0;
      const inserted: Array<{ rectification_id: string; level: string }> = await manager.query(
        `INSERT INTO rectification_alert (rectification_id, level, notify, raised_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])
         ON CONFLICT DO NOTHING RETURNING rectification_id, level`,
        [
          raised.map((a) => a.rectificationId),
          raised.map((a) => a.level),
          raised.map((a) => a.notify),
          raised.map((a) => a.raisedAt),
        ],
      );
      if (inserted.length === 0) return 0;
      if (inserted.some((row) => row.level === 'overdue')) await this.coverage.report(manager);
      await this.audit.recordMany(
        manager,
        inserted.map((row) => ({
          actor: 'system:deadlines',
          action: 'rectification.alert',
          subjectType: 'rectification',
          subjectId: row.rectification_id,
          detail: {
            level: row.level,
            notify: ALERT_NOTIFY[row.level as keyof typeof ALERT_NOTIFY],
          },
        })),
      );
      return inserted.length;
    });
  }
}
