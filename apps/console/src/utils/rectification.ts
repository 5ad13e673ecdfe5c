import type { Schemas } from '@/api/client';
import type { Role } from '@/api/access';
import { daysLeftText, LEVEL_STYLES, type WorkLevel } from './work';

export type Deadline = Schemas['DeadlineView'];
export type Item = Schemas['RectificationItemView'];
export type ProgressReport = Schemas['ReviewedProgressReportView'];
export type ReviewingOffice = ProgressReport['awaiting'][number]['office'];

/** How a progress report's deadline is shown: its colour (三色), its words, the alert raised. */
export interface DeadlineShown {
  level: WorkLevel;
  tag: 'danger' | 'warning' | 'success';
  color: string;
  /** 还剩 45 天 / 今天到期 / 已逾期 3 天 / 已报送整改进展情况报告 */
  text: string;
  /** The API's alert at the level reached (20 days, 10 days, overdue), or null. */
  alert: string | null;
}

/**
 * The colour of a deadline from the API's alert level: overdue red, within 10 days yellow,
 * otherwise green (the 20-day alert stays green, with its reminder); a submitted report ends
 * the countdown.
 */
export function deadlineShown(deadline: Deadline): DeadlineShown {
  const level: WorkLevel =
    deadline.level === 'overdue' ? 'overdue' : deadline.level === 'days_10' ? 'due_soon' : 'normal';
  const { tag, color } = LEVEL_STYLES[level];
  return {
    level,
    tag,
    color,
    text: deadline.progressReported ? '已报送整改进展情况报告' : daysLeftText(deadline.daysLeft),
    alert: deadline.label,
  };
}

/** 问题清单: each problem with its basis and where it stands. */
export interface ProblemRow {
  no: number;
  id: string;
  problem: string;
  basis: string;
  status: Item['status'];
  statusLabel: string;
  assigned: boolean;
  proofCount: number;
}

/** 责任清单: who answers for each problem, and the unit head above them. */
export interface ResponsibilityRow {
  no: number;
  id: string;
  problem: string;
  responsiblePerson: string;
  unitHead: string;
  assigned: boolean;
}

/** 任务清单: one row per task, numbered within its problem (1-1, 1-2, 2-1 …). */
export interface TaskRow {
  key: string;
  no: string;
  itemId: string;
  problem: string;
  task: string;
  statusLabel: string;
}

const NOT_YET = '未明确';

/** The three lists of a rectification, from its items (in the API's order). */
export function rectificationLists(items: Item[]): {
  problems: ProblemRow[];
  responsibility: ResponsibilityRow[];
  tasks: TaskRow[];
} {
  const problems = items.map((item, i) => ({
    no: i + 1,
    id: item.id,
    problem: item.problem,
    basis: item.basis,
    status: item.status,
    statusLabel: item.statusLabel,
    assigned: Boolean(item.responsiblePerson),
    proofCount: item.proofFiles.length + (item.proof ? 1 : 0),
  }));
  const responsibility = items.map((item, i) => ({
    no: i + 1,
    id: item.id,
    problem: item.problem,
    responsiblePerson: item.responsiblePerson ?? NOT_YET,
    unitHead: item.unitHead ?? NOT_YET,
    assigned: Boolean(item.responsiblePerson),
  }));
  const tasks = items.flatMap((item, i) =>
    item.tasks.map((task, j) => ({
      key: `${item.id}-${j}`,
      no: `${i + 1}-${j + 1}`,
      itemId: item.id,
      problem: item.problem,
      task,
      statusLabel: item.statusLabel,
    })),
  );
  return { problems, responsibility, tasks };
}

/** One line of a report's review: an office, signed (by whom, when) or still to sign. */
export interface SignatureRow {
  office: ReviewingOffice;
  officeLabel: string;
  signed: boolean;
  signedBy: string | null;
  signedAt: string | null;
}

/** The review of a report as the API gives it: those who signed, in order, then those awaited. */
export function signatureRows(report: ProgressReport): SignatureRow[] {
  return [
    ...report.signatures.map((s) => ({
      office: s.office,
      officeLabel: s.officeLabel,
      signed: true,
      signedBy: s.signedBy,
      signedAt: s.signedAt,
    })),
    ...report.awaiting.map((a) => ({
      office: a.office,
      officeLabel: a.officeLabel,
      signed: false,
      signedBy: null,
      signedAt: null,
    })),
  ];
}

/** 尚需 组织部门、巡视巡察办 签署 / 三方已全部签署 */
export function awaitingText(report: ProgressReport): string {
  if (report.awaiting.length === 0) return '三方已全部签署';
  return `尚需 ${report.awaiting.map((a) => a.officeLabel).join('、')} 签署`;
}

/** The offices still awaited on a report that this user works for (a role of that name). */
export function officesToSign(report: ProgressReport, roles: readonly Role[]): ReviewingOffice[] {
  return report.awaiting.map((a) => a.office).filter((office) => roles.includes(office as Role));
}

/** 980 B / 12.3 KB / 4.5 MB */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file types a node takes as proof (as evidence), by extension, for the file chooser. */
export const PROOF_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.txt': 'text/plain',
};
export const PROOF_ACCEPT = Object.keys(PROOF_TYPES).join(',');

/**
 * The content type a file is sent as: the browser's, or by its extension when the browser
 * gives none. The node checks it against the file's bytes and says why it refuses.
 */
export function proofContentType(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const dot = file.name.lastIndexOf('.');
  return (
    (dot >= 0 && PROOF_TYPES[file.name.slice(dot).toLowerCase()]) || 'application/octet-stream'
  );
}
