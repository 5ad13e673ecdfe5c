import { Figures, StatisticsForm, toWire, yearOnYear } from '../form';
import { VersionState } from '../entities';
import { FigureRowView, ReportState, StatisticsVersionView } from './statistics.views';

interface StoredVersion {
  version: number;
  formVersion: number;
  state: VersionState;
  reason: string | null;
  submittedBy: string;
  submittedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  returnReason: string | null;
}

/** Where a report stands, from its versions (oldest first). */
export function reportState(versions: Array<{ state: VersionState }>): ReportState {
  const latest = versions[versions.length - 1];
  if (!latest) return 'not_submitted';
  if (latest.state !== 'submitted') return latest.state;
  return versions.slice(0, -1).some((v) => v.state === 'accepted') ? 'corrected' : 'submitted';
}

export function mapVersion(v: StoredVersion): StatisticsVersionView {
  return {
    version: v.version,
    formVersion: v.formVersion,
    state: v.state,
    reason: v.reason,
    submittedBy: v.submittedBy,
    submittedAt: v.submittedAt.toISOString(),
    decidedBy: v.decidedBy,
    decidedAt: v.decidedAt?.toISOString() ?? null,
    returnReason: v.returnReason,
  };
}

export function mapRows(
  form: StatisticsForm,
  shown: { own: Figures; subtree: Figures },
  previous: Figures,
): FigureRowView[] {
  return form.lines.map((line) => {
    const subtree = Number(shown.subtree[line.key] ?? 0);
    const previousYear = Number(previous[line.key] ?? 0);
    return {
      key: line.key,
      label: line.label,
      group: line.group,
      description: line.description ?? null,
      own: Number(shown.own[line.key] ?? 0),
      subtree,
      previousYear,
      change: yearOnYear(subtree, previousYear),
    };
  });
}

export { toWire as mapFigureValues };
