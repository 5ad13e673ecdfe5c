import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ImportStatus = 'reading' | 'validating' | 'importing' | 'done' | 'refused' | 'failed';

/** How the text of a CSV registry file was encoded: UTF-8, or GB18030 (GBK) as Excel saves it on Chinese Windows. */
export const REGISTRY_ENCODINGS = ['UTF-8', 'GB18030'] as const;
export type RegistryEncoding = (typeof REGISTRY_ENCODINGS)[number];

export interface RowProblem {
  row: number;
  field: string;
  /** The column as the file names it (代码, 类别, …). */
  fieldLabel?: string;
  /** zh-CN, saying what to do. */
  problem: string;
  problemEn?: string;
}

/** One import of a registry file: its progress, and if refused, why, row by row. */
@Entity({ name: 'registry_import' })
export class RegistryImport {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  format!: 'csv' | 'xlsx';

  /** CSV only: the encoding the file was read in; null for Excel. */
  @Column({ type: 'text', nullable: true })
  encoding!: RegistryEncoding | null;

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
