import { NODE_LAUNCHER } from '../launch';
import { HEBEI_SAMPLE_TREE, InProcessFederation } from '@liandong/local-federation';
import { poll } from './bench-support';
import { percentile } from './directive-latency.bench';

export interface ConcurrencyFigures {
  concurrency: number;
  requests: number;
  p50: number;
  p99: number;
}

/**
 * Load on one node: `POST /directives` at central (a subtree directive to its five
 * descendants), `concurrency` requests at a time, each timed from send to its 201. The
 * sequential case (1) is the baseline the others are read against.
 */
export async function concurrentIssue(levels: number[]): Promise<ConcurrencyFigures[]> {
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: HEBEI_SAMPLE_TREE });
  await federation.start();
  try {
    const central = federation.dataSource('000000');
    await poll(
      'registrations',
      async () =>
        (await central.query(`SELECT 1 FROM federation_node`)).length ===
        HEBEI_SAMPLE_TREE.length - 1,
    );
    let n = 0;
    const issue = async (): Promise<number> => {
      n += 1;
      const started = process.hrtime.bigint();
      const { status, body } = await federation.http('000000', 'POST', '/directives', {
        title: `并发测试 ${n}`,
        body: '正文',
        scope: 'subtree',
        reportDueAt: new Date(Date.now() + 86_400_000).toISOString(),
        issuedBy: 'bench',
      });
      if (status !== 201) throw new Error(`issue failed: ${status} ${JSON.stringify(body)}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    // Warm-up: the first requests compile and connect.
    for (let i = 0; i < 5; i += 1) await issue();
    const figures: ConcurrencyFigures[] = [];
    for (const concurrency of levels) {
      const latencies: number[] = [];
      const rounds = Math.max(1, Math.ceil(100 / concurrency));
      for (let r = 0; r < rounds; r += 1)
        latencies.push(...(await Promise.all(Array.from({ length: concurrency }, issue))));
      figures.push({
        concurrency,
        requests: latencies.length,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
      });
    }
    return figures;
  } finally {
    await federation.stop();
  }
}
