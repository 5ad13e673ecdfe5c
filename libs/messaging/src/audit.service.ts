import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';
import { AuditEntry } from './entities';

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
    const entry = manager.create(AuditEntry, { ...record, detail: record.detail ?? {}, occurredAt: this.clock.now() });
    await manager.save(entry);
  }
}
