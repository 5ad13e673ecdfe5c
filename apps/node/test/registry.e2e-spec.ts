import { NODE_LAUNCHER } from '../src/launch';
import ExcelJS from 'exceljs';
import { encode } from 'iconv-lite';
import { toXlsx } from '@liandong/common';
import { InProcessFederation } from '@liandong/local-federation';
import { count, HEBEI_SAMPLE_TREE, waitFor } from './support';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('the organization registry (对象库): import and export, all or nothing', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 2),
  });
  const node = '130000';

  beforeAll(() => federation.start());
  afterAll(() => federation.stop());

  async function upload(body: Buffer | string, type: string) {
    const url = federation.node(node).url as string;
    const response = await fetch(`${url}/organizations/import`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${federation.node(node).token}` },
      body,
    });
    const started = (await response.json()) as { id: string };
    expect(response.status).toBe(202);
    const seen = new Set<number>();
    const job = await waitFor(
      'the import to finish',
      async () => {
        const { body: progress } = await federation.http(
          node,
          'GET',
          `/organizations/imports/${started.id}`,
        );
        seen.add(progress.processed);
        return ['done', 'refused', 'failed'].includes(progress.status) ? progress : undefined;
      },
      { timeoutMs: 110_000, intervalMs: 50 },
    );
    return { job, seen };
  }

  const header = '代码,名称,类别,上级代码,干部管理层级';

  it('imports a CSV with Chinese labels, lists, sums up and exports it again', async () => {
    const csv = [
      header,
      '130000-01,中共河北省委办公厅,党政机关部门,,省级',
      '130000-02,河北建投集团党委,国有企业,,省级',
      '130000-03,"河北""测试""大学党委",高校,,provincial',
      '130000-0301,学院党总支,事业单位,130000-03,provincial',
    ].join('\r\n');
    const { job } = await upload(csv, 'text/csv');
    expect(job).toMatchObject({
      status: 'done',
      total: 4,
      processed: 4,
      problemCount: 0,
      encoding: 'UTF-8',
    });
    const { body: list } = await federation.http(node, 'GET', '/organizations?q=大学');
    expect(list).toEqual([
      expect.objectContaining({
        code: '130000-03',
        name: '河北"测试"大学党委',
        categoryLabel: '高校',
        cadreTierLabel: '省级',
      }),
    ]);
    const { body: summary } = await federation.http(node, 'GET', '/organizations/summary');
    expect(summary.total).toBe(4);
    expect(
      summary.byCategory.find((c: { category: string }) => c.category === 'state_owned_enterprise'),
    ).toEqual({ category: 'state_owned_enterprise', label: '国有企业', count: 1 });

    const exported = await fetch(`${federation.node(node).url}/organizations/export?format=xlsx`, {
      headers: { authorization: `Bearer ${federation.node(node).token}` },
    });
    expect(exported.headers.get('content-type')).toContain(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await exported.arrayBuffer()) as unknown as ExcelJS.Buffer,
    );
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '代码',
      '名称',
      '类别',
      '上级代码',
      '干部管理层级',
    ]);
    expect(sheet.rowCount).toBe(5);
    expect(
      await count(federation, node, `SELECT 1 FROM audit_entry WHERE action = 'registry.imported'`),
    ).toBe(1);
  });

  it('refuses a file with errors whole, with a report row by row, and changes nothing', async () => {
    const before = await federation
      .dataSource(node)
      .query(`SELECT code, name FROM organization ORDER BY code`);
    const csv = [
      header,
      '130000-01,改名不应生效,党政机关部门,,省级',
      '130000-10,,国有企业,,省级',
      '130000-11,某单位,外星机构,,省级',
      '130000-12,某村党支部,村,NOPE-1,县级',
      '130000-13,某乡党委,乡镇（街道）,,镇级',
      '130000-14,甲,社区,130000-15,县级',
      '130000-15,乙,社区,130000-14,县级',
      '130000-16,重复,社区,,县级',
      '130000-16,重复二,社区,,县级',
    ].join('\n');
    const { job } = await upload(csv, 'text/csv');
    expect(job.status).toBe('refused');
    expect(job.problems.map((p: { row: number; field: string }) => `${p.row}:${p.field}`)).toEqual([
      '3:name',
      '4:category',
      '6:cadre_tier',
    ]);
    // Each problem says, in Chinese, which column and what to do; the English is beside it.
    expect(job.problems[1]).toMatchObject({
      fieldLabel: '类别',
      problem: expect.stringContaining('类别“外星机构”不是可用的类别，请填写其中之一：'),
      problemEn: expect.stringContaining('category “外星机构” is not one of'),
    });
    // Field problems come first; once they are fixed, the file is checked as a whole.
    const fixed = csv
      .replace('130000-10,,', '130000-10,有名字,')
      .replace('外星机构', '其他')
      .replace('镇级', '县级');
    const second = await upload(fixed, 'text/csv');
    expect(second.job.status).toBe('refused');
    expect(
      second.job.problems.map((p: { row: number; field: string }) => `${p.row}:${p.field}`),
    ).toEqual(['5:parent_code', '7:parent_code', '10:code']);
    expect(second.job.problems.map((p: { problem: string }) => p.problem)).toEqual([
      '上级代码 NOPE-1 既不在本文件中，也不在对象库中。请先登记上级党组织，或把它加入本文件',
      expect.stringMatching(/^上级代码形成了循环：130000-1[45] → 130000-1[45] → 130000-1[45]/),
      '代码 130000-16 与第 9 行重复，同一代码只能出现一次',
    ]);
    expect(
      await federation.dataSource(node).query(`SELECT code, name FROM organization ORDER BY code`),
    ).toEqual(before);
  });

  it('reads a CSV that Excel saved on Chinese Windows (GB18030), and says which encoding it read', async () => {
    const csv = [
      header,
      '130000-20,中共河北省委宣传部机关党委,党政机关部门,,省级',
      '130000-21,河北省某研究院党委（镕铖）,事业单位,,省级',
      '130000-2101,研究院第一党支部,事业单位,130000-21,省级',
    ].join('\r\n');
    const bytes = encode(csv, 'gb18030');
    expect(bytes.toString('utf8')).not.toContain('河北'); // not UTF-8: read as UTF-8 it is garbled
    const { job } = await upload(bytes, 'text/csv');
    expect(job).toMatchObject({ status: 'done', total: 3, encoding: 'GB18030', problemCount: 0 });
    const { body: list } = await federation.http(node, 'GET', '/organizations?q=研究院');
    expect(list).toEqual([
      expect.objectContaining({
        code: '130000-21',
        name: '河北省某研究院党委（镕铖）',
        categoryLabel: '事业单位',
        cadreTierLabel: '省级',
      }),
      expect.objectContaining({
        code: '130000-2101',
        name: '研究院第一党支部',
        parentCode: '130000-21',
      }),
    ]);
    // A file saved by Excel as "CSV UTF-8" (with a BOM) is read as UTF-8.
    const utf8 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from([header, '130000-22,河北省档案馆党组,党政机关部门,,省级'].join('\r\n'), 'utf8'),
    ]);
    const { job: second } = await upload(utf8, 'text/csv');
    expect(second).toMatchObject({ status: 'done', total: 1, encoding: 'UTF-8' });
    const { body: archive } = await federation.http(node, 'GET', '/organizations?q=档案馆');
    expect(archive.map((o: { name: string }) => o.name)).toEqual(['河北省档案馆党组']);
  });

  it('imports 100,000 rows in one go, showing progress, and takes an Excel file too', async () => {
    const lines = [header, '130000-9,河北省某县党委,地方党委,,市级'];
    for (let i = 0; i < 99_999; i += 1) lines.push(`130000-9-${i},第${i}村党支部,村,130000-9,县级`);
    const { job, seen } = await upload(lines.join('\n'), 'text/csv');
    expect(job).toMatchObject({ status: 'done', total: 100_000, processed: 100_000 });
    expect(seen.size).toBeGreaterThan(2); // progress moved while it ran
    expect(
      await count(federation, node, `SELECT 1 FROM organization WHERE category = 'village'`),
    ).toBe(99_999);

    // Written as the export writes it (inline strings), with enough Chinese text to span many
    // read chunks: ExcelJS's streaming reader garbled characters at their edges.
    const sheetRows = [['code', 'name', 'category', 'parent_code', 'cadre_tier']];
    for (let i = 0; i < 20_000; i += 1)
      sheetRows.push([`130000-8-${i}`, `第${i}社区党委`, '社区', '', '县级']);
    const { job: excel } = await upload(await toXlsx('对象库', sheetRows), XLSX);
    expect(excel).toMatchObject({ status: 'done', total: 20_000, encoding: null });
    const named = `SELECT 1 FROM organization WHERE category = 'community' AND name LIKE '第%社区党委'`;
    expect(await count(federation, node, named)).toBe(20_000);
  });
});
