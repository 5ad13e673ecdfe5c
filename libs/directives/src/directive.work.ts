import { Injectable } from '@nestjs/common';
import { Clock, NodeNames, WorkItem, workTiming } from '@liandong/messaging';
import { DataSource, In, IsNull } from 'typeorm';
import { Directive, DirectiveRecipient } from './entities';

/** What waits for the inspection office in directives: to acknowledge, to report, late below. */
@Injectable()
export class DirectiveWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async items(roles: readonly string[]): Promise<WorkItem[]> {
    if (!roles.includes('inspection_office') && !roles.includes('leading_group')) return [];
    const now = this.clock.now();
    const items: WorkItem[] = [];
    if (roles.includes('inspection_office')) {
      const open = await this.dataSource.getRepository(Directive).find({
        where: { origin: 'received', reportedAt: IsNull() },
        order: { reportDueAt: 'ASC' },
        take: 200,
      });
      for (const directive of open) {
        const toAcknowledge = directive.acknowledgedAt === null;
        items.push({
          kind: toAcknowledge ? 'directive.acknowledge' : 'directive.report',
          kindLabel: toAcknowledge ? '待签收的部署' : '待报告落实情况',
          title: directive.title,
          detail: toAcknowledge
            ? `${this.names.label(directive.issuerNode)}下发，请签收`
            : `已签收，请在期限前报告落实情况`,
          ...workTiming(directive.reportDueAt, now),
          subjectType: 'directive',
          subjectId: directive.id,
        });
      }
    }
    const late: Array<{ directive_id: string; late: string }> = await this.dataSource
      .getRepository(DirectiveRecipient)
      .createQueryBuilder('r')
      .innerJoin(Directive, 'd', 'd.id = r.directive_id')
      .select('r.directive_id', 'directive_id')
      .addSelect('count(*)', 'late')
      .where('d.origin = :issued', { issued: 'issued' })
      .andWhere('r.reported_at IS NULL')
      .andWhere('d.report_due_at < :now', { now })
      .groupBy('r.directive_id')
      .getRawMany();
    if (late.length > 0) {
      const directives = await this.dataSource.getRepository(Directive).find({
        where: { id: In(late.map((l) => l.directive_id)) },
      });
      for (const directive of directives) {
        const count = Number(late.find((l) => l.directive_id === directive.id)?.late ?? 0);
        items.push({
          kind: 'directive.late_below',
          kindLabel: '下级逾期未报告',
          title: directive.title,
          detail: `${count} 个下级节点逾期未报告落实情况，请督促`,
          ...workTiming(directive.reportDueAt, now),
          subjectType: 'directive',
          subjectId: directive.id,
        });
      }
    }
    return items;
  }
}
