import { waitFor } from '@liandong/local-services';
import { converge, Tally, tallyRows } from '../chaos/chaos';
import { pause, Workload } from '../chaos/workload';
import { renderTable } from '../table';
import { NetnsFederation, NetnsNodePlacement } from './netns-federation';
import { NetnsLab } from './lab';

const TREE: NetnsNodePlacement[] = [
  { host: 'central', spec: { nodeId: '000000', name: '中央', tier: 'central', parentId: null } },
  {
    host: 'province',
    spec: { nodeId: '130000', name: '河北省', tier: 'provincial', parentId: '000000' },
  },
  {
    host: 'city',
    spec: { nodeId: '130100', name: '石家庄市', tier: 'municipal', parentId: '130000' },
  },
  {
    host: 'county1',
    spec: { nodeId: '130121', name: '井陉县', tier: 'county', parentId: '130100' },
  },
  {
    host: 'county2',
    spec: { nodeId: '130123', name: '正定县', tier: 'county', parentId: '130100' },
  },
];
const CITY = '130100';
const COUNTIES = ['130121', '130123'];

export interface NetnsResult {
  ok: boolean;
  table: string;
  /** Why it did not run (not root, no `ip netns`), when it did not. */
  skipped?: string;
}

/**
 * `npm run netns`: the federation on hosts of their own (network namespaces: NetnsLab) —
 * central's three-server JetStream cluster, the province's leaf node, a city and two counties,
 * each with its own PostgreSQL — under a stream of subtree directives from central, while the
 * province's uplink is cut (and the city directs its counties meanwhile), one of central's
 * three servers is killed, the links heal and a county's link is cut and healed. Then it
 * counts, as the chaos run does, what was lost and what was applied twice.
 */
export async function runNetns(): Promise<NetnsResult> {
  if (!NetnsLab.available())
    return { ok: false, table: '', skipped: 'needs root and `ip netns` (CAP_NET_ADMIN)' };
  const federation = new NetnsFederation(TREE, 'province');
  const offices = TREE.map((p) => p.spec.nodeId).filter((id) => id !== '000000');
  const steps: string[][] = [];
  let begun = Date.now();
  // Each step is listed at the time it was done.
  const step = async (what: string, run: () => Promise<unknown> | unknown) => {
    await run();
    const line = [`${((Date.now() - begun) / 1000).toFixed(1)} s`, what];
    steps.push(line);
    console.log(`  ${line.join('  ')}`);
  };
  let kept = false;
  try {
    console.log(`starting the netns federation in ${federation.dir} …`);
    await federation.start();
    begun = Date.now();
    const workload = new Workload(federation, offices, 1500);
    workload.start();
    await step('central’s first directive reaches every office', () =>
      waitFor(
        'central’s first directive at every office',
        async () =>
          workload.issued.length > 0 &&
          (await held(federation, offices, workload.issued.slice(0, 1))),
        { timeoutMs: 60_000, intervalMs: 500 },
      ),
    );
    await pause(5000);
    const cutAt = workload.issued.length;
    await step('cut: the province’s uplink to central (wan) down', () =>
      federation.lab.setLink('province', 'wan', false),
    );
    const cityDirectives: string[] = [];
    await step('cut off: the city issues 3 directives to its counties', async () => {
      for (let n = 1; n <= 3; n += 1) {
        const answer = await federation.http<{ id: string }>(CITY, 'POST', '/directives', {
          title: `断网期间市级部署 第${n}号`,
          body: '各县巡察机构抓好落实。',
          scope: 'children',
          reportDueAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
          issuedBy: '石家庄市委巡察办',
        });
        if (answer?.status !== 201)
          throw new Error(
            `the city could not issue: ${answer?.status} ${JSON.stringify(answer?.body)}`,
          );
        cityDirectives.push(answer.body.id);
      }
    });
    let cityDirected = false;
    await step('cut off: both counties hold the city’s 3 directives', async () => {
      await waitFor(
        'the counties to hold the city’s directives while the province is cut off',
        () => held(federation, COUNTIES, cityDirectives),
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      cityDirected = true;
    });
    await step('kill -9 one of central’s three cluster servers (hub-2)', () =>
      federation.hub[1].stop(),
    );
    await pause(4000);
    const duringCut = workload.issued.slice(cutAt);
    const leakedDuringCut = await count(federation, '130000', duringCut);
    await step(
      `heal: the province’s uplink up (${duringCut.length} of central’s directives waited; ${leakedDuringCut} had crossed the cut)`,
      () => federation.lab.setLink('province', 'wan', true),
    );
    await pause(6000);
    await step('cut: 正定县’s link (lan) down', () =>
      federation.lab.setLink('county2', 'lan', false),
    );
    await pause(8000);
    await step('heal: 正定县’s link up', () => federation.lab.setLink('county2', 'lan', true));
    await step('start hub-2 again (store kept)', () => federation.hub[1].start());
    await pause(5000);
    workload.stopIssuing();
    const quiet = Date.now();
    console.log(
      `${workload.issued.length} directives issued; waiting for the federation to converge …`,
    );
    const tally: Tally = await converge(federation, workload.issued, offices, 180_000);
    await workload.stop();
    if (tally.deadLetters > 0) await printDeadLetters(federation, ['000000', ...offices]);
    const convergedIn = tally.converged ? `${((Date.now() - quiet) / 1000).toFixed(1)} s` : 'no';
    const ok =
      workload.issued.length > 0 &&
      duringCut.length > 0 &&
      leakedDuringCut === 0 &&
      cityDirected &&
      tally.converged &&
      tally.lost === 0 &&
      tally.appliedTwice === 0;
    const table = [
      renderTable(['at', 'step'], steps),
      '',
      renderTable(
        ['measure', 'value'],
        [
          ['hosts (network namespaces)', String(new Set(TREE.map((p) => p.host)).size)],
          [
            'nats-servers',
            `${federation.hub.length} (central’s cluster) + 1 (province’s leaf node)`,
          ],
          ['directives issued by central', String(workload.issued.length)],
          ['of them while the province was cut off', String(duringCut.length)],
          ['of those that crossed the cut (must be 0)', String(leakedDuringCut)],
          ['city’s directives held by both counties while cut off', cityDirected ? '3 of 3' : 'no'],
          ...tallyRows(tally, convergedIn),
        ],
      ),
    ].join('\n');
    kept = !ok || process.env.LIANDONG_NETNS_KEEP === '1';
    return { ok, table };
  } catch (error) {
    kept = true;
    throw error;
  } finally {
    if (kept) console.log(`logs and data kept in ${federation.dir}`);
    await federation.stop(kept);
  }
}

async function count(federation: NetnsFederation, nodeId: string, ids: string[]): Promise<number> {
  const rows = await federation.query<{ n: string }>(
    nodeId,
    `SELECT count(*) AS n FROM directive WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return Number(rows[0].n);
}

async function held(
  federation: NetnsFederation,
  nodeIds: string[],
  ids: string[],
): Promise<boolean> {
  for (const nodeId of nodeIds)
    if ((await count(federation, nodeId, ids)) < ids.length) return false;
  return true;
}

/** What each node refused, with the reason: dead letters are a fault an operator looks at. */
async function printDeadLetters(federation: NetnsFederation, nodeIds: string[]): Promise<void> {
  for (const nodeId of nodeIds) {
    const rows = await federation.query<Record<string, string>>(
      nodeId,
      `SELECT reason_code, event_type, issuer, hop_from, reason, recorded_at FROM dead_letter ORDER BY id`,
    );
    for (const row of rows)
      console.log(
        `  dead letter at ${nodeId}: ${row.reason_code} ${row.event_type} from ${row.issuer} (hop ${row.hop_from}) at ${new Date(row.recorded_at).toISOString()}: ${row.reason}`,
      );
  }
}
