import { describe, expect, it } from 'vitest';
import {
  answerBody,
  attachmentProblem,
  blankSendForm,
  fromBase64,
  inspectionRequestActions,
  refusedBeside,
  requestActions,
  requestFigures,
  routeText,
  sendBody,
  stateShown,
  targetOptions,
  toBase64,
  type InformationRequest,
} from './exchange';

const request = (over: Partial<InformationRequest> = {}): InformationRequest => ({
  id: '0190a1b2-0000-7000-8000-000000000001',
  kind: 'information',
  kindLabel: '巡前信息沟通',
  fromNode: '130121',
  fromNodeLabel: '井陉县（130121）',
  targetNode: '130100',
  targetNodeLabel: '石家庄市（130100）',
  body: 'discipline',
  bodyLabel: '纪检监察机关',
  cadreTier: null,
  inspectionId: '0190a1b2-0000-7000-8000-000000000002',
  organizationName: '井陉县某局党组',
  subject: '领导班子成员信访举报情况',
  details: '请提供近三年的信访举报情况。',
  answerBy: '2026-12-12',
  requestedAt: '2026-12-02T02:00:00.000Z',
  requestedBy: 'office',
  answeredAt: null,
  answeredBy: null,
  attachmentCount: null,
  answerHeld: false,
  state: 'open',
  stateLabel: '待答复',
  late: false,
  overdue: false,
  ...over,
});
const only =
  (...routes: string[]) =>
  (route: string) =>
    routes.includes(route);

describe('stateShown', () => {
  it('shows each state in words and its colour', () => {
    expect(stateShown('open')).toEqual({ label: '待答复', tag: 'primary' });
    expect(stateShown('overdue')).toEqual({ label: '已逾期', tag: 'danger' });
    expect(stateShown('answered')).toEqual({ label: '已答复', tag: 'success' });
    expect(stateShown('answered_late')).toEqual({ label: '逾期答复', tag: 'warning' });
  });
});

describe('requestFigures', () => {
  it('counts outstanding, overdue and late, red and yellow only when there are some', () => {
    const figures = requestFigures({
      sent: 4,
      outstanding: 2,
      overdue: 1,
      answered: 2,
      late: 0,
      toAnswer: 0,
    });
    expect(figures.map((f) => [f.label, f.value, f.tone])).toEqual([
      ['发出', 4, ''],
      ['待答复', 2, 'primary'],
      ['逾期未答复', 1, 'danger'],
      ['逾期答复', 0, ''],
      ['收到待答复', 0, ''],
    ]);
  });

  it('shows zeros before the list has loaded', () => {
    expect(requestFigures(undefined).every((f) => f.value === 0)).toBe(true);
  });
});

describe('inspectionRequestActions', () => {
  const planned = { role: 'conducting', status: 'planned' };
  it('offers 发起信息沟通 to the office and 申请监督手段支持 to the team leader', () => {
    expect(
      inspectionRequestActions(
        planned,
        only(
          'POST /inspections/{id}/information-requests',
          'GET /inspections/{id}/information-requests',
        ),
      ),
    ).toEqual({ inform: true, support: false, list: true });
    expect(
      inspectionRequestActions(
        planned,
        only(
          'POST /inspections/{id}/support-requests',
          'GET /inspections/{id}/information-requests',
        ),
      ),
    ).toEqual({ inform: false, support: true, list: true });
  });

  it('offers nothing new once the feedback is given, nor for an inspection hosted here', () => {
    const all = () => true;
    expect(inspectionRequestActions({ role: 'conducting', status: 'feedback_given' }, all)).toEqual(
      { inform: false, support: false, list: true },
    );
    expect(inspectionRequestActions({ role: 'hosted', status: 'planned' }, all)).toEqual({
      inform: false,
      support: false,
      list: false,
    });
  });
});

describe('requestActions', () => {
  it('lets the team open an answer held here, never the office', () => {
    const held = request({ answerHeld: true, answeredAt: '2026-12-03T01:00:00.000Z' });
    expect(requestActions(held, 'sent', only('GET /information-requests/{id}/answer'))).toEqual({
      open: true,
      answer: false,
    });
    expect(requestActions(held, 'sent', only('GET /information-requests'))).toEqual({
      open: false,
      answer: false,
    });
    expect(requestActions(request(), 'sent', () => true).open).toBe(false);
  });

  it('lets the receiving body answer what it received, once', () => {
    const can = only('POST /information-requests/{id}/answer');
    expect(requestActions(request(), 'received', can).answer).toBe(true);
    expect(
      requestActions(request({ answeredAt: '2026-12-03T01:00:00.000Z' }), 'received', can).answer,
    ).toBe(false);
    expect(requestActions(request(), 'sent', can).answer).toBe(false);
  });
});

describe('sendBody', () => {
  const filled = {
    ...blankSendForm('130121'),
    body: 'discipline' as const,
    subject: ' 领导班子成员信访举报情况 ',
    details: '请提供。',
  };
  it('sends the node picked, trimmed text and no blank due day', () => {
    expect(sendBody({ ...filled, targetNode: '130100' })).toEqual({
      body: 'discipline',
      subject: '领导班子成员信访举报情况',
      details: '请提供。',
      targetNode: '130100',
    });
  });

  it('sends the cadre tier instead of a node when routed by tier, and a due day when named', () => {
    expect(
      sendBody({
        ...filled,
        routeBy: 'tier',
        targetNode: '130100',
        cadreTier: 'municipal',
        answerBy: '2026-12-08',
      }),
    ).toEqual({
      body: 'discipline',
      subject: '领导班子成员信访举报情况',
      details: '请提供。',
      cadreTier: 'municipal',
      answerBy: '2026-12-08',
    });
  });
});

describe('targetOptions', () => {
  it('names this node, its ancestors and its descendants, never a code alone', () => {
    expect(
      targetOptions({ nodeId: '130121', name: '井陉县' }, [
        { nodeId: '130100', name: '石家庄市', tierLabel: '市级', direction: 'ancestor' },
        { nodeId: '130121001', name: '某镇', tierLabel: '乡镇级', direction: 'descendant' },
      ]),
    ).toEqual([
      { value: '130121', label: '本级：井陉县' },
      { value: '130100', label: '上级：石家庄市（市级）' },
      { value: '130121001', label: '下级：某镇（乡镇级）' },
    ]);
  });
});

describe('refusedBeside', () => {
  it('puts each refused field beside its own field, an attachment’s beside 附件', () => {
    const { beside, rest } = refusedBeside(
      [
        { field: 'summary', label: '情况说明', problems: ['不能为空'], problemsEn: [] },
        {
          field: 'attachments.0.contentType',
          label: '附件类型',
          problems: ['须为媒体类型'],
          problemsEn: [],
        },
        { field: 'other', label: '其他', problems: ['不认识'], problemsEn: [] },
      ],
      'answer',
    );
    expect(beside).toEqual({ summary: '不能为空', attachments: '须为媒体类型' });
    expect(rest.map((f) => f.field)).toEqual(['other']);
  });

  it('names the send form’s fields', () => {
    const { beside } = refusedBeside(
      [
        { field: 'body', label: '受询机关（body）', problems: ['请选择'], problemsEn: [] },
        { field: 'answerBy', label: '答复期限', problems: ['不是日期'], problemsEn: [] },
      ],
      'send',
    );
    expect(beside).toEqual({ body: '请选择', answerBy: '不是日期' });
  });
});

describe('attachments', () => {
  it('refuses more than 5 files or more than 256 KB together, in Chinese', () => {
    expect(attachmentProblem([{ size: 100 }])).toBe('');
    expect(attachmentProblem(Array.from({ length: 6 }, () => ({ size: 1 })))).toContain(
      '最多 5 个',
    );
    expect(attachmentProblem([{ size: 200 * 1024 }, { size: 100 * 1024 }])).toContain('256 KB');
  });

  it('carries each file as base64 with its type, and leaves out none chosen', async () => {
    const file = new File(['%PDF-1.7 汇总'], '汇总.pdf', { type: 'application/pdf' });
    const body = await answerBody(' 已办结。 ', [file]);
    expect(body.summary).toBe('已办结。');
    expect(body.attachments?.[0]).toMatchObject({
      filename: '汇总.pdf',
      contentType: 'application/pdf',
    });
    expect(new TextDecoder().decode(fromBase64(body.attachments?.[0]?.contentBase64 ?? ''))).toBe(
      '%PDF-1.7 汇总',
    );
    expect(await answerBody('无。', [])).toEqual({ summary: '无。' });
    expect(toBase64(new Uint8Array([0, 255]))).toBe('AP8=');
  });
});

describe('routeText', () => {
  it('names the other side without its code', () => {
    expect(routeText(request(), 'sent')).toBe('石家庄市纪检监察机关');
    expect(routeText(request(), 'received')).toBe('井陉县巡察机构');
  });
});
