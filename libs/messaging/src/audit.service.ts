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
  constructor(private readonly clock: Clock) {}

  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
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
}
