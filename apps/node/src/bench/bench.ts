import 'reflect-metadata';
import { NATS_URL } from './bench-support';
import { concurrentIssue } from './concurrent-issue.bench';
import { directiveLatency, percentile } from './directive-latency.bench';
import { exactlyOnce } from './exactly-once.bench';
import { flood } from './flood.bench';
import { hostMemory } from './host-memory.bench';
import { limits } from './limits.bench';
import { rawBaseline } from './raw-jetstream.bench';
import { registryImport } from './registry-import.bench';
import { simulate } from '../simulate/simulate';
import { headline } from '../simulate/simulate-report';

// `npm run bench`: each measurement in a file of its own; this runs them in turn and prints.

const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 60);

/** One host, many nodes (集约化部署): resident memory per node against a process of its own. */
async function memory(): Promise<void> {
  const m = await hostMemory();
  console.log(
    `memory (resident, after every node is healthy and a GC): one node alone (main.js) ${m.alone.toFixed(1)} MiB; one host serving ${m.nodes} nodes (host-main.js) ${m.host.toFixed(1)} MiB = ${m.perNode.toFixed(1)} MiB per node`,
  );
  console.log(
    `ratio ${m.ratio.toFixed(3)} (a hosted node against a node alone); ${m.nodes} processes of their own would take about ${(m.alone * m.nodes).toFixed(0)} MiB`,
  );
  console.log(
    `  the host on SIGTERM: ${m.hostStop.ended} after ${m.hostStop.seconds.toFixed(1)} s (every node closed)`,
  );
}

/** Exactly once against raw JetStream, where the time goes, and the limit the costs set. */
async function exactlyOnceSection(): Promise<void> {
  const eo = await exactlyOnce(EVENTS);
  const raw = await rawBaseline(eo.sample, EVENTS);
  console.log(
    `raw JetStream publish(msgID)+consume(ack): ${raw.toFixed(0)} msg/s (${eo.sample.length}-byte messages)`,
  );
  console.log(
    `exactly-once end to end (outbox → JetStream → inbox applied → signed receipt, protocol 1.1's batch signatures and range receipts): ${eo.rate.toFixed(0)} events/s`,
  );
  console.log(`ratio ${(eo.rate / raw).toFixed(3)}`);
  const { relay, deliver, receipt } = eo.phases;
  console.log(
    `where the time goes (mean per event, ms): outbox→published ${relay.toFixed(1)}, published→applied at receiver ${deliver.toFixed(1)}, applied→receipt recorded ${receipt.toFixed(1)}`,
  );
  const l = await limits(JSON.parse(eo.sample).payload);
  const single = 2 * l.signUs + 2 * l.verifyUs + 2 * l.validateUs;
  const batched = l.batchSignPerMemberUs + l.batchMemberUs + 2 * l.validateUs;
  console.log(
    `costs on this machine: Ed25519 sign ${l.signUs.toFixed(0)} µs, verify ${l.verifyUs.toFixed(0)} µs; a member of a verified batch ${l.batchMemberUs.toFixed(0)} µs, batch signing ${l.batchSignPerMemberUs.toFixed(0)} µs per member; payload validation ${l.validateUs.toFixed(0)} µs; PostgreSQL ${l.rowUs.toFixed(0)} µs per row in 250-row commits, ${l.commitMs.toFixed(1)} ms per one-row commit`,
  );
  console.log(
    `  the limit these set, per core: single forms (event and receipt each signed and verified, payload validated twice) ${single.toFixed(0)} µs = ${(1e6 / single).toFixed(0)} events/s; batched forms ${batched.toFixed(0)} µs = ${(1e6 / batched).toFixed(0)} events/s; the five rows an event costs in the two databases (outbox, published, inbox, effect, receipted) ${(5 * l.rowUs).toFixed(0)} µs = ${(1e6 / (5 * l.rowUs)).toFixed(0)} events/s. Both nodes, PostgreSQL and nats-server share this machine's two cores; the raw baseline does none of it.`,
  );
}

async function main(): Promise<void> {
  // `npm run bench -- memory` (or `-- exactly-once`) runs that section alone.
  if (process.argv.includes('memory')) return memory();
  if (process.argv.includes('exactly-once')) return exactlyOnceSection();
  if (process.argv.includes('simulate')) return console.log(headline(await simulate()));
  console.log(
    `liandong bench — ${EVENTS} events, ${LATENCY_SAMPLES} latency samples, NATS ${NATS_URL}`,
  );
  await exactlyOnceSection();
  const registry = await registryImport(100_000);
  console.log(
    `registry import of 100,000 rows through the API (checked whole, one transaction): CSV ${registry.csv.toFixed(1)} s, Excel ${registry.xlsx.toFixed(1)} s`,
  );
  const flooded = await flood(10_000);
  console.log(
    `flood: 10,000 garbage messages from a peer settled as dead letters in ${flooded.settled.toFixed(1)} s (${(10_000 / flooded.settled).toFixed(0)}/s); a directive from the parent published after them was applied ${flooded.directive.toFixed(1)} s after it was issued`,
  );
  const latencies = await directiveLatency(LATENCY_SAMPLES);
  console.log(
    `directive latency central → county (HTTP issue to applied at the county, 3 hops): p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
  const load = await concurrentIssue([1, 10, 100]);
  console.log(
    `load on one node, POST /directives at central (a subtree directive, HTTP to 201; the six nodes share this process): ${load
      .map(
        (f) => `${f.concurrency} at a time p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms`,
      )
      .join('; ')}`,
  );
  await memory();
  console.log(headline(await simulate()));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
