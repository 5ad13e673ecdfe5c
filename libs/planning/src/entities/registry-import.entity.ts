import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ImportStatus = 'reading' | 'validating' | 'importing' | 'done' | 'refused' | 'failed';

export interface RowProblem {
  row: number;
  field: string;
  problem: string;
}

/** One import of a registry file: its progress, and if refused, why, row by row. */
@Entity({ name: 'registry_import' })
export class RegistryImport {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  format!: 'csv' | 'xlsx';

  @Column({ type: 'text' })
  status!: ImportStatus;

  @Column({ type: 'int', default: 0 })
  total!: number;

  @Column({ type: 'int', default: 0 })
  processed!: number;

  @Column({ type: 'jsonb', default: [] })
  problems!: RowProblem[];

  @Column({ name: 'problem_count', type: 'int', default: 0 })
  problemCount!: number;

  @Column({ name: 'started_by', type: 'text' })
  startedBy!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
