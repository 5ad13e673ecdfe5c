import { NODE_LAUNCHER } from '../src/launch';
import { InProcessFederation } from '@liandong/local-federation';
import { HEBEI_COUNTIES, HEBEI_SAMPLE_TREE, waitFor, waitForRegistrations } from './support';
import { answerSchema, departures, OpenApi, PlanningCalls } from './planning/helpers';

/**
 * Inspection planning across tiers on six real nodes, PostgreSQL and NATS: only what crosses
 * nodes — coverage summed up the tree, linked rounds, escalated (提级) and cross (交叉)
 * inspection and secondment (上挂下派) end to end, refusals that come back to the sender, and
 * a node that does not answer. Each test makes its own rounds and organizations. The rules on
 * one node are planning's module tests (libs/planning/test); HTTP-level checks on one or two
 * nodes are planning-http.e2e-spec.ts.
 */
describe('inspection planning across tiers', () => {
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: HEBEI_SAMPLE_TREE });
  const [JINGXING, ZHENGDING, XINGTANG] = HEBEI_COUNTIES; // 130121, 130123, 130125
  const CITY = '130100';
  const NODES = HEBEI_SAMPLE_TREE.map((n) => n.nodeId);
  const planning = new PlanningCalls(federation);
  const names = planning.names;

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  const village = (figures: { byCategory: Array<{ category: string; organizations: number }> }) =>
    figures.byCategory.find((c) => c.category === 'village')?.organizations ?? 0;

  /** Waits until central and the city sum up what each node counts of its own; central's view. */
  const treeAgrees = () =>
    waitFor('central and the city to agree with every node’s own figures', async () => {
      const views = await Promise.all(NODES.map((node) => planning.coverage(node)));
      const [central, , city] = views;
      const sum = (figure: (own: any) => number) => views.reduce((s, v) => s + figure(v.own), 0);
      expect(central.subtree.organizations).toBe(sum((own) => own.organizations));
      expect(central.subtree.covered).toBe(sum((own) => own.covered));
      expect(village(central.subtree)).toBe(sum(village));
      for (const id of HEBEI_COUNTIES) {
        const { forecast, ...figures } = views[NODES.indexOf(id)].own;
        expect(forecast).toBeDefined();
        const seen = city.children.find((c: { nodeId: string }) => c.nodeId === id);
        // A county that has changed nothing yet has not reported: it has nothing to report.
        if (seen) expect(seen.own).toEqual(figures);
        else expect(figures.organizations).toBe(0);
      }
      expect(city.subtree.organizations).toBe(
        city.own.organizations +
          city.children.reduce((s: number, c: any) => s + c.subtree.organizations, 0),
      );
      return central;
    });

  it('sums coverage up the tree from summary events, agreeing with each node’s own figures', async () => {
    const before = (await planning.coverage('000000')).subtree;
    for (const node of NODES) await planning.organizations(node);
    const central = await treeAgrees();
    expect(central.subtree.organizations).toBeGreaterThanOrEqual(before.organizations + 12);
    expect(central.subtree.byCategory).toContainEqual(
      expect.objectContaining({ category: 'village', label: '村' }),
    );
  });

  it('runs a linked round: every child opens its round, acknowledges and reports under the parent’s', async () => {
    const theme = names.next('乡村振兴专项巡察');
    const roundId = await planning.round(CITY, { type: 'thematic', theme, linkChildren: true });
    const links = await waitFor('every county to acknowledge the linked round', async () => {
      const { body } = await federation.http(CITY, 'GET', `/rounds/${roundId}`);
      return body.links.length === 3 &&
        body.links.every((l: { acknowledgedAt: string | null }) => l.acknowledgedAt)
        ? body.links
        : undefined;
    });
    expect(links.map((l: { childNode: string }) => l.childNode)).toEqual(HEBEI_COUNTIES);
    const childRound = links.find(
      (l: { childNode: string }) => l.childNode === XINGTANG,
    ).childRoundId;
    const { body: opened } = await federation.http(XINGTANG, 'GET', `/rounds/${childRound}`);
    expect(opened).toMatchObject({
      parentRoundId: roundId,
      parentNode: CITY,
      theme,
      type: 'thematic',
    });

    const [, village] = await planning.organizations(XINGTANG);
    const scheduled = await planning.schedule(XINGTANG, childRound, village.code);
    await planning.feedBack(XINGTANG, scheduled.body.id);
    const reported = await waitFor(
      'the city to see the county’s result under its round',
      async () => {
        const { body } = await federation.http(CITY, 'GET', `/rounds/${roundId}`);
        return body.reported.find((i: { id: string }) => i.id === scheduled.body.id);
      },
    );
    expect(reported).toMatchObject({
      conductingNode: XINGTANG,
      organizationName: village.name,
      status: 'feedback_given',
    });
  });

  it('escalates a village inspection: picked from the owner’s registry, accepted there, credited to the owner and summed up to central, supervision handed back', async () => {
    const [department, village] = await planning.organizations(ZHENGDING);
    const roundId = await planning.round(CITY, { theme: names.next('提级巡察村级党组织') });
    // The city picks from the county's own registry, read live from the county.
    const picked = await federation.http(
      CITY,
      'GET',
      `/federation/nodes/${ZHENGDING}/organizations?q=${encodeURIComponent(village.code)}&category=村`,
    );
    expect(picked.body).toMatchObject({
      nodeId: ZHENGDING,
      nodeLabel: `正定县（${ZHENGDING}）`,
      total: 1,
      organizations: [{ code: village.code, name: village.name, category: 'village' }],
    });
    const missing = await planning.schedule(CITY, roundId, 'no-such-code', ZHENGDING);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain(
      `正定县（${ZHENGDING}）的对象库中没有代码为 no-such-code`,
    );
    const escalated = await planning.schedule(CITY, roundId, village.code, ZHENGDING);
    expect(escalated.body).toMatchObject({
      mode: 'escalated',
      status: 'requested',
      organizationName: village.name,
      organizationCategory: 'village',
    });
    await waitFor('the owner to accept the escalation', async () => {
      const { body } = await federation.http(CITY, 'GET', `/inspections/${escalated.body.id}`);
      return body.status === 'planned';
    });
    const { body: hosted } = await federation.http(
      ZHENGDING,
      'GET',
      `/inspections/${escalated.body.id}`,
    );
    expect(hosted).toMatchObject({ role: 'hosted', mode: 'escalated', conductingNode: CITY });
    const ownRound = await planning.round(ZHENGDING);
    expect((await planning.schedule(ZHENGDING, ownRound, village.code)).body.error).toBe(
      'ESCALATED_BY_ANCESTOR',
    );

    // One the owner has meanwhile scheduled itself is refused there, and the city hears why.
    expect((await planning.schedule(ZHENGDING, ownRound, department.code)).status).toBe(201);
    const duplicate = await planning.schedule(CITY, roundId, department.code, ZHENGDING);
    expect(duplicate.status).toBe(201);
    const refused = await waitFor('the owner to refuse a second inspection', async () => {
      const { body } = await federation.http(CITY, 'GET', `/inspections/${duplicate.body.id}`);
      return body.status === 'refused' ? body : undefined;
    });
    expect(refused.refusalReason).toMatch(
      /^CONFLICT: .*already scheduled for inspection by 130123/,
    );

    const owner = (await planning.coverage(ZHENGDING)).own;
    const city = (await planning.coverage(CITY)).own;
    const central = (await planning.coverage('000000')).subtree;
    await planning.feedBack(CITY, escalated.body.id);
    await waitFor('the owner to get the coverage credit', async () => {
      const { own } = await planning.coverage(ZHENGDING);
      return (
        own.covered === owner.covered + 1 && own.coveredEscalated === owner.coveredEscalated + 1
      );
    });
    expect((await planning.coverage(CITY)).own.covered).toBe(city.covered);
    // The credit is summed up the tree: central sees its subtree's coverage rise.
    expect((await treeAgrees()).subtree.covered).toBeGreaterThan(central.covered);
    const handBack = await federation.http(
      CITY,
      'POST',
      `/inspections/${escalated.body.id}/hand-back`,
      {
        notes: `整改监督移交${ZHENGDING}`,
      },
    );
    expect(handBack.status).toBe(201);
    await waitFor('the owner to take over rectification supervision', async () => {
      const { body } = await federation.http(ZHENGDING, 'GET', `/inspections/${escalated.body.id}`);
      return body.status === 'handed_back' && body.handBackNotes === `整改监督移交${ZHENGDING}`;
    });
  });

  it('orders a cross inspection: access to the ordered organizations only, results to both, credit to the inspected', async () => {
    const [ordered, other] = await planning.organizations(XINGTANG);
    const roundId = await planning.round(CITY, { theme: names.next('交叉巡察') });
    const order = await federation.http(CITY, 'POST', '/cross-orders', {
      roundId,
      assignments: [
        { visitingNode: JINGXING, inspectedNode: XINGTANG, organizationCodes: [ordered.code] },
      ],
    });
    expect(order.status).toBe(201);
    const orderId = order.body[0].id as string;
    const inspection = await waitFor('the visiting county to be granted access', async () => {
      const { body } = await federation.http(JINGXING, 'GET', '/inspections');
      return body.find((i: { crossOrderId: string }) => i.crossOrderId === orderId);
    });
    expect(inspection).toMatchObject({
      mode: 'cross',
      ownerNode: XINGTANG,
      organizationCode: ordered.code,
      status: 'planned',
    });
    const { body: visiting } = await federation.http(JINGXING, 'GET', '/inspections');
    expect(
      visiting.filter((i: { crossOrderId: string }) => i.crossOrderId === orderId),
    ).toHaveLength(1);
    const { body: hosted } = await federation.http(XINGTANG, 'GET', '/inspections');
    expect(
      hosted.filter((i: { organizationCode: string }) => i.organizationCode === other.code),
    ).toEqual([]);
    expect(hosted.find((i: { id: string }) => i.id === inspection.id)).toMatchObject({
      role: 'hosted',
      conductingNode: JINGXING,
    });
    // The orders the city holds are as its OpenAPI document says.
    const { body: doc } = await federation.http<OpenApi>(CITY, 'GET', '/api/docs-json');
    const { body: orders } = await federation.http(CITY, 'GET', `/cross-orders?roundId=${roundId}`);
    expect(departures(doc, answerSchema(doc, '/cross-orders', 'get'), orders)).toEqual([]);

    const inspected = (await planning.coverage(XINGTANG)).own;
    const visitor = (await planning.coverage(JINGXING)).own;
    await planning.feedBack(JINGXING, inspection.id);
    await waitFor('the inspected county to get the credit', async () => {
      const { own } = await planning.coverage(XINGTANG);
      return (
        own.coveredCross === inspected.coveredCross + 1 && own.covered === inspected.covered + 1
      );
    });
    expect((await planning.coverage(JINGXING)).own.coveredCross).toBe(visitor.coveredCross);
    await waitFor('the ordering city to get the result', async () => {
      const { body } = await federation.http(CITY, 'GET', `/rounds/${roundId}`);
      return body.reported.some((i: { id: string }) => i.id === inspection.id);
    });

    // Rectification opens at the inspected county, supervised by the visitor until hand-back.
    const supervisedBy = async () => {
      const { body: list } = await federation.http(XINGTANG, 'GET', '/rectifications');
      const found = list.find((r: { inspectionId: string }) => r.inspectionId === inspection.id);
      if (!found) return undefined;
      return (await federation.http(XINGTANG, 'GET', `/rectifications/${found.id}`)).body
        .supervisedBy as string;
    };
    expect(await waitFor('the rectification to open', supervisedBy)).toBe(JINGXING);
    const handBack = await federation.http(
      JINGXING,
      'POST',
      `/inspections/${inspection.id}/hand-back`,
      {
        notes: '交叉巡察整改监督移交行唐县',
      },
    );
    expect(handBack.status).toBe(201);
    await waitFor(
      'the inspected county to supervise its rectification',
      async () => (await supervisedBy()) === 'self',
    );
  });

  it('hears back a cross order refused by the inspected node for an organization it does not have', async () => {
    const roundId = await planning.round(CITY, { theme: names.next('交叉巡察（补充）') });
    const ordered = await federation.http(CITY, 'POST', '/cross-orders', {
      roundId,
      assignments: [
        { visitingNode: ZHENGDING, inspectedNode: JINGXING, organizationCodes: ['no-such-code'] },
      ],
    });
    expect(ordered.status).toBe(201);
    const refused = await waitFor('the order to come back refused', async () => {
      const { body } = await federation.http(CITY, 'GET', `/cross-orders?roundId=${roundId}`);
      return body[0].status === 'refused' ? body[0] : undefined;
    });
    expect(refused.refusalReason).toContain('NOT_FOUND');
    expect(refused.refusalReason).toContain('no-such-code');
  });

  it('seconds a person along the tree: described by the borrower, nominated by the lender on approval, then on the borrower’s team', async () => {
    const lent = await planning.addPerson(CITY, {
      name: '赵六',
      sourceBody: 'audit',
      homeUnitName: '石家庄市审计局',
    });
    const requested = await federation.http(JINGXING, 'POST', '/secondments', {
      lendingNode: CITY,
      wanted: '审计干部 1 名，熟悉财务审计',
      startsOn: '2026-11-01',
      endsOn: '2027-06-30',
      purpose: '上挂下派，参加本轮巡察',
    });
    expect(requested.status).toBe(201);
    const pending = await waitFor('the lending city to receive the request', async () => {
      const { body } = await federation.http(CITY, 'GET', '/secondments');
      return body.find((s: { id: string }) => s.id === requested.body.id);
    });
    expect(pending).toMatchObject({
      role: 'lending',
      status: 'requested',
      borrowingNode: JINGXING,
      personId: null,
      wanted: '审计干部 1 名，熟悉财务审计',
    });
    const unnamed = await federation.http(CITY, 'POST', `/secondments/${pending.id}/approve`, {});
    expect(unnamed).toMatchObject({ status: 400, body: { error: 'NOMINEE_REQUIRED' } });
    const approved = await federation.http(CITY, 'POST', `/secondments/${pending.id}/approve`, {
      personId: lent,
    });
    expect(approved).toMatchObject({ status: 201, body: { personName: '赵六' } });
    const borrowed = await waitFor('the person to join the borrowing pool', async () => {
      const { body } = await federation.http(JINGXING, 'GET', `/personnel/${lent}`);
      return body.lentBy === CITY ? body : undefined;
    });
    expect(borrowed).toMatchObject({ name: '赵六', sourceBodyLabel: '审计机关' });
    const { body: asked } = await federation.http(JINGXING, 'GET', '/secondments');
    expect(asked.find((s: { id: string }) => s.id === requested.body.id)).toMatchObject({
      status: 'approved',
      personId: lent,
      personName: '赵六',
    });
    const [target] = await planning.organizations(JINGXING);
    const scheduled = await planning.schedule(
      JINGXING,
      await planning.round(JINGXING),
      target.code,
    );
    const leader = await planning.addPerson(JINGXING);
    const team = await federation.http(JINGXING, 'PUT', `/inspections/${scheduled.body.id}/team`, {
      leaderId: leader,
      memberIds: [lent],
    });
    expect(team.status).toBe(200);
    expect(team.body.team).toContainEqual(
      expect.objectContaining({ name: '赵六', lentBy: CITY, role: 'member' }),
    );
  });

  it('says a county that does not answer is unreachable, naming it, rather than guessing its registry', async () => {
    const [village] = await planning.organizations(XINGTANG, ['村']);
    const roundId = await planning.round(CITY, { theme: names.next('提级巡察（下级节点离线）') });
    const count = async () =>
      (await federation.http(CITY, 'GET', '/inspections')).body.length as number;
    const before = await count();
    await federation.stopNode(XINGTANG);
    try {
      for (const [method, url, body] of [
        ['GET', `/federation/nodes/${XINGTANG}/organizations`, undefined],
        [
          'POST',
          `/rounds/${roundId}/inspections`,
          { organizationCode: village.code, ownerNode: XINGTANG },
        ],
      ] as const) {
        const answer = await federation.http(CITY, method, url, body);
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ error: 'NODE_UNREACHABLE' });
        expect(answer.body.message).toContain(`行唐县（${XINGTANG}）节点暂时无法连接`);
      }
      expect(await count()).toBe(before);
    } finally {
      await federation.startNode(XINGTANG);
    }
  });
});
