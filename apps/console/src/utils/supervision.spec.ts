import { describe, expect, it } from 'vitest';
import {
  nextUrgingShown,
  SUPERVISION_METHODS,
  urgingShown,
  type RoutineSupervision,
} from './supervision';

const urging: Parameters<typeof urgingShown>[0] = {
  urging: '月底前补齐台账。',
  urgingState: 'open',
  urgingStateLabel: '待落实',
  urgingLevel: 'normal',
  urgingDaysLeft: 20,
};

describe('urgingShown', () => {
  it('is nothing when no urging was asked', () => {
    expect(
      urgingShown({ ...urging, urging: null, urgingState: null, urgingLevel: null }),
    ).toBeNull();
  });

  it('is green, yellow or red with the days left while not done', () => {
    expect(urgingShown(urging)).toEqual({
      tag: 'success',
      color: '#3d9a2b',
      text: '待落实 · 还剩 20 天',
    });
    expect(urgingShown({ ...urging, urgingLevel: 'due_soon', urgingDaysLeft: 0 })).toMatchObject({
      tag: 'warning',
      text: '待落实 · 今天到期',
    });
    expect(
      urgingShown({
        ...urging,
        urgingState: 'overdue',
        urgingStateLabel: '逾期未落实',
        urgingLevel: 'overdue',
        urgingDaysLeft: -3,
      }),
    ).toMatchObject({ tag: 'danger', text: '逾期未落实 · 已逾期 3 天' });
  });

  it('says done without days once done', () => {
    expect(
      urgingShown({ ...urging, urgingState: 'done', urgingLevel: null, urgingDaysLeft: null }),
    ).toMatchObject({ tag: 'info', text: '已落实' });
  });
});

describe('nextUrgingShown', () => {
  const row = (change: Partial<RoutineSupervision>) =>
    ({
      openUrgingCount: 1,
      nextUrgingDaysLeft: 4,
      urgingLevel: 'due_soon',
      ...change,
    }) as RoutineSupervision;

  it('colours the next urging due', () => {
    expect(nextUrgingShown(row({}))).toMatchObject({ tag: 'warning', text: '还剩 4 天' });
    expect(nextUrgingShown(row({ nextUrgingDaysLeft: -1, urgingLevel: 'overdue' }))).toMatchObject({
      tag: 'danger',
      text: '已逾期 1 天',
    });
  });

  it('is nothing without an open urging', () => {
    expect(nextUrgingShown(row({ openUrgingCount: 0, nextUrgingDaysLeft: null }))).toBeNull();
  });
});

describe('SUPERVISION_METHODS', () => {
  it('offers the methods in Chinese', () => {
    expect(SUPERVISION_METHODS.map((m) => m.label)).toEqual([
      '谈心谈话',
      '约谈提醒',
      '督查检查',
      '列席会议',
      '调阅资料',
      '听取汇报',
      '其他',
    ]);
  });
});
