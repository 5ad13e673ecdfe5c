import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@liandong/access';
import { actorOf } from '@liandong/access';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { chinaDate, nodeAudience, StatisticsSubmittedV1 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { StatisticsReport } from '../../entities';
import { toWire } from '../../form';
import { statisticsRefusal } from '../../statistics.errors';
import { StatisticsCalculator } from '../statistics-calculator';
import { SubmitStatisticsDto } from '../statistics.dto';
import { StatisticsQueries } from '../statistics.queries';
import { lockLatestOwn, lockYear, ownVersions } from '../statistics.repository';
import { StatisticsView } from '../statistics.views';

/**
 * 报送: the inspection office freezes this node's figures for the year into version N and sends
 * them to the parent. Not while a version awaits the parent's decision; a report the parent
 * accepted is locked, and only a correction with a reason makes a new version of it.
 */
@Injectable()
export class SubmitStatistics {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calculator: StatisticsCalculator,
    private readonly queries: StatisticsQueries,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(year: number, dto: SubmitStatisticsDto, user: Principal): Promise<StatisticsView> {
    const parent = this.options.identity.parentId;
    if (!parent)
      throw statisticsRefusal('NO_PARENT', {
        zh: '本节点没有上级，年度统计只在本级汇总，不需要报送',
        en: 'this node has no parent to submit its statistics to',
      });
    const now = this.clock.now();
    const thisYear = Number(chinaDate(now).slice(0, 4));
    if (year > thisYear)
      throw statisticsRefusal(
        'YEAR_INVALID',
        {
          zh: `${year}年尚未开始，不能报送该年度的统计`,
          en: `year ${year} has not begun`,
        },
        400,
        {
          fields: [
            {
              field: 'year',
              label: '年度',
              problems: ['年度尚未开始'],
              problemsEn: ['has not begun'],
            },
          ],
        },
      );
    const reason = dto.reason?.trim() || null;
    return this.dataSource.transaction(async (manager) => {
      await lockYear(manager, year);
      const latest = await lockLatestOwn(manager, year);
      if (latest?.state === 'submitted')
        throw statisticsRefusal('AWAITING_DECISION', {
          zh: `${year}年度统计第${latest.version}版已报送，正等待上级${this.names.label(parent)}审核，审核或退回后才能再次报送`,
          en: `version ${latest.version} of ${year} awaits the parent's decision`,
        });
      const versions = await ownVersions(manager, year);
      const wasAccepted = versions.some((v) => v.state === 'accepted');
      if (wasAccepted && !reason)
        throw statisticsRefusal('REPORT_LOCKED', {
          zh: `${year}年度统计已经上级审核通过并锁定。如需更正，请填写更正原因后重新报送，上级需再次审核`,
          en: `the ${year} statistics were accepted and are locked: a correction needs a reason`,
        });
      const own = await this.calculator.own(manager, year);
      const { subtree, counted } = await this.calculator.subtreeCounting(manager, year, own);
      const report = manager.create(StatisticsReport, {
        year,
        version: (latest?.version ?? 0) + 1,
        formVersion: this.calculator.form.version,
        own,
        subtree,
        counted,
        reason,
        submittedBy: user.username,
        submittedAt: now,
        state: 'submitted',
        decidedBy: null,
        decidedAt: null,
        returnReason: null,
      });
      await manager.insert(StatisticsReport, report);
      const payload: StatisticsSubmittedV1 = {
        year,
        version: report.version,
        formVersion: report.formVersion,
        submittedAt: now.toISOString(),
        submittedBy: user.username,
        reason: report.reason,
        own: toWire(own),
        subtree: toWire(subtree),
      };
      await this.outbox.emit(manager, {
        type: StatisticsSubmittedV1.type,
        audience: nodeAudience(parent),
        payload,
      });
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'statistics.submitted',
        subjectType: 'statistics_report',
        subjectId: `${year}/${report.version}`,
      });
      return this.queries.view(year, manager);
    });
  }
}
