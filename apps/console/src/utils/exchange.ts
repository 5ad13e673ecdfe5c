import type { FieldProblem, Schemas } from '@/api/client';
import { contentTypeOf } from './files';

/** 巡前信息沟通 and 巡中监督手段支持: what the console shows and sends of them. */

export type InformationRequest = Schemas['InformationRequestView'];
export type RequestSummary = Schemas['InformationRequestSummaryView'];
export type Answer = Schemas['AnswerView'];
export type Attachment = Schemas['AttachmentView'];
export type SendBody = Schemas['SendRequestDto'];
export type AskedBody = SendBody['body'];
export type CadreTier = NonNullable<SendBody['cadreTier']>;
export type RequestState = 'open' | 'overdue' | 'answered' | 'answered_late';

/** The bodies a request may ask, with their Chinese names, in the order offered. */
export const ASKED_BODIES: { value: AskedBody; label: string }[] = [
  { value: 'discipline', label: '纪检监察机关' },
  { value: 'organization', label: '组织部门' },
  { value: 'audit', label: '审计机关' },
  { value: 'petitions', label: '信访部门' },
  { value: 'judicial', label: '司法机关' },
];

export const CADRE_TIERS: { value: CadreTier; label: string }[] = [
  { value: 'central', label: '中央' },
  { value: 'provincial', label: '省级' },
  { value: 'municipal', label: '市级' },
  { value: 'county', label: '县级' },
];

/** How each state is shown: its words and its colour (Element Plus tag type). */
export const STATE_SHOWN: Record<
  RequestState,
  { label: string; tag: 'primary' | 'danger' | 'success' | 'warning' }
> = {
  open: { label: '待答复', tag: 'primary' },
  overdue: { label: '已逾期', tag: 'danger' },
  answered: { label: '已答复', tag: 'success' },
  answered_late: { label: '逾期答复', tag: 'warning' },
};

export function stateShown(state: string): { label: string; tag: string } {
  return STATE_SHOWN[state as RequestState] ?? { label: state, tag: 'info' };
}

/** The figures over the lists: what the office follows, and what this node still has to answer. */
export function requestFigures(
  summary: RequestSummary | undefined,
): { key: string; label: string; value: number; tone: '' | 'danger' | 'warning' | 'primary' }[] {
  const s = summary ?? { sent: 0, outstanding: 0, overdue: 0, answered: 0, late: 0, toAnswer: 0 };
  return [
    { key: 'sent', label: '发出', value: s.sent, tone: '' },
    { key: 'outstanding', label: '待答复', value: s.outstanding, tone: 'primary' },
    { key: 'overdue', label: '逾期未答复', value: s.overdue, tone: s.overdue ? 'danger' : '' },
    { key: 'late', label: '逾期答复', value: s.late, tone: s.late ? 'warning' : '' },
    { key: 'toAnswer', label: '收到待答复', value: s.toAnswer, tone: s.toAnswer ? 'danger' : '' },
  ];
}

/** What an inspection's page offers: the office asks, the team's leader asks for support. */
export function inspectionRequestActions(
  inspection: { role: string; status: string },
  can: (route: string) => boolean,
): { inform: boolean; support: boolean; list: boolean } {
  const open = inspection.role === 'conducting' && inspection.status === 'planned';
  return {
    inform: open && can('POST /inspections/{id}/information-requests'),
    support: open && can('POST /inspections/{id}/support-requests'),
    list: inspection.role === 'conducting' && can('GET /inspections/{id}/information-requests'),
  };
}

/** 打开密件 for the requesting team once the answer is held here; 答复 for the asked body. */
export function requestActions(
  request: InformationRequest,
  direction: 'sent' | 'received',
  can: (route: string) => boolean,
): { open: boolean; answer: boolean } {
  return {
    open:
      direction === 'sent' && request.answerHeld && can('GET /information-requests/{id}/answer'),
    answer:
      direction === 'received' &&
      !request.answeredAt &&
      can('POST /information-requests/{id}/answer'),
  };
}

/** The send form as people fill it in. */
export interface SendForm {
  body: AskedBody | '';
  subject: string;
  details: string;
  /** 'node': a node picked by name; 'tier': the node that manages the target's cadres. */
  routeBy: 'node' | 'tier';
  targetNode: string;
  cadreTier: CadreTier | '';
  answerBy: string;
}

export const blankSendForm = (self = ''): SendForm => ({
  body: '',
  subject: '',
  details: '',
  routeBy: 'node',
  targetNode: self,
  cadreTier: '',
  answerBy: '',
});

/** The request body: only the route chosen, blank optional fields left out (a blank is refused). */
export function sendBody(form: SendForm): SendBody {
  const body: SendBody = {
    body: form.body as AskedBody,
    subject: form.subject.trim(),
    details: form.details.trim(),
  };
  if (form.routeBy === 'node' && form.targetNode) body.targetNode = form.targetNode;
  if (form.routeBy === 'tier' && form.cadreTier) body.cadreTier = form.cadreTier;
  if (form.answerBy) body.answerBy = form.answerBy;
  return body;
}

/** A node to ask, as the picker names it. */
export interface TargetOption {
  value: string;
  label: string;
}

/**
 * The nodes a request may go to, by name: this node, its ancestors (上级) and its registered
 * descendants (下级), as the API routes it.
 */
export function targetOptions(
  self: { nodeId: string; name: string } | undefined,
  partners: { nodeId: string; name: string; tierLabel: string; direction: string }[],
): TargetOption[] {
  const own = self ? [{ value: self.nodeId, label: `本级：${self.name}` }] : [];
  const others = partners
    .filter((p) => p.nodeId !== self?.nodeId)
    .map((p) => ({
      value: p.nodeId,
      label: `${p.direction === 'ancestor' ? '上级' : '下级'}：${p.name}（${p.tierLabel}）`,
    }));
  return [...own, ...others];
}

/** The form fields a refusal can name beside them; the rest go above the form. */
const SEND_FIELDS = new Set(['body', 'subject', 'details', 'targetNode', 'cadreTier', 'answerBy']);
const ANSWER_FIELDS = new Set(['summary', 'attachments']);

/** A refusal's problems by form field (`attachments.0.filename` beside 附件), the rest apart. */
export function refusedBeside(
  fields: FieldProblem[],
  form: 'send' | 'answer',
): { beside: Record<string, string>; rest: FieldProblem[] } {
  const known = form === 'send' ? SEND_FIELDS : ANSWER_FIELDS;
  const beside: Record<string, string> = {};
  const rest: FieldProblem[] = [];
  for (const f of fields) {
    let field = f.field.split('.')[0];
    if (form === 'send' && field === 'routeBy') field = 'targetNode';
    if (known.has(field)) {
      const text = f.problems.join('；');
      beside[field] = beside[field] ? `${beside[field]}；${text}` : text;
    } else rest.push(f);
  }
  return { beside, rest };
}

/** An answer's limits: at most 5 attachments, 256 KiB together. */
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 256 * 1024;

/** What is wrong with the files chosen before they are sent, in Chinese ('' when nothing). */
export function attachmentProblem(files: { size: number }[]): string {
  if (files.length > MAX_ATTACHMENTS)
    return `附件最多 ${MAX_ATTACHMENTS} 个，已选 ${files.length} 个，请移除多余的附件`;
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_ATTACHMENT_BYTES)
    return `附件合计不超过 256 KB，已选 ${(total / 1024).toFixed(1)} KB，请压缩或减少附件`;
  return '';
}

/** Bytes as base64 (the API carries attachments in JSON). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The answer's body: the summary and each file with its type and content. */
export async function answerBody(summary: string, files: File[]): Promise<Schemas['AnswerDto']> {
  const attachments = await Promise.all(
    files.map(async (file) => ({
      filename: file.name,
      contentType: contentTypeOf(file) || 'application/octet-stream',
      contentBase64: toBase64(new Uint8Array(await file.arrayBuffer())),
    })),
  );
  return { summary: summary.trim(), ...(attachments.length ? { attachments } : {}) };
}

/** Saves an opened attachment under its own name. */
export function saveAttachment(a: Attachment): void {
  const blob = new Blob([fromBase64(a.contentBase64) as BlobPart], { type: a.contentType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = a.filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 井陉县 → 石家庄市纪检监察机关: who asked whom. */
export function routeText(r: InformationRequest, direction: 'sent' | 'received'): string {
  const name = (label: string) => label.replace(/（\d+）$/, '');
  return direction === 'sent'
    ? `${name(r.targetNodeLabel)}${r.bodyLabel}`
    : `${name(r.fromNodeLabel)}巡察机构`;
}
