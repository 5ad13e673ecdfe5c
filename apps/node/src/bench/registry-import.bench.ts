import { NODE_LAUNCHER } from '../launch';
import { toCsv, toXlsx, XLSX_TYPE } from '@liandong/common';
import { HEBEI_SAMPLE_TREE, InProcessFederation } from '@liandong/local-federation';
import { poll } from './bench-support';

/** A 100,000-row registry file imported through the API, CSV and Excel: seconds from upload to done. */
export async function registryImport(rows: number): Promise<{ csv: number; xlsx: number }> {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 1),
  });
  await federation.start();
  try {
    const table = [['代码', '名称', '类别', '上级代码', '干部管理层级']];
    table.push(['B-0', '某县党委', '地方党委', '', '市级']);
    for (let i = 1; i < rows; i += 1) table.push([`B-${i}`, `第${i}村党支部`, '村', 'B-0', '县级']);
    const timeUpload = async (body: Buffer, type: string): Promise<number> => {
      const node = federation.node('000000');
      const started = process.hrtime.bigint();
      const response = await fetch(`${node.url}/organizations/import`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${node.token}` },
        body,
      });
      const { id } = (await response.json()) as { id: string };
      await poll('the import', async () => {
        const { body: job } = await federation.http(
          '000000',
          'GET',
          `/organizations/imports/${id}`,
        );
        if (job.status === 'refused' || job.status === 'failed')
          throw new Error(`import ${job.status}: ${JSON.stringify(job.problems?.slice(0, 3))}`);
        return job.status === 'done';
      });
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    const csv = await timeUpload(Buffer.from(toCsv(table), 'utf8'), 'text/csv');
    const xlsx = await timeUpload(await toXlsx('对象库', table), XLSX_TYPE);
    return { csv, xlsx };
  } finally {
    await federation.stop();
  }
}
