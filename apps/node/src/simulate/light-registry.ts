import type { CoverageFiguresV1 } from '@liandong/protocol';
import { sumFigures } from '@liandong/planning';
import { LightHost } from './light-host';

/** The mix of a county's registry (对象库), by twentieths: mostly villages and communities. */
const MIX = [
  ...Array<string>(9).fill('village'),
  ...Array<string>(2).fill('community'),
  'township',
  ...Array<string>(3).fill('department'),
  ...Array<string>(2).fill('public_institution'),
  'state_owned_enterprise',
  'university',
  'other',
];
const LABELS: Record<string, string> = {
  village: '村党支部',
  community: '社区党委',
  township: '乡镇党委',
  department: '机关党组',
  public_institution: '事业单位党委',
  state_owned_enterprise: '国有企业党委',
  university: '学校党委',
  other: '党支部',
};
const ROWS_PER_TRANSACTION = 40_000;

/** How many organizations each county holds: `total` spread over them by a fixed weight of each code. */
export function registrySizes(counties: string[], total: number): Map<string, number> {
  const weights = counties.map((code) => 600 + ((Number(code) * 2_654_435_761) % 4_000));
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((w * total) / sum));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % sizes.length, left -= 1) sizes[i] += 1;
  return new Map(counties.map((code, i) => [code, sizes[i]]));
}

/**
 * Every county of this host imports its registry: its organizations written in transactions of
 * whole counties (none half-way), then its own figures counted from the rows it holds, which it
 * reports upward (coverage.reported.v1). Returns the rows written.
 */
export async function importRegistries(
  host: LightHost,
  sizes: Map<string, number>,
): Promise<number> {
  const counties = [...sizes].filter(([code]) => host.nodes.has(code));
  let rows = 0;
  for (let i = 0; i < counties.length;) {
    const columns: unknown[][] = [[], [], [], [], []];
    const chunk: string[] = [];
    while (
      i < counties.length &&
      (chunk.length === 0 || columns[0].length < ROWS_PER_TRANSACTION)
    ) {
      const [code, size] = counties[i++];
      chunk.push(code);
      const name = host.nodes.get(code)?.identity.name ?? code;
      for (let n = 1; n <= size; n += 1) {
        const category = MIX[n % MIX.length];
        columns[0].push(code);
        columns[1].push(n);
        columns[2].push(`${name}第${n}${LABELS[category]}`);
        columns[3].push(category);
        columns[4].push((n * 7_919 + Number(code)) % 3 === 0);
      }
    }
    await host.database.query(
      `INSERT INTO light_organization SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::bool[])`,
      columns,
    );
    rows += columns[0].length;
    await countOwn(host, chunk);
  }
  return rows;
}

async function countOwn(host: LightHost, counties: string[]): Promise<void> {
  const { rows } = await host.database.query(
    `SELECT node_id, category, count(*)::int AS organizations, count(*) FILTER (WHERE covered)::int AS covered
     FROM light_organization WHERE node_id = ANY($1) GROUP BY node_id, category ORDER BY node_id, category`,
    [counties],
  );
  const parts = new Map<string, CoverageFiguresV1[]>();
  for (const row of rows) {
    const { organizations, covered, category } = row;
    const part = {
      organizations,
      covered,
      coveredOwn: covered,
      coveredEscalated: 0,
      coveredCross: 0,
    };
    parts.set(row.node_id, [
      ...(parts.get(row.node_id) ?? []),
      { ...part, byCategory: [{ category, organizations, covered }] },
    ]);
  }
  const figures = new Map([...parts].map(([code, all]) => [code, sumFigures(all)]));
  for (const [code, f] of figures) {
    const node = host.nodes.get(code);
    if (!node) continue;
    node.own = f;
    host.ownFiguresChanged(node);
  }
}
