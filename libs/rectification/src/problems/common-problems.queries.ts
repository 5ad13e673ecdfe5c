import { Inject, Injectable } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions, NodeNames, OutboxService } from '@liandong/messaging';
import { ProblemCategoryCountsV1 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { CommonProblemsView, ProblemCountsView } from '../dto/problems.views';
import { PROBLEM_COUNT_LABELS } from '../labels';
import { ProblemsReporter } from './problems-reporter';

const counts = (c: ProblemCategoryCountsV1 | undefined): ProblemCountsView => ({
  findings: c?.findings ?? 0,
  organizations: c?.organizations ?? 0,
  nodes: c?.nodes ?? 0,
});

const byRecurrence = (a: ProblemCountsView, b: ProblemCountsView) =>
  b.nodes - a.nodes || b.findings - a.findings || b.organizations - a.organizations;

/** 举一反三: what this node would report now, by category, with each child's subtree. */
@Injectable()
export class CommonProblemsQueries {
  constructor(
    private readonly reporter: ProblemsReporter,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async commonProblems(): Promise<CommonProblemsView> {
    const manager = this.dataSource.manager;
    const { catalogueVersion, own, subtree, children } = await this.reporter.snapshot(manager);
    const known = await this.outbox.childrenOf(manager, this.options.identity.nodeId);
    const name = (nodeId: string) =>
      (this.names.name(nodeId) ?? this.names.label(nodeId)).replace(/（\d{6}）$/, '');
    const categories = subtree.map((total) => ({
      category: total.category,
      label: PROBLEM_COUNT_LABELS[total.category],
      ...counts(total),
      own: counts(own.find((c) => c.category === total.category)),
      children: children
        .map((child) => ({
          nodeId: child.nodeId,
          name: name(child.nodeId),
          ...counts(child.subtree.find((c) => c.category === total.category)),
        }))
        .filter((child) => child.findings > 0)
        .sort((a, b) => byRecurrence(a, b) || a.nodeId.localeCompare(b.nodeId)),
    }));
    categories.sort(byRecurrence);
    return {
      catalogueVersion,
      hasChildren: known.length > 0 || children.length > 0,
      categories,
    };
  }
}
