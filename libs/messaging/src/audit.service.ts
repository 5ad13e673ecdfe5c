import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';

export interface AuditRecord {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
}

/** Writes the audit row inside the caller's transaction, so a change and its record commit together. */
@Injectable()
export class AuditService {
  /** Records held back for transactions running under `deferredIn`, in the order they were made. */
  private readonly held = new WeakMap<EntityManager, AuditRecord[]>();

  constructor(private readonly clock: Clock) {}

  /**
   * Runs `work` with every record made on `manager` held back, then writes them all, in
   * order, in one statement at its end. An inbox batch runs its handlers this way: a handler
   * may emit an event after an earlier one recorded, and the audit chain's lock must still
   * come after every sequence counter's, as it does in a single write.
   */
  async deferredIn<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    this.held.set(manager, []);
    try {
      const result = await work();
      const records = this.held.get(manager) ?? [];
      this.held.delete(manager);
      await this.recordMany(manager, records);
      return result;
    } finally {
      this.held.delete(manager);
    }
  }

  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    const held = this.held.get(manager);
    if (held) {
      held.push(record);
      return;
    }
    await manager.query(
      `INSERT INTO audit_entry (occurred_at, actor, action, subject_type, subject_id, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        this.clock.now(),
        record.actor,
        record.action,
        record.subjectType,
        record.subjectId,
        JSON.stringify(record.detail ?? {}),
      ],
    );
  }

  /** Several records in one statement (the chain trigger still links them one by one, in order). */
  async recordMany(manager: EntityManager, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const held = this.held.get(manager);
    if (held) {
      held.push(...records);
      return;
    }
    const at = this.clock.now();
    await manager.query(
      `INSERT INTO audit_entry (occurred_at, actor, action, subject_type, subject_id, detail)
       SELECT $1, actor, action, subject_type, subject_id, detail
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) WITH ORDINALITY
            AS r(actor, action, subject_type, subject_id, detail, n)
       ORDER BY n`,
      [
        at,
        records.map((r) => r.actor),
        records.map((r) => r.action),
        records.map((r) => r.subjectType),
        records.map((r) => r.subjectId),
        records.map((r) => JSON.stringify(r.detail ?? {})),
      ],
    );
  }
}
