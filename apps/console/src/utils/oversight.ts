import type { ApiError, FieldProblem, Schemas } from '@/api/client';

/** 指导督导 as the console shows it: labels, the opening form's checks, rounds, figures. */

export type Engagement = Schemas['EngagementView'];
export type EngagementDetail = Schemas['EngagementDetailView'];
export type OversightForm = Schemas['OpenEngagementDto']['form'];
export type OversightArea = Schemas['GrantAccessDto']['areas'][number];
export type ChecklistItem = Schemas['OpenEngagementDto']['checklist'][number];
export type OversightFigures = Schemas['OversightFiguresView'];
export type EngagementFigures = Schemas['EngagementFiguresView'];

export const AREA_LABELS: Record<OversightArea, string> = {
  planning_coverage: '巡察规划与全覆盖',
  team_recusal: '巡察组组建与回避',
  evidence_dossier: '问题底稿',
  report_feedback: '巡察报告与反馈',
  referrals: '问题线索移交',
  rectification_supervision: '整改监督',
  records: '档案与留痕',
};

export const FORM_LABELS: Record<OversightForm, string> = {
  training: '专题培训辅导',
  investigation: '工作调研督导',
  on_site: '现场跟进指导',
};

export const STATUS_TAGS: Record<string, 'info' | 'warning' | 'success' | 'danger'> = {
  opened: 'warning',
  acknowledged: 'info',
  closed: 'success',
  refused: 'danger',
};

export const STATE_TAGS: Record<string, 'warning' | 'success' | 'danger'> = {
  open: 'warning',
  answered: 'success',
  overdue: 'danger',
};

/** A row of two texts: a person (name, post), an attendee (name, unit). */
export interface Pair {
  name: string;
  other: string;
}

export interface OpenForm {
  overseenNode: string;
  form: OversightForm;
  roundId: string;
  title: string;
  window: [string, string] | null;
  people: Pair[];
  checklist: ChecklistItem[];
}

export function blankOpenForm(): OpenForm {
  return {
    overseenNode: '',
    form: 'investigation',
    roundId: '',
    title: '',
    window: null,
    people: [{ name: '', other: '' }],
    checklist: [],
  };
}

/** Rows with something typed in them; a wholly blank row is left out, not refused. */
export function filledRows(rows: Pair[]): Pair[] {
  return rows
    .map((r) => ({ name: r.name.trim(), other: r.other.trim() }))
    .filter((r) => r.name || r.other);
}

/** What is wrong with the rows, in Chinese ('' when nothing): each needs both texts. */
export function rowsProblem(rows: Pair[], what: string, other: string, otherMax: number): string {
  const filled = filledRows(rows);
  if (filled.length === 0) return `请至少填写一名${what}`;
  const at = filled.findIndex((r) => !r.name || !r.other);
  if (at >= 0) return `第 ${at + 1} 行${what}的姓名和${other}都要填写`;
  if (filled.some((r) => r.name.length > 50)) return '姓名不超过 50 个字';
  if (filled.some((r) => r.other.length > otherMax)) return `${other}不超过 ${otherMax} 个字`;
  return '';
}

/** The opening form's problems by field, before anything is sent (empty when it may go). */
export function openProblems(form: OpenForm): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!form.overseenNode) problems.overseenNode = '请选择被督导的下级';
  if (form.form === 'on_site' && !form.roundId)
    problems.roundId = '现场跟进指导须选择被督导节点正在进行的轮次';
  const title = form.title.trim();
  if (!title) problems.title = '请填写督导名称';
  else if (title.length > 200) problems.title = '督导名称不超过 200 个字';
  if (!form.window?.[0] || !form.window?.[1]) problems.window = '请选择督导的起止日期';
  else if (form.window[1] < form.window[0]) problems.window = '结束日期不能早于开始日期';
  const people = rowsProblem(form.people, '督导人员', '职务', 100);
  if (people) problems.people = people;
  if (form.checklist.length === 0) problems.checklist = '请至少勾选一项督导清单事项';
  return problems;
}

export function openBody(form: OpenForm): Schemas['OpenEngagementDto'] {
  return {
    overseenNode: form.overseenNode,
    form: form.form,
    ...(form.form === 'on_site' ? { roundId: form.roundId } : {}),
    title: form.title.trim(),
    windowStart: form.window?.[0] ?? '',
    windowEnd: form.window?.[1] ?? '',
    people: filledRows(form.people).map((p) => ({ name: p.name, post: p.other })),
    checklist: form.checklist,
  };
}

const OPEN_FIELDS: Record<string, string> = {
  overseenNode: 'overseenNode',
  form: 'form',
  roundId: 'roundId',
  title: 'title',
  windowStart: 'window',
  windowEnd: 'window',
  people: 'people',
  checklist: 'checklist',
};
/** Refusals that are about one field though the node names none (its 400s and 409s). */
const CODE_FIELDS: Record<string, string> = {
  WINDOW_INVALID: 'window',
  ROUND_REQUIRED: 'roundId',
  NOT_A_DESCENDANT: 'overseenNode',
};

export interface Beside {
  beside: Record<string, string>;
  rest: FieldProblem[];
  message: string;
}

/**
 * A refusal beside the form's fields: `fields` maps the DTO's top property to the form's
 * field (`people.0.name` beside 督导人员), `codes` a refusal code about one field though the
 * node names none (WINDOW_INVALID beside 督导期间); the rest apart, the message when no field.
 */
export function refusalBeside(
  error: ApiError,
  fields: Record<string, string>,
  codes: Record<string, string> = {},
): Beside {
  const beside: Record<string, string> = {};
  const rest: FieldProblem[] = [];
  const add = (field: string, text: string) =>
    (beside[field] = beside[field] ? `${beside[field]}；${text}` : text);
  for (const f of error.fields) {
    const field = fields[f.field.split('.')[0]];
    if (field) add(field, f.problems.join('；'));
    else rest.push(f);
  }
  const codeField = error.error ? codes[error.error] : undefined;
  if (codeField) add(codeField, error.message);
  const message = error.fields.length || codeField ? '' : error.message;
  return { beside, rest, message };
}

/** The node's refusal of the opening form, beside its fields. */
export function openRefusal(error: ApiError): Beside {
  return refusalBeside(error, OPEN_FIELDS, CODE_FIELDS);
}

/** The checklist's items, by area, as the checkboxes group them. */
export function checklistGroups(
  checklist: Schemas['ChecklistView'] | undefined,
): { code: string; label: string; items: { code: ChecklistItem; label: string }[] }[] {
  return (checklist?.areas ?? []).map((a) => ({
    code: a.code,
    label: a.label,
    items: a.items.map((i) => ({ code: i.code as ChecklistItem, label: i.label })),
  }));
}

/** A round of the overseen node that this node knows of, offered for 现场跟进指导. */
export interface RoundOption {
  id: string;
  label: string;
}

/**
 * The overseen node's rounds still running today, as this node knows them: the rounds it
 * opened for this node's linked rounds (巡视带巡察), and those its reported inspections ran in.
 */
export function liveRounds(
  overseen: string,
  today: string,
  linked: Schemas['RoundDetailView'][],
  inspections: Schemas['InspectionView'][],
): RoundOption[] {
  const options = new Map<string, RoundOption>();
  for (const round of linked) {
    if (round.windowEnd < today) continue;
    for (const link of round.links)
      if (link.childNode === overseen && link.childRoundId && !options.has(link.childRoundId))
        options.set(link.childRoundId, {
          id: link.childRoundId,
          label: `${round.theme}（联动轮次，${round.windowStart} 至 ${round.windowEnd}）`,
        });
  }
  const reported = new Map<string, Schemas['InspectionView'][]>();
  for (const i of inspections)
    if (i.role === 'reported' && i.conductingNode === overseen && i.roundId && i.windowEnd >= today)
      reported.set(i.roundId, [...(reported.get(i.roundId) ?? []), i]);
  for (const [id, list] of reported) {
    if (options.has(id)) continue;
    const names = list.map((i) => i.organizationName);
    const shown =
      names.length > 3 ? `${names.slice(0, 3).join('、')}等 ${names.length} 个` : names.join('、');
    const start = list.map((i) => i.windowStart).sort()[0];
    const end = list.map((i) => i.windowEnd).sort()[list.length - 1];
    options.set(id, { id, label: `巡察${shown}的轮次（${start} 至 ${end}）` });
  }
  return [...options.values()];
}

export interface RecommendationRow {
  item: ChecklistItem | '';
  text: string;
}

/** The closing form's problems by field: a written assessment, each recommendation whole. */
export function closeProblems(
  assessment: string,
  rows: RecommendationRow[],
): Record<string, string> {
  const problems: Record<string, string> = {};
  const text = assessment.trim();
  if (!text) problems.assessment = '请填写书面评估意见';
  else if (text.length > 20000) problems.assessment = '评估意见不超过 20000 个字';
  const filled = rows.filter((r) => r.item || r.text.trim());
  const at = filled.findIndex((r) => !r.item || !r.text.trim());
  if (at >= 0) problems.recommendations = `第 ${at + 1} 条督导意见须选择事项并填写内容`;
  else if (filled.some((r) => r.text.trim().length > 5000))
    problems.recommendations = '每条督导意见不超过 5000 个字';
  return problems;
}

export function closeBody(
  assessment: string,
  rows: RecommendationRow[],
): Schemas['CloseEngagementDto'] {
  return {
    assessment: assessment.trim(),
    recommendations: rows
      .filter((r) => r.item && r.text.trim())
      .map((r) => ({ item: r.item as ChecklistItem, text: r.text.trim() })),
  };
}

/** 河北省（130000） as a person reads it: 河北省 (the code only when no name is known). */
export function nodeOnly(label: string): string {
  return label.replace(/（\d{6}）$/, '') || label;
}
