import { describe, expect, it } from 'vitest';
import { ApiError, type Schemas } from '@/api/client';
import {
  blankOpenForm,
  closeBody,
  closeProblems,
  liveRounds,
  openBody,
  openProblems,
  openRefusal,
  rowsProblem,
  type OpenForm,
} from './oversight';
import { childRows, engagementsOf, overseenRows } from './oversight-figures';

const filled = (over: Partial<OpenForm> = {}): OpenForm => ({
  ...blankOpenForm(),
  overseenNode: '130000',
  title: '  对河北省巡视工作开展全流程指导督导 ',
  window: ['2026-12-02', '2026-12-20'],
  people: [
    { name: '王某', other: '督导组组长' },
    { name: '', other: '' },
  ],
  checklist: ['team_recusal.recusal'],
  ...over,
});

describe('the opening form', () => {
  it('names every missing field in Chinese, and nothing when whole', () => {
    expect(Object.keys(openProblems(blankOpenForm())).sort()).toEqual([
      'checklist',
      'overseenNode',
      'people',
      'title',
      'window',
    ]);
    expect(openProblems(filled())).toEqual({});
  });

  it('asks for the round only for on-site follow-up, and refuses a window run backwards', () => {
    expect(openProblems(filled({ form: 'on_site' })).roundId).toContain('轮次');
    expect(openProblems(filled({ window: ['2026-12-20', '2026-12-02'] })).window).toBe(
      '结束日期不能早于开始日期',
    );
  });

  it('wants both name and post of each person typed, blank rows left out', () => {
    expect(rowsProblem([{ name: '王某', other: '' }], '督导人员', '职务', 100)).toBe(
      '第 1 行督导人员的姓名和职务都要填写',
    );
    expect(openBody(filled()).people).toEqual([{ name: '王某', post: '督导组组长' }]);
  });

  it('sends the round only with on-site follow-up, the title trimmed', () => {
    const body = openBody(filled({ roundId: 'r1' }));
    expect(body).not.toHaveProperty('roundId');
    expect(body.title).toBe('对河北省巡视工作开展全流程指导督导');
    expect(openBody(filled({ form: 'on_site', roundId: 'r1' })).roundId).toBe('r1');
  });

  it("puts the node's refusals beside the fields they concern", () => {
    const validation = new ApiError(
      400,
      '请求内容不符合要求',
      [
        { field: 'people.0.name', label: '姓名', problems: ['不能为空'], problemsEn: [] },
        { field: 'windowEnd', label: '结束', problems: ['须为日期'], problemsEn: [] },
        { field: 'other', label: '其他', problems: ['?'], problemsEn: [] },
      ],
      'VALIDATION_FAILED',
    );
    const split = openRefusal(validation);
    expect(split.beside).toEqual({ people: '不能为空', window: '须为日期' });
    expect(split.rest.map((f) => f.field)).toEqual(['other']);
    expect(split.message).toBe('');
    const window = openRefusal(new ApiError(400, '督导结束日期早于开始日期', [], 'WINDOW_INVALID'));
    expect(window.beside.window).toBe('督导结束日期早于开始日期');
    expect(openRefusal(new ApiError(409, '已结束', [], 'OTHER')).message).toBe('已结束');
  });
});

describe('the closing form', () => {
  it('wants an assessment, and each recommendation with its item and text', () => {
    expect(closeProblems(' ', [])).toHaveProperty('assessment');
    expect(closeProblems('总体规范', [{ item: '', text: '建立制度' }]).recommendations).toBe(
      '第 1 条督导意见须选择事项并填写内容',
    );
    expect(closeProblems('总体规范', [{ item: '', text: '' }])).toEqual({});
    expect(
      closeBody(' 总体规范 ', [
        { item: 'records.trail', text: ' 全程留痕 ' },
        { item: '', text: '' },
      ]),
    ).toEqual({
      assessment: '总体规范',
      recommendations: [{ item: 'records.trail', text: '全程留痕' }],
    });
  });
});

describe('the rounds offered for on-site follow-up', () => {
  const round = (over: Partial<Schemas['RoundDetailView']>) =>
    ({
      theme: '乡村振兴专项巡视',
      windowStart: '2026-12-01',
      windowEnd: '2027-01-31',
      links: [],
      ...over,
    }) as Schemas['RoundDetailView'];
  const inspection = (over: Partial<Schemas['InspectionView']>) =>
    ({
      role: 'reported',
      conductingNode: '130000',
      roundId: 'r2',
      organizationName: '河北省发展改革委',
      windowStart: '2026-12-05',
      windowEnd: '2027-01-10',
      ...over,
    }) as Schemas['InspectionView'];

  it("names the overseen node's running rounds by theme or by the organizations inspected", () => {
    const linked = [
      round({
        links: [{ roundId: 'p', childNode: '130000', childRoundId: 'r1', acknowledgedAt: 'x' }],
      }),
      round({
        windowEnd: '2026-11-30',
        links: [{ roundId: 'q', childNode: '130000', childRoundId: 'old', acknowledgedAt: 'x' }],
      }),
      round({
        links: [{ roundId: 'p', childNode: '140000', childRoundId: 'other', acknowledgedAt: 'x' }],
      }),
    ];
    const options = liveRounds('130000', '2026-12-02', linked, [
      inspection({}),
      inspection({ organizationName: '河北省教育厅' }),
      inspection({ roundId: 'r1' }),
      inspection({ roundId: 'r3', role: 'conducting' }),
    ]);
    expect(options).toEqual([
      { id: 'r1', label: '乡村振兴专项巡视（联动轮次，2026-12-01 至 2027-01-31）' },
      { id: 'r2', label: '巡察河北省发展改革委、河北省教育厅的轮次（2026-12-05 至 2027-01-10）' },
    ]);
  });
});

describe('the figures tables', () => {
  const f = (open: number, closed: number, answered = 0) => ({
    engagementsOpen: open,
    engagementsClosed: closed,
    recommendationsOpen: 1,
    recommendationsAnswered: answered,
    recommendationsOverdue: 0,
  });
  it('lists the descendants overseen, then the total', () => {
    const rows = overseenRows([{ nodeId: '130000', name: '河北省', figures: f(0, 1) }], f(0, 1));
    expect(rows.map((r) => [r.name, r.figures && engagementsOf(r.figures)])).toEqual([
      ['河北省', 1],
      ['合计', 1],
    ]);
  });
  it('puts this node first, each child as reported or not yet, then the whole', () => {
    const rows = childRows(
      {
        own: f(0, 1),
        subtree: f(1, 1),
        children: [{ nodeId: '130000', name: '河北省', figures: f(1, 0) }],
      },
      [
        { nodeId: '130000', name: '河北省' },
        { nodeId: '140000', name: '山西省' },
      ],
    );
    expect(rows.map((r) => [r.name, r.figures && engagementsOf(r.figures)])).toEqual([
      ['本级', 1],
      ['河北省', 1],
      ['山西省', null],
      ['全辖区合计', 2],
    ]);
  });
});
