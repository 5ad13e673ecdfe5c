import { describe, expect, it } from 'vitest';
import {
  compact,
  partnerLabel,
  personFormFields,
  problemsByField,
  refusedValues,
  standingProblems,
  valueAt,
  secondmentActions,
  secondmentPerson,
  secondmentsBySide,
  secondmentStateLabel,
  type Secondment,
} from './personnel';

const s = (fields: Partial<Secondment>) =>
  ({ role: 'lending', status: 'requested', personName: null, ...fields }) as Secondment;
const office = (r: string) => r.startsWith('POST /secondments');

describe('the person form', () => {
  it('puts each field problem beside its field, the rest above the form', () => {
    const known = personFormFields(1, 0);
    const { beside, rest } = problemsByField(
      [
        { field: 'name', label: '姓名', problems: ['不能为空，也不能只有空格'], problemsEn: [] },
        {
          field: 'posts.0.title',
          label: '职务',
          problems: ['不能为空', '长度须在 1 到 100 个字符之间'],
          problemsEn: [],
        },
        { field: 'extra', label: 'extra', problems: ['是多余的字段，请删去'], problemsEn: [] },
      ] as never,
      (f) => known.has(f),
    );
    expect(beside).toEqual({
      name: '不能为空，也不能只有空格',
      'posts.0.title': '不能为空；长度须在 1 到 100 个字符之间',
    });
    expect(rest.map((p) => p.field)).toEqual(['extra']);
  });

  it('drops the problem of a field once the person changes it', () => {
    const form = { name: '', posts: [{ title: '' }] };
    const fields = [
      { field: 'name', label: '姓名', problems: ['不能为空'] },
      { field: 'posts.0.title', label: '职务', problems: ['不能为空'] },
    ] as never[];
    const refused = refusedValues(fields, form);
    expect(standingProblems(fields, refused, form)).toHaveLength(2);
    form.posts[0].title = '副局长';
    expect(standingProblems(fields, refused, form).map((f: { field: string }) => f.field)).toEqual([
      'name',
    ]);
    expect(valueAt(form, 'posts.0.title')).toBe('副局长');
    expect(valueAt(form, 'posts.3.title')).toBeUndefined();
  });

  it('leaves empty optional text out', () => {
    expect(compact({ name: '王五', username: '', homeUnitCode: null })).toEqual({ name: '王五' });
  });
});

describe('secondments', () => {
  it('offers approve and decline only to the lending office while the request waits', () => {
    expect(secondmentActions(s({}), office)).toEqual({ approve: true, decline: true });
    expect(secondmentActions(s({ role: 'borrowing' }), office)).toEqual({
      approve: false,
      decline: false,
    });
    expect(secondmentActions(s({ status: 'approved' }), office)).toEqual({
      approve: false,
      decline: false,
    });
    expect(secondmentActions(s({}), () => false)).toEqual({ approve: false, decline: false });
  });

  it('says whose decision a waiting request is', () => {
    expect(secondmentStateLabel(s({}))).toBe('待本级决定');
    expect(secondmentStateLabel(s({ role: 'borrowing' }))).toBe('待借出方决定');
    expect(secondmentStateLabel(s({ status: 'approved', statusLabel: '已同意' }))).toBe('已同意');
  });

  it('splits lent from borrowed and names the person where it can', () => {
    const side = secondmentsBySide([s({}), s({ role: 'borrowing' })]);
    expect([side.lent.length, side.borrowed.length]).toEqual([1, 1]);
    expect(secondmentPerson(s({ personName: '赵六' }))).toBe('赵六');
    expect(secondmentPerson(s({ role: 'borrowing' }))).toBe('待借出方选派');
    expect(secondmentPerson(s({}))).toBe('待本级选派');
    expect(secondmentPerson(s({ role: 'borrowing', status: 'declined' }))).toBe('未借出');
  });

  it('labels a partner as above or below', () => {
    expect(
      partnerLabel({
        nodeId: '130100',
        name: '石家庄市',
        tierLabel: '市级',
        direction: 'ancestor',
      }),
    ).toBe('石家庄市（上级，市级）');
  });
});
