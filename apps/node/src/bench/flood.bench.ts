import { NODE_LAUNCHER } from '../launch';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { nodeSubject } from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import { NATS_URL, poll } from './bench-support';

/**
 * 10,000 garbage messages from a peer on a node's subject, then a directive from its parent:
 * how long until every garbage message is settled (each a dead letter), and how long after
 * it was issued the directive is applied there.
 */
export async function flood(count: number): Promise<{ settled: number; directive: number }> {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: [
      { nodeId: '000000', name: '中央', tier: 'central', parentId: null },
      { nodeId: '130000', name: '河北省', tier: 'provincial', parentId: '000000' },
      { nodeId: '140000', name: '山西省', tier: 'provincial', parentId: '000000' },
    ],
  });
  await federation.start();
  try {
    const province = federation.dataSource('130000');
    await poll(
      'registrations',
      async () =>
        (await federation.dataSource('000000').query(`SELECT 1 FROM federation_node`)).length === 2,
    );
    const nc = await connect({ servers: NATS_URL });
    const js = jetstream(nc);
    const subject = nodeSubject(federation.federation, '130000', '140000');
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i += 500)
      await Promise.all(
        Array.from({ length: Math.min(500, count - i) }, (_, j) =>
          js.publish(subject, Buffer.from([0, (i + j) % 256])),
        ),
      );
    await nc.close();
    const issued = process.hrtime.bigint();
    const { status, body } = await federation.http('000000', 'POST', '/directives', {
      title: '洪水之后的部署',
      body: '正文',
      scope: 'children',
      reportDueAt: new Date(Date.now() + 86_400_000).toISOString(),
      issuedBy: 'bench',
    });
    if (status !== 201) throw new Error(`issue failed: ${JSON.stringify(body)}`);
    await poll(
      'the directive after the flood',
      async () =>
        (await province.query(`SELECT 1 FROM directive WHERE id = $1`, [body.id])).length === 1,
    );
    const directive = Number(process.hrtime.bigint() - issued) / 1e9;
    await poll('every garbage message settled', async () => {
      const [{ n }] = await province.query(
        `SELECT count(*) AS n FROM dead_letter WHERE hop_from = '140000'`,
      );
      return Number(n) >= count;
    });
    return { settled: Number(process.hrtime.bigint() - started) / 1e9, directive };
  } finally {
    await federation.stop();
  }
}
