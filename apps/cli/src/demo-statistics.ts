import { chinaDate } from '@liandong/protocol';
import { waitFor } from '@liandong/local-services';
import type { Http } from './demo';
import type { FederationState, NodeState } from './local-federation';
import { renderTable } from './table';

const wait = { timeoutMs: 60_000 };
/** The figures the demo prints, by the form's keys. */
const HEADLINE: Array<[string, string]> = [
  ['inspected.total', '巡察党组织'],
  ['rounds.total', '巡察轮次'],
  ['findings.signed', '发现问题'],
  ['clues.referred', '移交线索'],
  ['rectification.items_closed', '整改销号'],
];

interface FigureRow {
  key: string;
  own: number;
  subtree: number;
  change: number | null;
}

/**
 * 年度统计, approved tier by tier: 石家庄市's counties submit this year's statistics (computed
 * from their records); the city accepts two and returns one with a reason; the city, then the
 * province, submit and are accepted above; 中国石油 submits in its own branch; central shows
 * the national totals with each child's state, and they equal the sum of what it accepted.
 */
export async function runStatisticsDemo(
  state: FederationState,
  on: (nodeId: string) => Http,
  log: (line: string) => void,
): Promise<boolean> {
  const counties = state.nodes.filter((n) => n.tier === 'county');
  const city = state.nodes.find((n) => n.tier === 'municipal');
  const province = state.nodes.find((n) => n.tier === 'provincial');
  const unit = state.nodes.find((n) => n.tier === 'central_unit');
  if (!city || !province || counties.length < 2) return true;
  const year = Number(chinaDate(new Date()).slice(0, 4));
  const path = `/statistics/${year}`;
  const figure = (rows: FigureRow[] | null, key: string, part: 'own' | 'subtree' = 'subtree') =>
    rows?.find((r) => r.key === key)?.[part] ?? 0;

  /** Submits this node's report unless one awaits a decision; a correction when accepted before. */
  const submit = async (node: NodeState): Promise<void> => {
    const view = await on(node.nodeId)('GET', path);
    if (view.state === 'submitted' || view.state === 'corrected') return;
    await on(node.nodeId)(
      'POST',
      `${path}/submit`,
      view.state === 'accepted' ? { reason: '演示：按最新记录更正后重新报送' } : {},
    );
  };
  /** Waits until `parent` holds `child`'s report awaiting its decision, then decides. */
  const decide = async (parent: NodeState, child: NodeState, reason?: string) => {
    await waitFor(
      `${parent.name} to receive ${child.name}'s statistics`,
      async () => {
        const view = await on(parent.nodeId)('GET', path);
        const held = view.children.find((c: { nodeId: string }) => c.nodeId === child.nodeId);
        return held && ['submitted', 'corrected'].includes(held.state);
      },
      wait,
    );
    await on(parent.nodeId)(
      'POST',
      `${path}/children/${child.nodeId}/${reason ? 'return' : 'accept'}`,
      reason ? { reason } : {},
    );
  };

  log('');
  log(`25. 年度统计 ${city.name}所属各县报送 ${year} 年度统计（由各自的记录计算） counties submit`);
  for (const county of counties) {
    await submit(county);
    const view = await on(county.nodeId)('GET', path);
    log(
      `   ${county.name}：${view.stateLabel}（第 ${view.latest?.version ?? '—'} 版）` +
        HEADLINE.slice(0, 3)
          .map(([key, label]) => `，${label} ${figure(view.figures, key, 'own')}`)
          .join(''),
    );
  }

  const [returned, ...accepted] = [...counties].reverse();
  log(`26. ${city.name}审核：通过 ${accepted.length} 个，退回 1 个 the city accepts and returns`);
  for (const county of accepted) await decide(city, county);
  await decide(city, returned, '提级巡察的数字与市里记录不一致，请核实后重新报送');
  const cityView = await waitFor(
    `${city.name} to show its decisions`,
    async () => {
      const view = await on(city.nodeId)('GET', path);
      const states = new Map(
        view.children.map((c: { nodeId: string; state: string }) => [c.nodeId, c.state]),
      );
      return states.get(returned.nodeId) === 'returned' &&
        accepted.every((c) => states.get(c.nodeId) === 'accepted')
        ? view
        : undefined;
    },
    wait,
  );
  log(
    renderTable(
      ['县', '状态', '计入市合计的版本'],
      cityView.children.map((c: any) => [
        c.name,
        c.stateLabel,
        c.acceptedVersion ? `第 ${c.acceptedVersion} 版` : '—',
      ]),
    ),
  );
  const returnedView = await waitFor(
    `${returned.name} to hear it was returned`,
    async () => {
      const view = await on(returned.nodeId)('GET', path);
      return view.state === 'returned' ? view : undefined;
    },
    wait,
  );
  log(`   ${returned.name}收到退回：${returnedView.latest?.returnReason ?? ''}`);

  log(
    `27. ${city.name}、${province.name}逐级报送，上级审核通过；${unit ? `${unit.name}单列报送；` : ''}中央汇总 up to central`,
  );
  await submit(city);
  await decide(province, city);
  await submit(province);
  const central = state.nodes.find((n) => n.tier === 'central') as NodeState;
  await decide(central, province);
  if (unit) {
    await submit(unit);
    await decide(central, unit);
  }
  const national = await waitFor(
    'central to hold every accepted report',
    async () => {
      const view = await on(central.nodeId)('GET', path);
      const states = view.children.map((c: { state: string }) => c.state);
      return states.length > 0 && states.every((s: string) => s === 'accepted') ? view : undefined;
    },
    wait,
  );
  const provinceView = await on(province.nodeId)('GET', path);
  log(
    renderTable(
      ['项目', '中央本级', '地方合计', '比上年', unit ? '中央单位（单列）' : ''].filter(Boolean),
      HEADLINE.map(([key, label]) => {
        const row = national.figures.find((r: FigureRow) => r.key === key) as FigureRow;
        const cells = [
          label,
          String(row?.own ?? 0),
          String(row?.subtree ?? 0),
          row?.change === null || row?.change === undefined ? '—' : `${row.change}%`,
        ];
        return unit ? [...cells, String(figure(national.centralUnits, key))] : cells;
      }),
    ),
  );
  log(`   各下级状态：${national.children.map((c: any) => `${c.name}${c.stateLabel}`).join('，')}`);
  // Central's territory = its own figures + the province's accepted subtree (which holds the city's).
  const consistent = HEADLINE.every(
    ([key]) =>
      figure(national.figures, key) ===
      figure(national.figures, key, 'own') + figure(provinceView.figures, key),
  );
  log(
    `   中央地方合计 = 中央本级 + ${province.name}审核通过的合计：${consistent ? '一致' : '不一致'}`,
  );
  return consistent;
}
