import { NODE_LAUNCHER } from '../launch';
import { OutboxService } from '@liandong/messaging';
import { DirectiveIssuedV1, nodeAudience, uuidv7 } from '@liandong/protocol';
import { HEBEI_SAMPLE_TREE, InProcessFederation } from '@liandong/local-federation';
import { DataSource } from 'typeorm';
import { poll } from './bench-support';

function payload(i: number): DirectiveIssuedV1 {
  return {
    directiveId: uuidv7(),
    title: `基准测试部署 ${i}`,
    body: '各级巡视巡察机构要坚持上下联动，层层传导压力，确保全覆盖任务落实。',
    scope: 'children',
    reportDueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    parentDirectiveId: null,
    policies: [],
  };
}

export interface Phases {
  relay: number;
  deliver: number;
  receipt: number;
}

/** Exactly once between two nodes: outbox → JetStream → inbox (applied) → signed receipt back. */
export async function exactlyOnce(
  count: number,
): Promise<{ rate: number; phases: Phases; sample: string }> {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 2),
    messaging: { resendAfterMs: 60_000 },
  });
  await federation.start();
  try {
    const central = federation.dataSource('000000');
    const province = federation.dataSource('130000');
    await poll(
      'registration',
      async () => (await central.query(`SELECT 1 FROM federation_node`)).length === 1,
    );
    const outbox = federation.node('000000').app?.get(OutboxService) as OutboxService;
    const started = process.hrtime.bigint();
    const perTransaction = 50;
    let sample = '';
    for (let i = 0; i < count; i += perTransaction) {
      await central.transaction(async (manager) => {
        const events = Array.from({ length: Math.min(perTransaction, count - i) }, (_, k) => ({
          type: DirectiveIssuedV1.type,
          audience: nodeAudience('130000'),
          payload: payload(i + k),
        }));
        const envelopes = await outbox.emitMany(manager, events);
        sample = JSON.stringify(envelopes[0]);
      });
    }
    await poll('every receipt', async () => {
      const [{ n }] = await central.query(
        `SELECT count(*) AS n FROM outbox WHERE kind = 'event' AND event_type = $1 AND status = 'delivered'`,
        [DirectiveIssuedV1.type],
      );
      return Number(n) >= count;
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const phases = await phaseBreakdown(central, province);
    const [{ n }] = await province.query(`SELECT count(*) AS n FROM directive`);
    if (Number(n) !== count)
      throw new Error(`expected ${count} directives applied once, found ${n}`);
    return { rate: count / seconds, phases, sample };
  } finally {
    await federation.stop();
  }
}

async function phaseBreakdown(central: DataSource, province: DataSource): Promise<Phases> {
  const sent: Array<{ event_id: string; created: number; published: number; receipted: number }> =
    await central.query(
      `SELECT event_id, extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM published_at) * 1000 AS published,
            extract(epoch FROM receipted_at) * 1000 AS receipted
     FROM outbox WHERE kind = 'event' AND event_type = $1`,
      [DirectiveIssuedV1.type],
    );
  const settled: Array<{ event_id: string; settled: number }> = await province.query(
    `SELECT event_id, extract(epoch FROM settled_at) * 1000 AS settled FROM inbox`,
  );
  const settledAt = new Map(settled.map((r) => [r.event_id, Number(r.settled)]));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return {
    relay: mean(sent.map((r) => r.published - r.created)),
    deliver: mean(sent.map((r) => (settledAt.get(r.event_id) ?? r.published) - r.published)),
    receipt: mean(sent.map((r) => r.receipted - (settledAt.get(r.event_id) ?? r.receipted))),
  };
}
