import { Injectable } from '@nestjs/common';
import { YearFigures } from '@liandong/planning';
import { isCentralUnitId } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Figures, FORM_V1, onForm, StatisticsForm, sumFigures } from '../form';
import { childVersions, latestAccepted } from './statistics.repository';

/** Figures as they stand now: computed from this node's records, and its children's accepted reports. */
@Injectable()
export class StatisticsCalculator {
  constructor(private readonly yearFigures: YearFigures) {}

  /** The form in force (CURRENT_FORM_VERSION); see FORM_V1 for how a later one comes. */
  readonly form: StatisticsForm = FORM_V1;

  /** This node's own figures for `year`, on the current form. */
  async own(manager: EntityManager, year: number): Promise<Figures> {
    return onForm(this.form, await this.yearFigures.of(manager, year));
  }

  /** Own plus each child's latest accepted subtree (submitted-but-unaccepted ones do not count). */
  async subtree(manager: EntityManager, year: number, own: Figures): Promise<Figures> {
    return (await this.subtreeCounting(manager, year, own)).subtree;
  }

  /**
   * The subtree, and which version of each child it counted. Central units (中央单位, ids
   * 91xxxx–93xxxx) are a branch of their own: counted (their versions are tracked) but summed
   * apart, in `centralUnits`, never into the territory's totals.
   */
  async subtreeCounting(
    manager: EntityManager,
    year: number,
    own: Figures,
  ): Promise<{ subtree: Figures; centralUnits: Figures | null; counted: Record<string, number> }> {
    const counted = await this.counted(manager, year);
    const byChild = await childVersions(manager, year);
    const accepted = (units: boolean) =>
      Object.entries(counted)
        .filter(([nodeId]) => isCentralUnitId(nodeId) === units)
        .map(
          ([nodeId, version]) => byChild.get(nodeId)?.find((v) => v.version === version)?.subtree,
        );
    const unitReports = accepted(true);
    return {
      subtree: onForm(this.form, sumFigures([own, ...accepted(false)])),
      centralUnits: unitReports.length ? onForm(this.form, sumFigures(unitReports)) : null,
      counted,
    };
  }

  /** Central units' accepted figures for `year`, summed apart from the territory's; null without any. */
  async centralUnits(manager: EntityManager, year: number): Promise<Figures | null> {
    return (await this.subtreeCounting(manager, year, {})).centralUnits;
  }

  /** Each child's latest accepted version of `year`. */
  async counted(manager: EntityManager, year: number): Promise<Record<string, number>> {
    const counted: Record<string, number> = {};
    for (const [nodeId, versions] of await childVersions(manager, year)) {
      const accepted = latestAccepted(versions);
      if (accepted) counted[nodeId] = accepted.version;
    }
    return counted;
  }

  /** Both, live. */
  async draft(manager: EntityManager, year: number): Promise<{ own: Figures; subtree: Figures }> {
    const own = await this.own(manager, year);
    return { own, subtree: await this.subtree(manager, year, own) };
  }
}
