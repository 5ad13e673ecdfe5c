import { registeredNode } from '@liandong/messaging';
import { Injectable } from '@nestjs/common';
import { CoverageReportedV1 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { CoverageReporter } from '../coverage-reporter';
import { saveChildCoverage } from '../coverage.repository';

/** A child's coverage report replaces its previous one; this node then reports upward in turn. */
@Injectable()
export class RecordChildCoverage {
  constructor(private readonly reporter: CoverageReporter) {}

  async apply(
    manager: EntityManager,
    childId: string,
    eventId: string,
    report: CoverageReportedV1,
  ): Promise<void> {
    const node = await registeredNode(manager, childId);
    await saveChildCoverage(manager, {
      nodeId: childId,
      name: node?.name ?? childId,
      termStartsOn: report.termStartsOn ?? null,
      termEndsOn: report.termEndsOn ?? null,
      own: report.own,
      subtree: report.subtree,
      children: report.children,
      ownOversight: report.ownOversight ?? null,
      subtreeOversight: report.subtreeOversight ?? null,
      asOf: new Date(report.asOf),
      eventId,
    });
    await this.reporter.report(manager);
  }
}
