import { describe, expect, it } from 'vitest';
import {
  awaitingText,
  deadlineShown,
  fileSize,
  officesToSign,
  proofContentType,
  rectificationLists,
  signatureRows,
  type Deadline,
  type Item,
  type ProgressReport,
} from './rectification';

function deadline(change: Partial<Deadline>): Deadline {
  return {
    dueOn: '2027-02-05',
    months: 2,
    daysLeft: 45,
    progressReported: false,
    level: null,
    notify: null,
    label: null,
    ...change,
  };
}

describe('deadlineShown', () => {
  it('is green with the days left while no alert is raised', () => {
    expect(deadlineShown(deadline({}))).toMatchObject({
      level: 'normal',
      tag: 'success',
      text: '还剩 45 天',
      alert: null,
    });
  });

  it('stays green at the 20-day alert, with its reminder', () => {
    const label = '距整改进展报告期限不足20天，提醒责任人';
    expect(deadlineShown(deadline({ daysLeft: 18, level: 'days_20', label }))).toMatchObject({
      level: 'normal',
      tag: 'success',
      text: '还剩 18 天',
      alert: label,
    });
  });

  it('turns yellow at the 10-day alert and red when overdue, as the API says', () => {
    expect(deadlineShown(deadline({ daysLeft: 7, level: 'days_10' }))).toMatchObject({
      level: 'due_soon',
      tag: 'warning',
      color: '#d48806',
      text: '还剩 7 天',
    });
    expect(deadlineShown(deadline({ daysLeft: 0, level: 'days_10' })).text).toBe('今天到期');
    expect(deadlineShown(deadline({ daysLeft: -3, level: 'overdue' }))).toMatchObject({
      level: 'overdue',
      tag: 'danger',
      color: '#e0302d',
      text: '已逾期 3 天',
    });
  });

  it('ends the countdown once the progress report is submitted', () => {
    expect(
      deadlineShown(deadline({ daysLeft: -3, progressReported: true, level: null })),
    ).toMatchObject({ level: 'normal', text: '已报送整改进展情况报告', alert: null });
  });
});

function item(change: Partial<Item>): Item {
  return {
    id: 'item-1',
    rectificationId: 'r',
    findingId: 'f',
    problem: '违规发放津贴补贴：以加班费名义发放补贴12万元。',
    basis: '《中国共产党纪律处分条例》第一百零五条',
    responsiblePerson: null,
    unitHead: null,
    tasks: [],
    status: 'open',
    statusLabel: '整改中',
    proof: null,
    proofFiles: [],
    closedBy: null,
    closedAt: null,
    ...change,
  };
}

describe('rectificationLists', () => {
  const items = [
    item({
      id: 'a',
      responsiblePerson: '财务科长王某',
      unitHead: '局长李某',
      tasks: ['清退补贴', '修订财务制度'],
      status: 'closed',
      statusLabel: '已销号',
      proofFiles: [
        {
          id: 'p',
          itemId: 'a',
          filename: '银行回单.pdf',
          contentType: 'application/pdf',
          size: 100,
          sha256: '0'.repeat(64),
          uploadedBy: 'office',
          uploadedAt: '2026-12-01T10:00:00+08:00',
        },
      ],
    }),
    item({ id: 'b', problem: '台账不全：谈话笔录未归档。' }),
  ];

  it('numbers the problem list in the API’s order, with each one’s state and proof', () => {
    const { problems } = rectificationLists(items);
    expect(problems.map((p) => [p.no, p.id, p.statusLabel, p.assigned, p.proofCount])).toEqual([
      [1, 'a', '已销号', true, 1],
      [2, 'b', '整改中', false, 0],
    ]);
  });

  it('says who answers for each problem, and 未明确 where nobody does yet', () => {
    expect(
      rectificationLists(items).responsibility.map((r) => [r.no, r.responsiblePerson, r.unitHead]),
    ).toEqual([
      [1, '财务科长王某', '局长李某'],
      [2, '未明确', '未明确'],
    ]);
  });

  it('lists every task under its problem’s number, and nothing for a problem without tasks', () => {
    expect(rectificationLists(items).tasks.map((t) => [t.no, t.task, t.statusLabel])).toEqual([
      ['1-1', '清退补贴', '已销号'],
      ['1-2', '修订财务制度', '已销号'],
    ]);
    expect(rectificationLists([]).tasks).toEqual([]);
  });
});

function report(change: Partial<ProgressReport>): ProgressReport {
  return {
    id: 'pr',
    rectificationId: 'r',
    text: '整改进展情况。',
    submittedBy: 'office',
    submittedAt: '2026-12-01T10:00:00+08:00',
    signatures: [],
    complete: false,
    awaiting: [
      { office: 'supervision_office', officeLabel: '监督检查室' },
      { office: 'organization_department', officeLabel: '组织部门' },
      { office: 'inspection_office', officeLabel: '巡视巡察办' },
    ],
    ...change,
  };
}

describe('who still has to sign a progress report', () => {
  const signedBySupervision = report({
    signatures: [
      {
        office: 'supervision_office',
        officeLabel: '监督检查室',
        signedBy: 'jiandu',
        signedAt: '2026-12-02T09:00:00+08:00',
      },
    ],
    awaiting: [
      { office: 'organization_department', officeLabel: '组织部门' },
      { office: 'inspection_office', officeLabel: '巡视巡察办' },
    ],
  });

  it('names the three offices awaited on a report just submitted', () => {
    expect(awaitingText(report({}))).toBe('尚需 监督检查室、组织部门、巡视巡察办 签署');
    expect(signatureRows(report({})).every((r) => !r.signed)).toBe(true);
  });

  it('lists those who signed first, then those awaited, until none is left', () => {
    expect(
      signatureRows(signedBySupervision).map((r) => [r.officeLabel, r.signed, r.signedBy]),
    ).toEqual([
      ['监督检查室', true, 'jiandu'],
      ['组织部门', false, null],
      ['巡视巡察办', false, null],
    ]);
    expect(awaitingText(signedBySupervision)).toBe('尚需 组织部门、巡视巡察办 签署');
    expect(awaitingText(report({ awaiting: [], complete: true }))).toBe('三方已全部签署');
  });

  it('offers a user only the awaited offices they work for', () => {
    expect(officesToSign(signedBySupervision, ['supervision_office'])).toEqual([]);
    expect(officesToSign(signedBySupervision, ['organization_department'])).toEqual([
      'organization_department',
    ]);
    expect(officesToSign(report({}), ['inspection_office', 'leading_group', 'admin'])).toEqual([
      'inspection_office',
    ]);
    expect(officesToSign(report({}), ['viewer'])).toEqual([]);
  });
});

describe('files of proof', () => {
  it('gives sizes a person reads', () => {
    expect(fileSize(980)).toBe('980 B');
    expect(fileSize(12_595)).toBe('12.3 KB');
    expect(fileSize(4_718_592)).toBe('4.5 MB');
  });

  it('sends a file as the type the browser gives, else by its extension', () => {
    expect(proofContentType({ name: '回单.pdf', type: 'application/pdf' })).toBe('application/pdf');
    expect(proofContentType({ name: '说明.TXT', type: '' })).toBe('text/plain');
    expect(proofContentType({ name: '报告.docx', type: '' })).toContain('wordprocessingml');
    expect(proofContentType({ name: '无扩展名', type: '' })).toBe('application/octet-stream');
  });
});
