import { EvaluationAggregatedV1, payloadProblems } from '@liandong/protocol';
import {
  aggregate,
  choiceProblems,
  Choices,
  MIN_ANSWERS,
  QUESTIONNAIRE_V1,
  UNDER_MINIMUM_MESSAGE,
} from './questionnaire';
import { hashCode, newCode, normalizeCode } from './rounds/codes';

const all = (rating: number, yesNo: 'yes' | 'no'): Choices =>
  Object.fromEntries(
    QUESTIONNAIRE_V1.items.map((i) => [i.key, i.kind === 'rating' ? rating : yesNo]),
  );

describe('the post-evaluation questionnaire', () => {
  it('has 8 to 10 items in Chinese, each key once, and a free-text comment', () => {
    const keys = QUESTIONNAIRE_V1.items.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(8);
    for (const item of QUESTIONNAIRE_V1.items) expect(item.text).toMatch(/[\u4e00-\u9fff]/);
    expect(QUESTIONNAIRE_V1.comment.text).toContain('意见建议');
    expect(MIN_ANSWERS).toBe(5);
    expect(UNDER_MINIMUM_MESSAGE).toBe('答卷不足 5 份，不予统计');
  });

  it('says in Chinese what is missing or out of range', () => {
    expect(choiceProblems(QUESTIONNAIRE_V1, all(5, 'no'))).toEqual([]);
    const problems = choiceProblems(QUESTIONNAIRE_V1, {
      ...all(5, 'no'),
      integrity: 6,
      no_exactions: 'maybe' as 'no',
      extra: 1,
    });
    expect(problems).toEqual([
      '问卷中没有“extra”这一项',
      '第2题请在 1 至 5 之间选择',
      '第7题请选择“有”或“没有”',
    ]);
    const missing = all(3, 'no');
    delete missing.eight_rules;
    expect(choiceProblems(QUESTIONNAIRE_V1, missing)).toEqual(['第1题未作答']);
  });

  it('counts each choice, the mean and the share satisfied', () => {
    const items = aggregate(QUESTIONNAIRE_V1, [all(5, 'no'), all(4, 'no'), all(1, 'yes')]);
    expect(items[0]).toEqual({
      key: 'eight_rules',
      counts: [1, 0, 0, 1, 1],
      mean: 3.33,
      satisfiedShare: 66.7,
    });
    expect(items.find((i) => i.key === 'no_exactions')).toEqual({
      key: 'no_exactions',
      counts: [1, 2],
      mean: null,
      satisfiedShare: 66.7,
    });
  });

  it('makes an aggregate the event validates; fewer than five answers are not one', () => {
    const answers = [5, 4, 3, 2, 1].map((r) => all(r, 'no'));
    const payload: EvaluationAggregatedV1 = {
      inspectionId: '4f6b1a38-7f0e-4b53-9a57-2f0a7b6d1c11',
      roundId: '9e1f5c2a-3b4d-4e6f-8a7b-1c2d3e4f5a6b',
      questionnaireVersion: 1,
      codesIssued: 5,
      answers: 5,
      closedOn: '2026-12-02',
      items: aggregate(QUESTIONNAIRE_V1, answers),
      comments: [],
    };
    expect(payloadProblems(EvaluationAggregatedV1.type, payload)).toEqual([]);
    expect(payloadProblems(EvaluationAggregatedV1.type, { ...payload, answers: 4 })).not.toEqual(
      [],
    );
  });

  it('makes codes that are hard to misread, typed in any case, stored only as a hash', () => {
    const code = newCode();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(code).not.toMatch(/[01OILZSB258]/);
    expect(normalizeCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code.replace(/-/g, ''));
    expect(normalizeCode('ABC')).toBeNull();
    expect(hashCode(code.replace(/-/g, ''))).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCode(code.replace(/-/g, ''))).not.toContain(code.replace(/-/g, ''));
  });
});
