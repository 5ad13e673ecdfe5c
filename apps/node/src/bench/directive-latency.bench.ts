import { NODE_LAUNCHER } from '../launch';
import { HEBEI_SAMPLE_TREE, InProcessFederation } from '@liandong/local-federation';
import { poll } from './bench-support';

/** A directive from central to a county: HTTP issue at central → province → city → county applied. */
export async function directiveLatency(samples: number): Promise<number[]> {
  const chain = HEBEI_SAMPLE_TREE.slice(0, 4);
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: chain });
  await federation.start();
  try {
    const central = federation.dataSource('000000');
    const county = federation.dataSource('130121');
    await poll(
      'registrations',
      async () => (await central.query(`SELECT 1 FROM federation_node`)).length === 3,
    );
    const latencies: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const started = process.hrtime.bigint();
      const { status, body } = await federation.http('000000', 'POST', '/directives', {
        title: `时延测试 ${i}`,
        body: '正文',
        scope: 'subtree',
        reportDueAt: new Date(Date.now() + 86_400_000).toISOString(),
        issuedBy: 'bench',
      });
      if (status !== 201) throw new Error(`issue failed: ${JSON.stringify(body)}`);
      await poll(
        'the county to apply it',
        async () =>
          (await county.query(`SELECT 1 FROM directive WHERE id = $1`, [body.id])).length === 1,
      );
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return latencies;
  } finally {
    await federation.stop();
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
