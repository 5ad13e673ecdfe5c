import { EVALUATION_MIN_ANSWERS, EvaluationItemAggregateV1 } from '@liandong/protocol';

/**
 * 后评估: the fewest answers a round needs before its aggregate is shown or sent anywhere
 * (docs/security.md). Under it only the count and `UNDER_MINIMUM_MESSAGE` are shown.
 */
export const MIN_ANSWERS = EVALUATION_MIN_ANSWERS;
export const UNDER_MINIMUM_MESSAGE = `答卷不足 ${MIN_ANSWERS} 份，不予统计`;

/** 1 很不满意 … 5 很满意. */
export const RATING_LABELS = ['很不满意', '不满意', '一般', '满意', '很满意'] as const;
export const YES_NO_LABELS = { yes: '有', no: '没有' } as const;
export type YesNo = keyof typeof YES_NO_LABELS;

export type QuestionItem =
  | { key: string; kind: 'rating'; text: string }
  /** `good`: the answer that speaks well of the team (没有 for "有无吃拿卡要"). */
  | { key: string; kind: 'yes_no'; text: string; good: YesNo };

export interface Questionnaire {
  version: number;
  title: string;
  intro: string;
  items: readonly QuestionItem[];
  /** The one free-text question (optional to answer). */
  comment: { text: string; maxLength: number };
}

/**
 * 巡视巡察纪律作风后评估问卷 version 1, central's. A later version is a new constant here added to
 * `QUESTIONNAIRES` (an item's key keeps its meaning for good); a round keeps the version it was
 * opened with, and the aggregate names it.
 */
export const QUESTIONNAIRE_V1: Questionnaire = {
  version: 1,
  title: '巡视巡察组纪律作风情况评价表',
  intro:
    '本评价表不记名，请根据巡视巡察组在本单位开展工作期间的实际表现如实填写。每个评价码只能提交一次，提交后不能修改；系统不记录填写人的任何信息。',
  items: [
    { key: 'eight_rules', kind: 'rating', text: '遵守中央八项规定及其实施细则精神情况' },
    { key: 'integrity', kind: 'rating', text: '廉洁自律情况' },
    { key: 'work_style', kind: 'rating', text: '工作作风（深入扎实、实事求是、严谨细致）' },
    { key: 'confidentiality', kind: 'rating', text: '遵守保密纪律情况' },
    { key: 'by_the_rules', kind: 'rating', text: '依规依纪依法开展工作情况' },
    { key: 'respect', kind: 'rating', text: '尊重被巡视巡察单位干部群众、不干预正常工作' },
    { key: 'no_exactions', kind: 'yes_no', text: '巡视巡察组成员有无吃拿卡要等行为', good: 'no' },
    {
      key: 'no_privileges',
      kind: 'yes_no',
      text: '巡视巡察组成员有无借巡视巡察之机谋取私利、搞特权等行为',
      good: 'no',
    },
    { key: 'overall', kind: 'rating', text: '对巡视巡察组纪律作风的总体评价' },
  ],
  comment: { text: '对巡视巡察组纪律作风的意见建议（选填）', maxLength: 1000 },
};

export const QUESTIONNAIRES = new Map<number, Questionnaire>([[1, QUESTIONNAIRE_V1]]);
export const CURRENT_QUESTIONNAIRE = QUESTIONNAIRE_V1;

/** One cadre's choices: a rating 1–5 or yes/no for every item, by key. */
export type Choices = Record<string, number | YesNo>;

/** What is wrong with a set of choices for `questionnaire`, in Chinese; empty when none. */
export function choiceProblems(questionnaire: Questionnaire, choices: Choices): string[] {
  const problems: string[] = [];
  const known = new Set(questionnaire.items.map((i) => i.key));
  for (const key of Object.keys(choices))
    if (!known.has(key)) problems.push(`问卷中没有“${key}”这一项`);
  questionnaire.items.forEach((item, n) => {
    const value = choices[item.key];
    if (value === undefined || value === null) problems.push(`第${n + 1}题未作答`);
    else if (item.kind === 'rating' && !(Number.isInteger(value) && +value >= 1 && +value <= 5))
      problems.push(`第${n + 1}题请在 1 至 5 之间选择`);
    else if (item.kind === 'yes_no' && value !== 'yes' && value !== 'no')
      problems.push(`第${n + 1}题请选择“有”或“没有”`);
  });
  return problems;
}

const round = (value: number, places: number) => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

/** The mean rating and the share satisfied (%), from one item's counts. */
export function itemFigures(
  item: QuestionItem,
  counts: number[],
): { mean: number | null; satisfiedShare: number } {
  const total = counts.reduce((a, b) => a + b, 0);
  if (item.kind === 'rating') {
    const sum = counts.reduce((a, c, i) => a + c * (i + 1), 0);
    return {
      mean: total ? round(sum / total, 2) : null,
      satisfiedShare: total ? round(((counts[3] + counts[4]) * 100) / total, 1) : 0,
    };
  }
  const good = item.good === 'yes' ? counts[0] : counts[1];
  return { mean: null, satisfiedShare: total ? round((good * 100) / total, 1) : 0 };
}

/**
 * The aggregate of a round's answers: per item, the count of each choice (ratings 1…5; yes, no),
 * the mean and the share satisfied. Nothing of any one answer survives but its part of a count.
 */
export function aggregate(
  questionnaire: Questionnaire,
  answers: Choices[],
): EvaluationItemAggregateV1[] {
  return questionnaire.items.map((item) => {
    const counts = item.kind === 'rating' ? [0, 0, 0, 0, 0] : [0, 0];
    for (const choices of answers) {
      const value = choices[item.key];
      if (item.kind === 'rating' && typeof value === 'number') counts[value - 1] += 1;
      else if (item.kind === 'yes_no') counts[value === 'yes' ? 0 : 1] += 1;
    }
    return { key: item.key, counts, ...itemFigures(item, counts) };
  });
}

/** The labels of an item's choices, in the order of its counts. */
export function choiceLabels(item: QuestionItem): string[] {
  return item.kind === 'rating' ? [...RATING_LABELS] : [YES_NO_LABELS.yes, YES_NO_LABELS.no];
}
