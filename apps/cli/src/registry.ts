import { readFileSync } from 'node:fs';
import { waitFor } from '@liandong/local-services';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportView {
  id: string;
  status: string;
  total: number;
  processed: number;
  problems: Array<{ row: number; field: string; fieldLabel?: string; problem: string }>;
  problemCount: number;
}

/** `registry import`: uploads a CSV or Excel file to a node and shows the import's progress. */
export async function importRegistryFile(
  url: string,
  token: string,
  file: string,
): Promise<boolean> {
  const type = file.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : 'text/csv';
  const started = Date.now();
  const response = await fetch(`${url}/organizations/import`, {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${token}` },
    body: readFileSync(file),
  });
  const job = (await response.json()) as ImportView & { message?: string };
  if (response.status !== 202)
    throw new Error(`the node refused the upload (${response.status}): ${job.message ?? ''}`);
  let last = '';
  const done = await waitFor(
    'the import to finish',
    async () => {
      const progress = (await (
        await fetch(`${url}/organizations/imports/${job.id}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as ImportView;
      const line = `${progress.status} ${progress.processed}/${progress.total}`;
      if (line !== last) process.stdout.write(`  导入进度 ${line}\n`);
      last = line;
      return ['done', 'refused', 'failed'].includes(progress.status) ? progress : undefined;
    },
    { timeoutMs: 10 * 60_000, intervalMs: 250 },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (done.status === 'done') {
    console.log(`导入完成 imported ${done.total} organizations in ${seconds} s`);
    return true;
  }
  console.log(
    `导入被拒绝 the file was refused whole (${done.problemCount} problems; nothing was changed):`,
  );
  for (const p of done.problems.slice(0, 50))
    console.log(`  第${p.row}行「${p.fieldLabel ?? p.field}」${p.problem}`);
  if (done.problemCount > 50)
    console.log(`  … and ${done.problemCount - 50} more (GET /organizations/imports/${done.id})`);
  return false;
}
