import { Inject, Injectable } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions, NodeNames } from '@liandong/messaging';
import { isCentralUnitId, STATISTICS_FIRST_YEAR } from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { ChildStatistics, StatisticsReport } from '../entities';
import { StatisticsCalculator } from './statistics-calculator';
import { mapFigureValues, mapRows, mapVersion, reportState } from './statistics.mapper';
import {
  childVersions,
  directChildren,
  latestAccepted,
  ownVersions,
} from './statistics.repository';
import { ChildStatisticsView, REPORT_STATE_LABELS, StatisticsView } from './statistics.views';

/** 年度统计 of this node for a year: own and subtree, the children's states, year on year. */
@Injectable()
export class StatisticsQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calculator: StatisticsCalculator,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async view(
    year: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StatisticsView> {
    const self = this.options.identity.nodeId;
    const isTop = !this.options.identity.parentId;
    const versions = await ownVersions(manager, year);
    const byChild = await childVersions(manager, year);
    const latest = versions[versions.length - 1] ?? null;
    const draft = await this.calculator.draft(manager, year);
    const shown = !isTop && latest && latest.state !== 'returned' ? 'version' : 'draft';
    const previous =
      year > STATISTICS_FIRST_YEAR
        ? await this.calculator.subtree(
            manager,
            year - 1,
            await this.calculator.own(manager, year - 1),
          )
        : {};
    const state = reportState(versions);
    const units = await this.calculator.centralUnits(manager, year);
    const unitsBefore =
      year > STATISTICS_FIRST_YEAR ? await this.calculator.centralUnits(manager, year - 1) : null;
    return {
      year,
      nodeId: self,
      name: this.names.name(self) ?? self,
      isTop,
      formVersion: this.calculator.form.version,
      formTitle: this.calculator.form.title,
      state,
      stateLabel: REPORT_STATE_LABELS[state],
      stale: isStale(latest, await this.calculator.counted(manager, year)),
      shown,
      latest: latest ? mapVersion(latest) : null,
      versions: versions.map(mapVersion),
      figures: mapRows(
        this.calculator.form,
        shown === 'version' && latest ? latest : draft,
        previous,
      ),
      centralUnits: units
        ? mapRows(this.calculator.form, { own: {}, subtree: units }, unitsBefore ?? {})
        : null,
      children: await this.children(manager, self, byChild),
    };
  }

  private async children(
    manager: EntityManager,
    self: string,
    byChild: Map<string, ChildStatistics[]>,
  ): Promise<ChildStatisticsView[]> {
    const names = new Map((await directChildren(manager, self)).map((n) => [n.nodeId, n.name]));
    const ids = [...new Set([...names.keys(), ...byChild.keys()])].sort();
    return ids.map((nodeId) => {
      const versions = byChild.get(nodeId) ?? [];
      const latest = versions[versions.length - 1];
      const state = reportState(versions);
      return {
        nodeId,
        name: names.get(nodeId) ?? this.names.name(nodeId) ?? nodeId,
        branch: isCentralUnitId(nodeId) ? 'central_unit' : 'territorial',
        state,
        stateLabel: REPORT_STATE_LABELS[state],
        latest: latest ? mapVersion(latest) : null,
        acceptedVersion: latestAccepted(versions)?.version ?? null,
        own: latest ? mapFigureValues(latest.own) : [],
        subtree: latest ? mapFigureValues(latest.subtree) : [],
      };
    });
  }
}

/**
 * This node's submitted or accepted report no longer carries its subtree: a child's version
 * was accepted after it was submitted (a child's correction, or a child accepted late).
 */
function isStale(latest: StatisticsReport | null, counted: Record<string, number>): boolean {
  if (!latest || latest.state === 'returned') return false;
  const keys = new Set([...Object.keys(latest.counted), ...Object.keys(counted)]);
  return [...keys].some((nodeId) => latest.counted[nodeId] !== counted[nodeId]);
}
