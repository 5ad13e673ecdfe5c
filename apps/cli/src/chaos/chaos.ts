import { join } from 'node:path';
import { NodeSpec } from '@liandong/protocol';
import { HEBEI_SAMPLE_TREE } from '@liandong/local-federation';
import { renderTable } from '../table';
import { ChaosFederation } from './chaos-federation';
import { ProcessFederation } from '../process-federation';
import { pause, Workload } from './workload';

/** A county that joins in the middle of the run. */
const LATE_JOINER: NodeSpec = {
  nodeId: '130131',
  name: '平山县',
  tier: 'county',
  parentId: '130100',
};

interface Fault {
  at: number;
  what: string;
  run: (f: ChaosFederation) => Promise<void>;
}

export interface ChaosResult {
  ok: boolean;
  table: string;
}

/**
 * `npm run chaos`: the local federation as separate node processes on a broker and a
 * database of the run's own, a stream of subtree directives acknowledged and reported by every
 * office, and meanwhile the faults of a real deployment's first months. Then it waits
 * (bounded) for everything to arrive and counts what was lost and what was applied twice.
 */
export async function runChaos(options: { workloadSeconds?: number } = {}): Promise<ChaosResult> {
  const workloadMs = (options.workloadSeconds ?? 70) * 1000;
  const tree = [...HEBEI_SAMPLE_TREE, LATE_JOINER];
  const offices = tree.map((n) => n.nodeId).filter((id) => id !== '000000');
  const federation = new ChaosFederation(tree);
  const dump = join(federation.dir, '130123.dump');
  const schedule: Fault[] = [
    { at: 3, what: 'pg_dump of 正定县 (130123)', run: async (f) => f.dump('130123', dump) },
    { at: 8, what: 'kill -9 井陉县 (130121)', run: (f) => f.killNode('130121') },
    { at: 14, what: 'start 井陉县 again', run: (f) => f.startNode('130121') },
    { at: 18, what: 'SIGSTOP 石家庄市 (130100)', run: (f) => f.freeze('130100') },
    { at: 24, what: 'kill -9 nats-server', run: (f) => f.nats.stop() },
    { at: 28, what: 'start nats-server again (store kept)', run: (f) => f.nats.start() },
    { at: 29, what: 'SIGCONT 石家庄市', run: (f) => f.thaw('130100') },
    { at: 34, what: 'restart PostgreSQL', run: (f) => f.pg.restart() },
    {
      at: 40,
      what: 'flood 正定县 with 10,000 garbage messages from 井陉县',
      run: (f) => f.flood('130123', '130121', 10_000),
    },
    { at: 44, what: 'late joiner 平山县 (130131) starts', run: (f) => f.startNode('130131') },
    {
      at: 50,
      what: '正定县 restored from the pg_dump taken at 3 s',
      run: (f) => f.restore('130123', dump),
    },
    {
      at: 60,
      what: 'kill -9 nats-server, wipe its store, start it',
      run: async (f) => {
        await f.nats.stop();
        f.nats.wipeStore();
        await f.nats.start();
      },
    },
  ];
  const faults = schedule.filter((fault) => fault.at * 1000 < workloadMs);

  let kept = false;
  try {
    console.log(`starting the chaos federation in ${federation.dir} …`);
    await federation.start([LATE_JOINER.nodeId]);
    const workload = new Workload(federation, offices);
    const begun = Date.now();
    workload.start();
    const injected: string[][] = [];
    for (const fault of faults) {
      await pause(Math.max(0, begun + fault.at * 1000 - Date.now()));
      const started = Date.now();
      await fault.run(federation);
      const line = [`${((started - begun) / 1000).toFixed(1)} s`, fault.what];
      injected.push(line);
      console.log(`  ${line.join('  ')}`);
    }
    await pause(Math.max(0, begun + workloadMs - Date.now()));
    workload.stopIssuing();
    const quiet = Date.now();
    console.log(
      `${workload.issued.length} directives issued; waiting for the federation to converge …`,
    );
    const tally = await converge(federation, workload.issued, offices, 240_000);
    await workload.stop();
    const convergedIn = tally.converged ? `${((Date.now() - quiet) / 1000).toFixed(1)} s` : 'no';
    const ok = tally.converged && tally.lost === 0 && tally.appliedTwice === 0;
    const table = [
      renderTable(['at', 'fault injected'], injected),
      '',
      renderTable(
        ['measure', 'value'],
        [
          ['nodes (processes)', String(tree.length)],
          ['faults injected', String(injected.length)],
          ['directives issued', String(workload.issued.length)],
          ...tallyRows(tally, convergedIn),
        ],
      ),
    ].join('\n');
    kept = !ok;
    return { ok, table };
  } finally {
    if (kept) console.log(`logs and data kept in ${federation.dir}`);
    await federation.stop(kept);
  }
}

export interface Tally {
  converged: boolean;
  expected: number;
  answersExpected: number;
  lost: number;
  appliedTwice: number;
  deadLetters: number;
  /** Dead letters by refusal code, across nodes. */
  byCode: Map<string, number>;
}

/**
 * Polls (bounded) until every office holds every directive and central holds every office's
 * acknowledgement and report; then counts. Lost: a directive missing at an office, or an
 * answer missing at central. Applied twice: one event whose effect a node recorded more than
 * once (two audit entries naming the same event id).
 */
export async function converge(
  federation: ProcessFederation,
  issued: string[],
  offices: string[],
  timeoutMs: number,
): Promise<Tally> {
  const deadline = Date.now() + timeoutMs;
  let tally: Tally;
  for (;;) {
    tally = await count(federation, issued, offices);
    if (tally.lost === 0 || Date.now() > deadline) break;
    await pause(2000);
  }
  return { ...tally, converged: tally.lost === 0 };
}

async function count(
  federation: ProcessFederation,
  issued: string[],
  offices: string[],
): Promise<Tally> {
  let lost = 0;
  let appliedTwice = 0;
  let deadLetters = 0;
  const byCode = new Map<string, number>();
  for (const nodeId of ['000000', ...offices]) {
    const twice = await federation.query<{ n: string }>(
      nodeId,
      `SELECT count(*) AS n FROM (
         SELECT detail->>'eventId' FROM audit_entry
         WHERE detail ? 'eventId' AND action IN ('directive.received', 'directive.acknowledged', 'directive.reported')
         GROUP BY action, detail->>'eventId' HAVING count(*) > 1) d`,
    );
    appliedTwice += Number(twice[0].n);
    const letters = await federation.query<{ code: string; n: string }>(
      nodeId,
      `SELECT reason_code AS code, count(*) AS n FROM dead_letter GROUP BY 1`,
    );
    for (const { code, n } of letters) {
      deadLetters += Number(n);
      byCode.set(code, (byCode.get(code) ?? 0) + Number(n));
    }
    if (nodeId === '000000') continue;
    const held = await federation.query<{ n: string }>(
      nodeId,
      `SELECT count(*) AS n FROM directive WHERE id = ANY($1::uuid[])`,
      [issued],
    );
    lost += issued.length - Number(held[0].n);
  }
  const answered = await federation.query<{ acked: string; reported: string }>(
    '000000',
    `SELECT count(acknowledged_at) AS acked, count(reported_at) AS reported FROM directive_recipient
     WHERE directive_id = ANY($1::uuid[]) AND node_id = ANY($2::text[])`,
    [issued, offices],
  );
  const answersExpected = issued.length * offices.length * 2;
  lost += answersExpected - Number(answered[0].acked) - Number(answered[0].reported);
  return {
    converged: false,
    expected: issued.length * offices.length,
    answersExpected,
    lost,
    appliedTwice,
    deadLetters,
    byCode,
  };
}

/** The tally's rows of a run's table: what was lost and applied twice, the dead letters, how long convergence took. */
export function tallyRows(tally: Tally, convergedIn: string): string[][] {
  return [
    ['deliveries expected (directive × office)', String(tally.expected)],
    ['acknowledgements + reports expected at central', String(tally.answersExpected)],
    ['lost', String(tally.lost)],
    ['applied twice', String(tally.appliedTwice)],
    [
      'dead letters (all nodes)',
      `${tally.deadLetters} (${[...tally.byCode].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'})`,
    ],
    ['converged after the last directive', convergedIn],
  ];
}
