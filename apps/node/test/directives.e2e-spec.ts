import { NODE_LAUNCHER } from '../src/launch';
import { InProcessFederation } from '@liandong/local-federation';
import {
  count,
  HEBEI_COUNTIES,
  HEBEI_SAMPLE_TREE,
  inAMonth,
  waitFor,
  waitForRegistrations,
} from './support';

describe('directives through all four tiers', () => {
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: HEBEI_SAMPLE_TREE });

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  it('reaches every node, which acknowledge, relay and report back to central', async () => {
    const issued = await federation.http('000000', 'POST', '/directives', {
      title: '关于开展新一轮巡视巡察工作的部署',
      body: '各级巡视巡察机构要上下联动。',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办 张三',
      policies: [
        { key: 'rectification.progress_report_months', value: 3, effectiveFrom: '2026-12-01' },
      ],
    });
    expect(issued.status).toBe(201);
    const id = issued.body.id as string;
    const others = HEBEI_SAMPLE_TREE.map((n) => n.nodeId).filter((n) => n !== '000000');

    for (const nodeId of others) {
      await waitFor(
        `${nodeId} to receive the directive`,
        async () => (await federation.http(nodeId, 'GET', `/directives/${id}`)).status === 200,
      );
      const ack = await federation.http(nodeId, 'POST', `/directives/${id}/acknowledge`, {
        acknowledgedBy: `${nodeId} 巡察办`,
      });
      expect(ack.status).toBe(201);
    }
    const relay = await federation.http('130100', 'POST', `/directives/${id}/relay`, {
      requirements: '石家庄市要求各县（市、区）在一个月内制定巡察工作计划。',
      scope: 'children',
      reportDueAt: inAMonth(),
      relayedBy: '石家庄市委巡察办 李四',
    });
    expect(relay.status).toBe(201);
    for (const county of HEBEI_COUNTIES) {
      await waitFor(
        `${county} to receive the relayed directive`,
        async () =>
          (await federation.http(county, 'GET', `/directives/${relay.body.id}`)).status === 200,
      );
      const report = await federation.http(county, 'POST', `/directives/${id}/report`, {
        reportedBy: `${county} 巡察办`,
        summary: '已部署落实。',
      });
      expect(report.status).toBe(201);
    }

    const status = await waitFor(
      'central to see every acknowledgement and county report',
      async () => {
        const { body } = await federation.http('000000', 'GET', `/directives/${id}/status`);
        return body.totals.acknowledged === others.length &&
          body.totals.reported === HEBEI_COUNTIES.length &&
          body.totals.received === others.length
          ? body
          : undefined;
      },
    );
    expect(status.totals).toEqual({
      nodes: 5,
      received: 5,
      acknowledged: 5,
      relayed: 1,
      reported: 3,
      overdue: 0,
    });
    expect(status.nodes.find((n: { nodeId: string }) => n.nodeId === '130100').relayed).toBe(true);
    // Every envelope central sent was receipted by its receiver (receipts are signed events too).
    await waitFor(
      'central’s outbox to be fully receipted',
      async () =>
        (await count(
          federation,
          '000000',
          `SELECT 1 FROM outbox WHERE kind = 'event' AND status <> 'delivered'`,
        )) === 0,
    );
    expect(await count(federation, '000000', `SELECT 1 FROM dead_letter`)).toBe(0);

    // The policy travelled with the directive: every node shows which rule is in force on which day.
    for (const nodeId of ['000000', ...others]) {
      const before = await federation.http(
        nodeId,
        'GET',
        '/policies/rectification.progress_report_months/in-force?on=2026-11-30',
      );
      const after = await federation.http(
        nodeId,
        'GET',
        '/policies/rectification.progress_report_months/in-force?on=2026-12-01',
      );
      expect([before.body.value, after.body.value]).toEqual([2, 3]);
    }
  });
});
