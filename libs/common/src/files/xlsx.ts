import ExcelJS from 'exceljs';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

/**
 * The first worksheet's rows as text. The whole workbook is loaded: ExcelJS's streaming
 * reader splits multi-byte characters at chunk boundaries (Chinese text came out as
 * U+FFFD), so it is not used; 100,000 rows take about 2 s and some 600 MB while loading.
 */
export async function readXlsx(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    if (values.some((v) => v.trim() !== '')) rows.push(values);
  });
  return rows;
}

export async function toXlsx(sheetName: string, rows: string[][]): Promise<Buffer> {
  return toWorkbook([{ name: sheetName, rows }]);
}

/** A workbook of several sheets (an import reads only the first). */
export async function toWorkbook(
  sheets: Array<{ name: string; rows: string[][] }>,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useSharedStrings: false,
    useStyles: false,
  });
  for (const { name, rows } of sheets) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
  }
  await workbook.commit();
  return Buffer.concat(chunks);
}
