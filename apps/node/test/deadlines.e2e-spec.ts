import { NODE_LAUNCHER } from '../src/launch';
import { SettableClock } from '@liandong/messaging';
import { InProcessFederation } from '@liandong/local-federation';
import { count, waitFor, waitForRegistrations } from './support';

const DAY = 24 * 3600_000;

describe('deadlines and policy versions follow the injected clock', () => {
  const clock = new SettableClock(new Date('2026-11-20T02:00:00Z'));
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: [
      { nodeId: '000000', name: '中央', tier: 'central', parentId: null },
      { nodeId: '130000', name: '河北省', tier: 'provincial', parentId: '000000' },
      { nodeId: '140000', name: '山西省', tier: 'provincial', parentId: '000000' },
    ],
    clock,
  });

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  it('shows a report as overdue only once its due date has passed, and not once it is filed', async () => {
    const { body } = await federation.http('000000', 'POST', '/directives', {
      title: '限期报告',
      body: '正文',
      scope: 'children',
      reportDueAt: new Date(clock.now().getTime() + 10 * DAY).toISOString(),
      issuedBy: '中央巡视办',
    });
    for (const nodeId of ['130000', '140000']) {
      await waitFor(
        `${nodeId} to receive`,
        async () => (await federation.http(nodeId, 'GET', `/directives/${body.id}`)).status === 200,
      );
      await federation.http(nodeId, 'POST', `/directives/${body.id}/acknowledge`, {
        acknowledgedBy: nodeId,
      });
    }
    await federation.http('130000', 'POST', `/directives/${body.id}/report`, {
      reportedBy: '河北',
      summary: '按期完成',
    });
    await waitFor(
      'central to have the report',
      async () =>
        (await federation.http('000000', 'GET', `/directives/${body.id}/status`)).body.totals
          .reported === 1,
    );

    const before = await federation.http('000000', 'GET', `/directives/${body.id}/status`);
    expect(before.body.totals.overdue).toBe(0);

    clock.advance(11 * DAY);
    const after = await federation.http('000000', 'GET', `/directives/${body.id}/status`);
    expect(after.body.totals.overdue).toBe(1);
    const late = after.body.nodes.find((n: { nodeId: string }) => n.nodeId === '140000');
    expect(late).toMatchObject({ overdue: true, reported: false, statusLabel: '已签收（逾期）' });
    expect((await federation.http('140000', 'GET', `/directives/${body.id}`)).body.overdue).toBe(
      true,
    );
    expect((await federation.http('130000', 'GET', `/directives/${body.id}`)).body.overdue).toBe(
      false,
    );
  });

  // Which version is in force on which day is one node's rule (the rectification module tests:
  // libs/rectification/test/deadlines.module-spec.ts); here, that the change reaches every node.
  it('carries a policy change to every node of the subtree, in force there from its effective date', async () => {
    const { status, body } = await federation.http('000000', 'POST', '/directives', {
      title: '调整整改进展报告期限',
      body: '巡视反馈后3个月内报送整改进展情况（原为2个月）。',
      scope: 'subtree',
      reportDueAt: new Date(clock.now().getTime() + 30 * DAY).toISOString(),
      issuedBy: '中央巡视办',
      policies: [
        { key: 'rectification.progress_report_months', value: 3, effectiveFrom: '2027-01-01' },
      ],
    });
    expect(status).toBe(201);
    for (const nodeId of ['130000', '140000'])
      await waitFor(
        `${nodeId} to record the policy`,
        async () =>
          (await count(federation, nodeId, `SELECT 1 FROM policy_version WHERE directive_id = $1`, [
            body.id,
          ])) === 1,
      );
    for (const nodeId of ['000000', '130000', '140000']) {
      const { body: inForce } = await federation.http(
        nodeId,
        'GET',
        '/policies/rectification.progress_report_months/in-force?on=2027-01-01',
      );
      expect(inForce).toMatchObject({ value: 3, directiveId: body.id, setByNode: '000000' });
    }
  });

  it('a node down for days still applies what was sent while it was down (envelopes outlive the outage)', async () => {
    await federation.stopNode('140000');
    const { body } = await federation.http('000000', 'POST', '/directives', {
      title: '停机期间的部署',
      body: '正文',
      scope: 'children',
      reportDueAt: new Date(clock.now().getTime() + 30 * DAY).toISOString(),
      issuedBy: '中央巡视办',
    });
    clock.advance(5 * DAY);
    await federation.startNode('140000');
    await waitFor(
      'the returning province to apply it',
      async () => (await federation.http('140000', 'GET', `/directives/${body.id}`)).status === 200,
    );
    expect(await count(federation, '140000', `SELECT 1 FROM dead_letter`)).toBe(0);
  });
});
