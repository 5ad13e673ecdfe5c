import { Injectable } from '@nestjs/common';
import { AuditEntry, readAuditChain, verifyAuditChain } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { auditActionLabel } from './audit-labels';
import { AuditEntryView, AuditQuery, AuditVerificationView } from './audit.dto';

function mapAuditEntry(row: AuditEntry): AuditEntryView {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurredAt.toISOString(),
    actor: row.actor,
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    detail: row.detail,
    hash: row.hash,
  };
}

/** What the audit log answers: its entries, narrowed, and whether its chain holds. */
@Injectable()
export class AuditQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The log, newest first, narrowed by who, what and when; paged backwards by chain position. */
  async list(query: AuditQuery): Promise<AuditEntryView[]> {
    const builder = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .orderBy('a.seq', 'DESC')
      .take(query.limit ?? 100);
    if (query.before) builder.andWhere('a.seq < :before', { before: String(query.before) });
    if (query.actor) builder.andWhere('strpos(a.actor, :actor) > 0', { actor: query.actor });
    if (query.action)
      builder.andWhere('left(a.action, length(:action)) = :action', { action: query.action });
    if (query.from)
      builder.andWhere('a.occurred_at >= :from', { from: `${query.from}T00:00:00+08:00` });
    if (query.to)
      builder.andWhere('a.occurred_at < :until', {
        until: new Date(Date.parse(`${query.to}T00:00:00+08:00`) + 86_400_000),
      });
    return (await builder.getMany()).map(mapAuditEntry);
  }

  /** This node checks its own chain (the parent's witnesses are checked by the operator CLI). */
  async verify(): Promise<AuditVerificationView> {
    const { rows, head } = await readAuditChain(this.dataSource);
    return verifyAuditChain(rows, head);
  }
}
