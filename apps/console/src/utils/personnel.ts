import type { FieldProblem, Schemas } from '@/api/client';

export type SourceBody = Schemas['PersonDto']['sourceBody'];

/** 来源单位, as the pool's form offers them (the node's SOURCE_BODY_LABELS). */
export const SOURCE_BODY_OPTIONS: { value: SourceBody; label: string }[] = [
  { value: 'discipline', label: '纪检监察机关' },
  { value: 'organization', label: '组织部门' },
  { value: 'audit', label: '审计机关' },
  { value: 'finance', label: '财政部门' },
  { value: 'judicial', label: '司法机关' },
  { value: 'petitions', label: '信访部门' },
  { value: 'inspection_office', label: '巡察机构' },
  { value: 'other', label: '其他' },
];

/**
 * A refusal's field problems split into those a form shows beside its own fields (by the API's
 * field name: name, posts.0.title) and the rest, shown above the form.
 */
export function problemsByField(
  fields: FieldProblem[],
  known: (field: string) => boolean,
): { beside: Record<string, string>; rest: FieldProblem[] } {
  const beside: Record<string, string> = {};
  const rest: FieldProblem[] = [];
  for (const f of fields) {
    if (known(f.field)) beside[f.field] = f.problems.join('；');
    else rest.push(f);
  }
  return { beside, rest };
}

/** A form's value at an API field path (posts.0.title), to tell whether a refused field changed. */
export function valueAt(form: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[key]
          : undefined,
      form,
    );
}

/** The refused fields still as they were refused (a field the person changed shows no problem). */
export function standingProblems(
  fields: FieldProblem[],
  refused: Record<string, string>,
  form: unknown,
): FieldProblem[] {
  return fields.filter((f) => JSON.stringify(valueAt(form, f.field) ?? null) === refused[f.field]);
}

/** What each refused field held when it was refused (for standingProblems). */
export function refusedValues(fields: FieldProblem[], form: unknown): Record<string, string> {
  return Object.fromEntries(
    fields.map((f) => [f.field, JSON.stringify(valueAt(form, f.field) ?? null)]),
  );
}

/** The fields of the person form, as the API names them. */
export function personFormFields(posts: number, relations: number): Set<string> {
  const fields = [
    'name',
    'sourceBody',
    'homeJurisdiction',
    'homeUnitCode',
    'homeUnitName',
    'username',
  ];
  for (let i = 0; i < posts; i++)
    for (const f of ['nodeId', 'unitCode', 'unitName', 'title', 'from', 'to'])
      fields.push(`posts.${i}.${f}`);
  for (let i = 0; i < relations; i++)
    for (const f of ['name', 'relation', 'nodeId', 'unitCode', 'unitName'])
      fields.push(`relations.${i}.${f}`);
  return new Set(fields);
}

/** Empty optional text left out, as the API wants it (a blank is refused, not ignored). */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => !(v === '' || v === null || v === undefined)),
  ) as Partial<T>;
}

export type Secondment = Schemas['SecondmentView'];

/** Approve and decline: only the lending node's office, only while the request waits. */
export function secondmentActions(
  s: Secondment,
  can: (route: string) => boolean,
): { approve: boolean; decline: boolean } {
  const open = s.role === 'lending' && s.status === 'requested';
  return {
    approve: open && can('POST /secondments/{id}/approve'),
    decline: open && can('POST /secondments/{id}/decline'),
  };
}

/** The state's colour: approved green, declined red, waiting yellow. */
export function secondmentStateType(
  status: Secondment['status'],
): 'success' | 'danger' | 'warning' {
  switch (status) {
    case 'approved':
      return 'success';
    case 'declined':
      return 'danger';
    case 'requested':
      return 'warning';
  }
}

/** The state as this node's side reads it: a waiting request is the lender's to decide. */
export function secondmentStateLabel(s: Secondment): string {
  if (s.status !== 'requested') return s.statusLabel;
  return s.role === 'lending' ? '待本级决定' : '待借出方决定';
}

/** 借入 (this node borrows) and 借出 (it lends), each oldest first as the API lists them. */
export function secondmentsBySide(list: Secondment[]): {
  borrowed: Secondment[];
  lent: Secondment[];
} {
  return {
    borrowed: list.filter((s) => s.role === 'borrowing'),
    lent: list.filter((s) => s.role === 'lending'),
  };
}

/**
 * The person of a request: their name where this node holds them (named by the request, or
 * nominated by the lender on approval); else who is still to choose them.
 */
export function secondmentPerson(s: Secondment): string {
  if (s.personName) return s.personName;
  if (s.status === 'declined') return '未借出';
  if (s.status === 'approved') return '（借出方人员）';
  return s.role === 'lending' ? '待本级选派' : '待借出方选派';
}

/** 上级 / 下级 beside a partner's name in the picker. */
export function partnerLabel(p: Schemas['SecondmentPartnerView']): string {
  return `${p.name}（${p.direction === 'ancestor' ? '上级' : '下级'}，${p.tierLabel}）`;
}
