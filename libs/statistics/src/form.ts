import { INSPECTION_MODES, ROUND_TYPES } from '@liandong/protocol';
import {
  CATEGORIES,
  CATEGORY_CODES,
  MODE_LABELS,
  ROUND_TYPE_SHORT_LABELS,
} from '@liandong/planning';

/** One line of the statistics form: a key the figures are stored and sent by, its label. */
export interface FormLine {
  key: string;
  /** 统计项目, in Chinese. */
  label: string;
  /** The group of lines it belongs to (被巡察党组织、轮次、问题与移交、整改、成果运用). */
  group: string;
  description?: string;
}

export interface StatisticsForm {
  version: number;
  title: string;
  lines: readonly FormLine[];
}

/**
 * 年度统计表 version 1, central's. Every figure is computed from the node's own records for a
 * calendar year in China time (planning's `YearFigures` and what rectification adds through
 * `InspectionHooks.addStatisticsSource`); none is typed.
 *
 * A later version: a new `FORM_V2` here with its keys (a key keeps its meaning for good; a
 * changed meaning is a new key), added to `FORMS`, and central names the version in force for
 * a year through the policy book (a directive setting `statistics.form_version`, a rule owned
 * by central); until that exists every node uses `CURRENT_FORM_VERSION`. Each report stores
 * the version it was computed with, and a parent sums figures key by key, so reports of two
 * versions still add up on the keys they share.
 */
export const FORM_V1: StatisticsForm = {
  version: 1,
  title: '巡视巡察工作年度统计表（第1版）',
  lines: [
    {
      key: 'inspected.total',
      label: '巡视巡察党组织（个）',
      group: '被巡视巡察党组织',
      description: '年内反馈的、本级对象库中的党组织，每个党组织计一次',
    },
    ...CATEGORY_CODES.map((code) => ({
      key: `inspected.category.${code}`,
      label: `其中：${CATEGORIES[code]}`,
      group: '被巡视巡察党组织',
    })),
    ...INSPECTION_MODES.map((mode) => ({
      key: `inspected.mode.${mode}`,
      label: `其中：${MODE_LABELS[mode]}`,
      group: '被巡视巡察党组织（按方式）',
      description: mode === 'own' ? '本级巡视巡察组' : undefined,
    })),
    {
      key: 'rounds.total',
      label: '巡视巡察轮次（轮）',
      group: '轮次',
      description: '年内开始的本级轮次',
    },
    ...ROUND_TYPES.map((type) => ({
      key: `rounds.type.${type}`,
      label: `其中：${ROUND_TYPE_SHORT_LABELS[type]}`,
      group: '轮次',
    })),
    {
      key: 'findings.signed',
      label: '发现问题（个）',
      group: '问题与移交',
      description: '年内反馈的本级巡视巡察中，组长签认的问题底稿',
    },
    {
      key: 'clues.referred',
      label: '移交问题线索（件）',
      group: '问题与移交',
      description: '年内移交纪检监察机关的问题线索',
    },
    {
      key: 'clues.disposed',
      label: '问题线索已办结（件）',
      group: '问题与移交',
      description: '本级移交的问题线索中，年内反馈处置结果的',
    },
    {
      key: 'rectification.items_closed',
      label: '整改销号（项）',
      group: '整改',
      description: '年内凭整改材料销号的整改事项',
    },
    {
      key: 'recommendations',
      label: '提出工作建议（条）',
      group: '成果运用',
      description: '年内向职能部门移交的工作建议',
    },
    {
      key: 'special_reports',
      label: '报送专题报告（份）',
      group: '成果运用',
      description: '本级当年报送本级党委或上级巡视巡察机构的专题报告',
    },
  ],
};

export const FORMS: ReadonlyMap<number, StatisticsForm> = new Map([[FORM_V1.version, FORM_V1]]);

/** The form every node computes with until central publishes another (see FORM_V1). */
export const CURRENT_FORM_VERSION = FORM_V1.version;

export type Figures = Record<string, number>;

/** The form's lines only, each present (0 when the sources gave nothing). */
export function onForm(form: StatisticsForm, figures: Figures): Figures {
  return Object.fromEntries(form.lines.map((line) => [line.key, Number(figures[line.key] ?? 0)]));
}

/** Key by key; a key missing from one side counts 0. */
export function sumFigures(all: Array<Figures | null | undefined>): Figures {
  const sum: Figures = {};
  for (const figures of all)
    for (const [key, value] of Object.entries(figures ?? {})) sum[key] = (sum[key] ?? 0) + value;
  return sum;
}

/** 比上年增长 n%: one decimal; null when last year's figure is 0. */
export function yearOnYear(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

export function toWire(figures: Figures): Array<{ key: string; value: number }> {
  return Object.keys(figures)
    .sort()
    .map((key) => ({ key, value: figures[key] }));
}

export function fromWire(lines: Array<{ key: string; value: number }>): Figures {
  return Object.fromEntries(lines.map((line) => [line.key, line.value]));
}
