import { Injectable } from '@nestjs/common';
import { chinaDate } from '@liandong/protocol';
import { Clock, NodeNames } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { hostedInspectionsOf } from '../inspections/inspection.repository';
import { COVERAGE_STATUS_LABELS, MODE_LABELS } from '../labels';
import { Page } from '../page';
import {
  CoverageExportQuery,
  CoverageOrganizationsQuery,
  CoverageOrganizationView,
  CoverageView,
  TermView,
} from './coverage.dto';
import { mapCoverage, mapOrganizationCoverage, mapTerm } from './coverage.mapper';
import {
  childCoverages,
  organizationCoverage,
  organizationCoverageCount,
} from './coverage.repository';
import { CoverageSnapshot } from './coverage-snapshot';
import { allTerms } from './term.repository';

@Injectable()
export class CoverageQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshot: CoverageSnapshot,
    private readonly clock: Clock,
    private readonly names: NodeNames,
  ) {}

  async terms(): Promise<TermView[]> {
    return (await allTerms(this.dataSource.manager)).map(mapTerm);
  }

  /** Own coverage with its forecast, the subtree's, and each child's as it last reported. */
  async view(): Promise<CoverageView> {
    const manager = this.dataSource.manager;
    const children = await childCoverages(manager);
    const snapshot = await this.snapshot.withBranches(manager, children);
    return mapCoverage(snapshot, children, chinaDate(this.clock.now()));
  }

  /**
   * A page of organizations (100 unless `limit` says otherwise) with whether, how and when
   * each was covered this term, and a note of an open inspection of it by another node.
   */
  async organizations(query: CoverageOrganizationsQuery): Promise<Page<CoverageOrganizationView>> {
    const manager = this.dataSource.manager;
    const term = await this.snapshot.currentTerm(manager);
    const rows = await organizationCoverage(manager, term, {
      ...query,
      limit: query.limit ?? 100,
    });
    const total = await organizationCoverageCount(manager, term, query);
    const hosted = await hostedInspectionsOf(
      manager,
      rows.map((o) => o.code),
    );
    return {
      total,
      rows: rows.map((row) => {
        const latest = hosted.filter((i) => i.organizationCode === row.code).pop();
        return mapOrganizationCoverage(
          row,
          latest
            ? `${MODE_LABELS[latest.mode]}：由${this.names.label(latest.conductingNode)}实施`
            : null,
        );
      }),
    };
  }

  /** The same list, every row, as the table of an export file for the office. */
  async exportTable(query: CoverageExportQuery): Promise<string[][]> {
    const manager = this.dataSource.manager;
    const rows = await organizationCoverage(manager, await this.snapshot.currentTerm(manager), query);
    return [
      ['代码', '名称', '类别', '覆盖情况', '覆盖方式', '反馈日期', '实施单位'],
      ...rows.map((row) => {
        const view = mapOrganizationCoverage(row, null);
        return [
          view.code,
          view.name,
          view.categoryLabel,
          view.covered ? COVERAGE_STATUS_LABELS.covered : COVERAGE_STATUS_LABELS.remaining,
          view.modeLabel ?? '',
          view.feedbackOn ?? '',
          view.conductedBy ? this.names.label(view.conductedBy) : '',
        ];
      }),
    ];
  }
}
