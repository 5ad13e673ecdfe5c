import { StreamableFile } from '@nestjs/common';
import { toCsv } from './csv';
import { toXlsx } from './xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The OpenAPI response of a file download: the bytes of a CSV or an Excel file. */
export function fileResponse(description: string) {
  const binary = { schema: { type: 'string' as const, format: 'binary' } };
  return { description, content: { 'text/csv': binary, [XLSX_TYPE]: binary } };
}

/**
 * A table (header row first) as a download: Excel unless CSV is asked for, named
 * `<name>.xlsx` or `<name>.csv`, the sheet titled in Chinese for the office.
 */
export async function tableFile(
  format: 'csv' | 'xlsx' | undefined,
  name: string,
  sheetName: string,
  rows: string[][],
): Promise<StreamableFile> {
  if (format === 'csv')
    return new StreamableFile(Buffer.from(toCsv(rows), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${name}.csv"`,
    });
  return new StreamableFile(await toXlsx(sheetName, rows), {
    type: XLSX_TYPE,
    disposition: `attachment; filename="${name}.xlsx"`,
  });
}
