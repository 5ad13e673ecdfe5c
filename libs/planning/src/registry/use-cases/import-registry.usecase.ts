import { parseCsv, readXlsx } from '@liandong/common';
import { Injectable, Logger } from '@nestjs/common';
import { AuditService, Clock } from '@liandong/messaging';
import { uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { CoverageReporter } from '../../coverage/coverage-reporter';
import { RegistryImport, RowProblem } from '../../entities';
import { planningRefusal } from '../../planning.errors';
import { parentsByCode, upsertOrganizations } from '../organization.repository';
import {
  crossCheck,
  decodeRegistryCsv,
  readRegistryRows,
  RegistryRow,
  rowProblem,
} from '../registry-file';
import { insertImport, updateImport } from '../registry-import.repository';
import { ImportView } from '../registry.dto';
import { mapImport } from '../registry.mapper';

/** A registry file to read: a CSV's text (already decoded) or an Excel workbook's bytes. */
type RegistrySource = { text: string } | { workbook: Buffer };

const CHUNK = 2000;
const PROBLEMS_KEPT = 1000;

/**
 * Imports a registry file (CSV or Excel) as a job: the file is read and checked whole
 * first; with any problem it is refused with a row-by-row report and nothing changes;
 * otherwise every row is written in one transaction, progress visible as it goes.
 */
@Injectable()
export class ImportRegistry {
  private readonly logger = new Logger(ImportRegistry.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly coverage: CoverageReporter,
  ) {}

  /** Starts the job and answers at once; GET /organizations/imports/:id follows it. */
  async execute(data: Buffer, format: 'csv' | 'xlsx', actor: string): Promise<ImportView> {
    if (!Buffer.isBuffer(data) || data.length === 0) {
      throw planningRefusal(
        'EMPTY_FILE',
        {
          zh: '没有收到文件内容。请把对象库文件本身作为请求内容上传：CSV 文件的类型为 text/csv，Excel 文件为 .xlsx 类型',
          en: 'no file received: send the file itself as the request body, with Content-Type text/csv or the .xlsx type',
        },
        400,
      );
    }
    // A CSV's encoding is known at once (UTF-8, or GB18030 as Excel saves it on Chinese Windows).
    const csv = format === 'csv' ? decodeRegistryCsv(data) : null;
    const job = await insertImport(this.dataSource.manager, {
      id: uuidv7(),
      format,
      encoding: csv?.encoding ?? null,
      status: 'reading',
      total: 0,
      processed: 0,
      problems: [],
      problemCount: 0,
      startedBy: actor,
      startedAt: this.clock.now(),
      finishedAt: null,
    });
    const source: RegistrySource = csv ? { text: csv.text } : { workbook: data };
    const run = this.run(job.id, source, actor).catch(async (error: unknown) => {
      this.logger.error({
        msg: 'registry import failed',
        id: job.id,
        error: (error as Error).message,
      });
      await this.update(job.id, {
        status: 'failed',
        problems: [
          rowProblem(
            0,
            'file',
            '导入时系统出错，文件未导入。请稍后重新上传；如仍出错，请联系系统管理员查看节点日志',
            (error as Error).message,
          ),
        ],
        problemCount: 1,
        finishedAt: this.clock.now(),
      });
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return mapImport(job);
  }

  /** Waits for running imports (used when the node shuts down). */
  async drain(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private async run(id: string, source: RegistrySource, actor: string): Promise<void> {
    let table: string[][];
    const format = 'text' in source ? 'csv' : 'xlsx';
    try {
      table = 'text' in source ? parseCsv(source.text) : await readXlsx(source.workbook);
    } catch (error) {
      await this.refuse(
        id,
        [
          rowProblem(
            0,
            'file',
            format === 'csv'
              ? `文件无法按 CSV 读取（${(error as Error).message}）。请在 Excel 中“另存为”CSV 或 Excel 工作簿后重新上传`
              : `文件无法按 Excel 工作簿（.xlsx）读取。请确认是 .xlsx 文件（旧版 .xls 请先在 Excel 中另存为 .xlsx），或另存为 CSV 后上传`,
            `the file cannot be read as ${format}: ${(error as Error).message}`,
          ),
        ],
        0,
      );
      return;
    }
    await this.update(id, { status: 'validating', total: Math.max(0, table.length - 1) });
    const { rows, problems } = readRegistryRows(table);
    const existing = await parentsByCode(this.dataSource.manager);
    problems.push(...(problems.length === 0 ? crossCheck(rows, existing) : []));
    if (problems.length > 0) {
      await this.refuse(id, problems, table.length - 1);
      return;
    }
    await this.update(id, { status: 'importing' });
    await this.write(id, rows, existing, actor);
  }

  private async write(
    id: string,
    rows: RegistryRow[],
    existing: Map<string, string | null>,
    actor: string,
  ): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      for (let start = 0; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, start + CHUNK);
        await upsertOrganizations(manager, chunk, now);
        // Outside the import's transaction, so that progress is visible while it runs.
        await this.update(id, { processed: start + chunk.length });
      }
      const added = rows.filter((row) => !existing.has(row.code)).length;
      await this.coverage.report(manager);
      await this.audit.record(manager, {
        actor,
        action: 'registry.imported',
        subjectType: 'registry_import',
        subjectId: id,
        detail: { rows: rows.length, added, updated: rows.length - added },
      });
    });
    await this.update(id, { status: 'done', processed: rows.length, finishedAt: this.clock.now() });
  }

  private async refuse(id: string, problems: RowProblem[], total: number): Promise<void> {
    await this.update(id, {
      status: 'refused',
      total,
      problems: problems.slice(0, PROBLEMS_KEPT),
      problemCount: problems.length,
      finishedAt: this.clock.now(),
    });
  }

  /** Progress goes through the data source's own manager, outside the import's transaction. */
  private update(id: string, change: Partial<RegistryImport>): Promise<void> {
    return updateImport(this.dataSource.manager, id, change);
  }
}
