import { CrossOrderedV1, SecondmentRequestedV1, uuidv7 } from '@liandong/protocol';
import { InProcessFederation } from '../src/harness/in-process-federation';
import {
  HEBEI_COUNTIES,
  HEBEI_SAMPLE_TREE,
  importOrganizations,
  refusedBy,
  waitFor,
  waitForRegistrations,
} from './support';

/**
 * Inspection planning across tiers on real nodes, PostgreSQL and NATS: terms and coverage
 * with summaries flowing up, linked rounds, escalated (提级) and cross (交叉) inspection,
 * teams with recusal (回避), secondment (上挂下派) — and each refusal.
 */
describe('inspection planning across tiers', () => {
  const federation = new InProcessFederation({ tree: HEBEI_SAMPLE_TREE });
  const [JINGXING, ZHENGDING, XINGTANG] = HEBEI_COUNTIES; // 130121, 130123, 130125
  const CITY = '130100';
  const window = { windowStart: '2026-12-01', windowEnd: '2027-02-28' };

  /** Each node's registry: a few organizations named after the node. */
  const registry = (node: string): Array<[string, string, string, string, string]> => [
    [`${node}-001`, `${node}党委办公室`, '党政机关部门', '', '县级'],
    [`${node}-002`, `${node}某镇党委`, '乡镇（街道）', '', '县级'],
    [`${node}-003`, `${node}某村党支部`, '村', `${node}-002`, '县级'],
    [`${node}-004`, `${node}某社区党委`, '社区', `${node}-002`, '县级'],
  ];

  async function person(node: string, fields: Record<string, unknown> = {}): Promise<string> {
    const { status, body } = await federation.http(node, 'POST', '/personnel', {
      name: `${node}组长`,
      sourceBody: 'discipline',
      homeJurisdiction: node,
      homeUnitName: `${node}纪委监委`,
      ...fields,
    });
    expect(status).toBe(201);
    return body.id as string;
  }

  async function round(node: string, extra: Record<string, unknown> = {}): Promise<string> {
    const { status, body } = await federation.http(node, 'POST', '/rounds', {
      type: 'regular',
      theme: '2026年第一轮巡察',
      ...window,
      ...extra,
    });
    expect(status).toBe(201);
    return body.id as string;
  }

  async function coverage(node: string) {
    return (await federation.http(node, 'GET', '/coverage')).body;
  }

  /**
   * Forms a one-person team, finalizes a report with no findings, records the leading
   * group's decision and gives feedback (findings themselves: rectification.e2e-spec.ts).
   */
  async function inspectAndFeedBack(node: string, inspectionId: string, leader: string) {
    const team = await federation.http(node, 'PUT', `/inspections/${inspectionId}/team`, {
      leaderId: leader,
      memberIds: [],
    });
    expect(team.status).toBe(200);
    const report = await federation.http(node, 'POST', `/inspections/${inspectionId}/reports`, {
      summary: '巡察报告：未发现需整改的问题。',
    });
    expect(report.status).toBe(201);
    const decision = await federation.http(node, 'POST', `/reports/${report.body.id}/decision`, {
      decision: '同意，按程序反馈。',
    });
    expect(decision.status).toBe(201);
    const feedback = await federation.http(node, 'POST', `/inspections/${inspectionId}/feedback`, {
      summary: '反馈意见：发现问题 3 个，限期整改。',
    });
    expect(feedback.status).toBe(201);
    return feedback.body;
  }

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
    for (const node of HEBEI_SAMPLE_TREE.map((n) => n.nodeId)) {
      await importOrganizations(federation, node, registry(node));
      const term = await federation.http(node, 'POST', '/terms', {
        name: '本届',
        startsOn: '2026-01-01',
      });
      expect(term.status).toBe(201);
      expect(term.body.endsOn).toBe('2031-01-01');
    }
  });
  afterAll(() => federation.stop());

  it('sums coverage up the tree from summary events, agreeing with each node’s own figures', async () => {
    const central = await waitFor('central to hear every node’s registry', async () => {
      const view = await coverage('000000');
      return view.subtree.organizations === 4 * HEBEI_SAMPLE_TREE.length ? view : undefined;
    });
    expect(central.own).toMatchObject({ organizations: 4, covered: 0, remaining: 4 });
    expect(central.own.forecast.status).toBe('behind');
    const city = await coverage(CITY);
    for (const county of HEBEI_COUNTIES) {
      const own = await coverage(county);
      const seen = city.children.find((c: { nodeId: string }) => c.nodeId === county);
      const { forecast, ...figures } = own.own;
      expect(forecast.status).toBe('behind');
      expect(seen.own).toEqual(figures);
      expect(seen.own.organizations).toBe(own.own.organizations);
      expect(seen.subtree.organizations).toBe(own.subtree.organizations);
    }
    expect(city.subtree.organizations).toBe(
      city.own.organizations +
        city.children.reduce(
          (sum: number, c: { subtree: { organizations: number } }) => sum + c.subtree.organizations,
          0,
        ),
    );
    expect(
      central.subtree.byCategory.find((c: { category: string }) => c.category === 'village'),
    ).toMatchObject({
      label: '村',
      organizations: HEBEI_SAMPLE_TREE.length,
    });
  });

  it('counts an own inspection once feedback is given, and central sees coverage rise', async () => {
    const roundId = await round(JINGXING);
    const unknown = await federation.http(JINGXING, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: 'no-such-code',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('ORGANIZATION_NOT_FOUND');
    const scheduled = await federation.http(JINGXING, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: `${JINGXING}-001`,
    });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({ mode: 'own', modeLabel: '本级巡察', status: 'planned' });
    const again = await federation.http(JINGXING, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: `${JINGXING}-001`,
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('ALREADY_SCHEDULED');
    const early = await federation.http(
      JINGXING,
      'POST',
      `/inspections/${scheduled.body.id}/feedback`,
      {
        summary: '反馈',
      },
    );
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('NO_TEAM');
    expect((await coverage(JINGXING)).own.covered).toBe(0);

    // 回避: a relative at the target, a post there two years ago — each refused with its reason.
    const target = `${JINGXING}-001`;
    const related = await person(JINGXING, {
      name: '钱七',
      relations: [
        {
          name: '孙八',
          relation: '配偶',
          nodeId: JINGXING,
          unitCode: target,
          unitName: '党委办公室',
        },
      ],
    });
    const served = await person(JINGXING, {
      name: '周九',
      posts: [
        {
          nodeId: JINGXING,
          unitCode: target,
          unitName: '党委办公室',
          title: '副主任',
          from: '2020-01-01',
          to: '2024-12-31',
        },
      ],
    });
    for (const [id, text] of [
      [related, '钱七的配偶孙八'],
      [served, '周九于 2020-01-01 至 2024-12-31'],
    ]) {
      const refused = await federation.http(
        JINGXING,
        'PUT',
        `/inspections/${scheduled.body.id}/team`,
        {
          leaderId: id,
          memberIds: [],
        },
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe('RECUSAL');
      expect(refused.body.message).toContain(text);
    }

    const before = (await coverage('000000')).subtree.covered;
    await inspectAndFeedBack(JINGXING, scheduled.body.id, await person(JINGXING));
    const own = await coverage(JINGXING);
    expect(own.own).toMatchObject({ covered: 1, coveredOwn: 1, remaining: 3 });
    const { body: covered } = await federation.http(
      JINGXING,
      'GET',
      '/coverage/organizations?status=covered',
    );
    expect(covered).toEqual([
      expect.objectContaining({ code: `${JINGXING}-001`, covered: true, modeLabel: '本级巡察' }),
    ]);
    const { body: remaining } = await federation.http(
      JINGXING,
      'GET',
      '/coverage/organizations/export?format=csv&status=remaining',
    );
    expect(remaining).toContain('未覆盖');
    expect(remaining).toContain(`${JINGXING}-004`);
    expect(remaining).not.toContain(`${JINGXING}-001`);
    await waitFor('central to see the county’s coverage rise', async () => {
      const view = await coverage('000000');
      return view.subtree.covered === before + 1 ? view : undefined;
    });
    const twice = await federation.http(
      JINGXING,
      'POST',
      `/inspections/${scheduled.body.id}/feedback`,
      {
        summary: '再次反馈',
      },
    );
    expect(twice.status).toBe(409);
  });

  it('runs a linked round: every child opens its round, acknowledges and reports under the parent’s', async () => {
    const roundId = await round(CITY, {
      type: 'thematic',
      theme: '乡村振兴专项巡察',
      linkChildren: true,
    });
    const links = await waitFor('every county to acknowledge the linked round', async () => {
      const { body } = await federation.http(CITY, 'GET', `/rounds/${roundId}`);
      return body.links.length === 3 &&
        body.links.every((l: { acknowledgedAt: string | null }) => l.acknowledgedAt)
        ? body.links
        : undefined;
    });
    const childRound = links.find(
      (l: { childNode: string }) => l.childNode === XINGTANG,
    ).childRoundId;
    const { body: opened } = await federation.http(XINGTANG, 'GET', `/rounds/${childRound}`);
    expect(opened).toMatchObject({
      parentRoundId: roundId,
      parentNode: CITY,
      theme: '乡村振兴专项巡察',
      type: 'thematic',
    });

    const scheduled = await federation.http(XINGTANG, 'POST', `/rounds/${childRound}/inspections`, {
      organizationCode: `${XINGTANG}-003`,
    });
    await inspectAndFeedBack(XINGTANG, scheduled.body.id, await person(XINGTANG));
    const reported = await waitFor(
      'the city to see the county’s result under its round',
      async () => {
        const { body } = await federation.http(CITY, 'GET', `/rounds/${roundId}`);
        return body.reported.find((i: { id: string }) => i.id === scheduled.body.id);
      },
    );
    expect(reported).toMatchObject({
      conductingNode: XINGTANG,
      organizationName: `${XINGTANG}某村党支部`,
      status: 'feedback_given',
    });
  });

  it('escalates a village inspection: the owner is told, refuses duplicates, gets the credit and the supervision', async () => {
    const roundId = await round(CITY, { theme: '提级巡察村级党组织' });
    const cityLeader = await person(CITY);
    const escalated = await federation.http(CITY, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: `${ZHENGDING}-003`,
      ownerNode: ZHENGDING,
      organizationName: `${ZHENGDING}某村党支部`,
      organizationCategory: 'village',
    });
    expect(escalated.status).toBe(201);
    expect(escalated.body).toMatchObject({ mode: 'escalated', status: 'requested' });
    await waitFor('the owner to accept the escalation', async () => {
      const { body } = await federation.http(CITY, 'GET', `/inspections/${escalated.body.id}`);
      return body.status === 'planned';
    });
    const { body: orgs } = await federation.http(ZHENGDING, 'GET', '/coverage/organizations');
    const village = orgs.find((o: { code: string }) => o.code === `${ZHENGDING}-003`);
    expect(village.note).toBe(`提级巡察：由 ${CITY} 实施`);

    const ownRound = await round(ZHENGDING);
    const duplicate = await federation.http(ZHENGDING, 'POST', `/rounds/${ownRound}/inspections`, {
      organizationCode: `${ZHENGDING}-003`,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toBe('ESCALATED_BY_ANCESTOR');
    expect(duplicate.body.message).toContain(CITY);

    // Refused by the owner: an organization it does not have, and one it already scheduled itself.
    const ownScheduled = await federation.http(
      ZHENGDING,
      'POST',
      `/rounds/${ownRound}/inspections`,
      {
        organizationCode: `${ZHENGDING}-004`,
      },
    );
    expect(ownScheduled.status).toBe(201);
    for (const [code, reason] of [
      ['no-such-code', 'NOT_FOUND'],
      [`${ZHENGDING}-004`, 'CONFLICT'],
    ]) {
      const refused = await federation.http(CITY, 'POST', `/rounds/${roundId}/inspections`, {
        organizationCode: code,
        ownerNode: ZHENGDING,
        organizationName: '某组织',
        organizationCategory: 'community',
      });
      const settled = await waitFor(`the owner to refuse ${code}`, async () => {
        const { body } = await federation.http(CITY, 'GET', `/inspections/${refused.body.id}`);
        return body.status === 'refused' ? body : undefined;
      });
      expect(settled.refusalReason).toMatch(new RegExp(`^${reason}: `));
    }
    const notBelow = await federation.http(
      JINGXING,
      'POST',
      `/rounds/${await round(JINGXING)}/inspections`,
      {
        organizationCode: `${ZHENGDING}-001`,
        ownerNode: ZHENGDING,
        organizationName: 'x',
        organizationCategory: 'department',
      },
    );
    expect(notBelow.status).toBe(409);
    expect(notBelow.body.error).toBe('NOT_A_DESCENDANT');

    const early = await federation.http(
      CITY,
      'POST',
      `/inspections/${escalated.body.id}/hand-back`,
      { notes: '移交' },
    );
    expect(early.body.error).toBe('NO_FEEDBACK_YET');
    const before = (await coverage(ZHENGDING)).own;
    await inspectAndFeedBack(CITY, escalated.body.id, cityLeader);
    const credited = await waitFor('the owner to get the coverage credit', async () => {
      const { own } = await coverage(ZHENGDING);
      return own.covered === before.covered + 1 ? own : undefined;
    });
    expect(credited.coveredEscalated).toBe(before.coveredEscalated + 1);
    expect((await coverage(CITY)).own.covered).toBe(0);

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
      return body.role === 'hosted' && body.status === 'handed_back';
    });

    // Inspected again later in the term by the county itself: still one organization covered.
    const laterRound = await round(ZHENGDING, {
      theme: '回头看',
      type: 'follow_up',
      windowStart: '2027-06-01',
      windowEnd: '2027-06-30',
    });
    const again = await federation.http(ZHENGDING, 'POST', `/rounds/${laterRound}/inspections`, {
      organizationCode: `${ZHENGDING}-003`,
    });
    expect(again.status).toBe(201);
    await inspectAndFeedBack(ZHENGDING, again.body.id, await person(ZHENGDING));
    expect((await coverage(ZHENGDING)).own).toMatchObject({
      covered: credited.covered,
      coveredEscalated: credited.coveredEscalated,
      coveredOwn: credited.coveredOwn,
    });
  });

  it('orders a cross inspection: access to the ordered organizations only, results to both, credit to the inspected', async () => {
    const roundId = await round(CITY, { theme: '交叉巡察' });
    const ordered = await federation.http(CITY, 'POST', '/cross-orders', {
      roundId,
      assignments: [
        { visitingNode: JINGXING, inspectedNode: XINGTANG, organizationCodes: [`${XINGTANG}-001`] },
      ],
    });
    expect(ordered.status).toBe(201);
    const orderId = ordered.body[0].id as string;

    const reciprocal = await federation.http(CITY, 'POST', '/cross-orders', {
      roundId,
      assignments: [
        { visitingNode: XINGTANG, inspectedNode: JINGXING, organizationCodes: [`${JINGXING}-002`] },
      ],
    });
    expect(reciprocal.status).toBe(409);
    expect(reciprocal.body.error).toBe('RECIPROCAL_PAIR');
    const notCommon = await federation.http(CITY, 'POST', '/cross-orders', {
      roundId,
      assignments: [{ visitingNode: JINGXING, inspectedNode: '130000', organizationCodes: ['x'] }],
    });
    expect(notCommon.status).toBe(409);
    expect(notCommon.body.error).toBe('NOT_COMMON_ANCESTOR');

    const inspection = await waitFor('the visiting county to be granted access', async () => {
      const { body } = await federation.http(JINGXING, 'GET', '/inspections');
      return body.find((i: { crossOrderId: string }) => i.crossOrderId === orderId);
    });
    expect(inspection).toMatchObject({
      mode: 'cross',
      ownerNode: XINGTANG,
      organizationCode: `${XINGTANG}-001`,
      status: 'planned',
    });
    const { body: hosted } = await federation.http(
      XINGTANG,
      'GET',
      `/inspections/${inspection.id}`,
    );
    expect(hosted).toMatchObject({ role: 'hosted', conductingNode: JINGXING });

    // Only the ordered organizations: another of the peer's is not this node's to inspect.
    const { body: localRounds } = await federation.http(JINGXING, 'GET', '/rounds');
    const localRound = localRounds.find(
      (r: { parentRoundId: string }) => r.parentRoundId === roundId,
    );
    const other = await federation.http(JINGXING, 'POST', `/rounds/${localRound.id}/inspections`, {
      organizationCode: `${XINGTANG}-002`,
      ownerNode: XINGTANG,
      organizationName: 'x',
      organizationCategory: 'township',
    });
    expect(other.status).toBe(409);

    // A member from the inspected jurisdiction is recused, with the reason.
    const local = await person(JINGXING, { name: '李四', homeJurisdiction: XINGTANG });
    const recused = await federation.http(JINGXING, 'PUT', `/inspections/${inspection.id}/team`, {
      leaderId: await person(JINGXING),
      memberIds: [local],
    });
    expect(recused.status).toBe(409);
    expect(recused.body.error).toBe('RECUSAL');
    expect(recused.body.message).toContain('李四来自被巡察地区 130125');

    const before = (await coverage(XINGTANG)).own;
    await inspectAndFeedBack(JINGXING, inspection.id, await person(JINGXING));
    await waitFor('the inspected county to get the credit', async () => {
      const { own } = await coverage(XINGTANG);
      return own.coveredCross === before.coveredCross + 1 && own.covered === before.covered + 1;
    });
    expect((await coverage(JINGXING)).own.coveredCross).toBe(0);
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
    expect(await supervisedBy()).toBe(JINGXING);
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

  it('refuses a cross order for an organization the inspected node does not have', async () => {
    const roundId = await round(CITY, { theme: '交叉巡察（补充）' });
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
  });

  it('refuses a cross order from a node that is not a common ancestor, as a dead letter with the reason', async () => {
    const payload: CrossOrderedV1 = {
      orderId: uuidv7(),
      round: { roundId: uuidv7(), type: 'regular', theme: '伪造', ...window },
      visitingNode: XINGTANG,
      inspectedNode: ZHENGDING,
      organizationCodes: [`${ZHENGDING}-001`],
    };
    const letter = await refusedBy(federation, {
      target: ZHENGDING,
      issuer: XINGTANG,
      type: CrossOrderedV1.type,
      payload,
    });
    expect(letter.reasonCode).toBe('NOT_AUTHORIZED');
    expect(letter.reason).toContain('ancestor');
    const { body } = await federation.http(ZHENGDING, 'GET', '/inspections');
    expect(body.some((i: { crossOrderId: string }) => i.crossOrderId === payload.orderId)).toBe(
      false,
    );
  });

  it('seconds a person along the tree: requested, approved, then on the borrowing node’s team', async () => {
    const lent = await person(CITY, {
      name: '赵六',
      sourceBody: 'audit',
      homeUnitName: '石家庄市审计局',
    });
    const sibling = await federation.http(JINGXING, 'POST', '/secondments', {
      lendingNode: ZHENGDING,
      personId: lent,
      startsOn: '2026-11-01',
      endsOn: '2027-06-30',
      purpose: '跟班学习',
    });
    expect(sibling.status).toBe(409);
    expect(sibling.body.error).toBe('NOT_ALONG_THE_TREE');

    const requested = await federation.http(JINGXING, 'POST', '/secondments', {
      lendingNode: CITY,
      personId: lent,
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
    });
    expect((await federation.http(CITY, 'POST', `/secondments/${pending.id}/approve`)).status).toBe(
      201,
    );
    const again = await federation.http(CITY, 'POST', `/secondments/${pending.id}/approve`);
    expect(again.body.error).toBe('ALREADY_DECIDED');

    const borrowed = await waitFor('the person to join the borrowing pool', async () => {
      const { body } = await federation.http(JINGXING, 'GET', `/personnel/${lent}`);
      return body.lentBy === CITY ? body : undefined;
    });
    expect(borrowed).toMatchObject({ name: '赵六', sourceBodyLabel: '审计机关' });
    const roundId = await round(JINGXING, { theme: '借调人员参加' });
    const scheduled = await federation.http(JINGXING, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: `${JINGXING}-004`,
    });
    const team = await federation.http(JINGXING, 'PUT', `/inspections/${scheduled.body.id}/team`, {
      leaderId: await person(JINGXING),
      memberIds: [lent],
    });
    expect(team.status).toBe(200);
    expect(team.body.team).toContainEqual(
      expect.objectContaining({ name: '赵六', lentBy: CITY, role: 'member' }),
    );

    // Outside the secondment's dates the person may not serve.
    const later = await round(JINGXING, {
      theme: '下半年',
      windowStart: '2027-07-01',
      windowEnd: '2027-08-31',
    });
    const lateInspection = await federation.http(JINGXING, 'POST', `/rounds/${later}/inspections`, {
      organizationCode: `${JINGXING}-003`,
    });
    const outside = await federation.http(
      JINGXING,
      'PUT',
      `/inspections/${lateInspection.body.id}/team`,
      {
        leaderId: lent,
        memberIds: [],
      },
    );
    expect(outside.body.error).toBe('OUTSIDE_SECONDMENT');

    // A decline reaches the borrower with its reason.
    const second = await federation.http(XINGTANG, 'POST', '/secondments', {
      lendingNode: CITY,
      personId: lent,
      startsOn: '2026-11-01',
      endsOn: '2027-01-31',
      purpose: '跟班学习',
    });
    await waitFor('the city to receive the second request', async () => {
      const { body } = await federation.http(CITY, 'GET', '/secondments');
      return body.some((s: { id: string }) => s.id === second.body.id);
    });
    await federation.http(CITY, 'POST', `/secondments/${second.body.id}/decline`, {
      reason: '任务繁重',
    });
    await waitFor('the borrower to hear the decline', async () => {
      const { body } = await federation.http(XINGTANG, 'GET', '/secondments');
      const s = body.find((x: { id: string }) => x.id === second.body.id);
      return s?.status === 'declined' && s.reason === '任务繁重';
    });
  });

  it('refuses a secondment request from a node off the line, as a dead letter', async () => {
    const lent = await person(ZHENGDING);
    const payload: SecondmentRequestedV1 = {
      secondmentId: uuidv7(),
      personId: lent,
      from: '2026-12-01',
      to: '2027-01-31',
      purpose: '跨县借调',
    };
    const letter = await refusedBy(federation, {
      target: ZHENGDING,
      issuer: JINGXING,
      type: SecondmentRequestedV1.type,
      payload,
    });
    expect(letter.reasonCode).toBe('NOT_AUTHORIZED');
  });

  it('plans a rotation among the counties that repeats none of the previous round’s pairs', async () => {
    const previous = await round(CITY, { theme: '上一轮交叉巡察' });
    const order = await federation.http(CITY, 'POST', '/cross-orders', {
      roundId: previous,
      assignments: [
        {
          visitingNode: JINGXING,
          inspectedNode: ZHENGDING,
          organizationCodes: [`${ZHENGDING}-001`],
        },
        {
          visitingNode: ZHENGDING,
          inspectedNode: XINGTANG,
          organizationCodes: [`${XINGTANG}-002`],
        },
      ],
    });
    expect(order.status).toBe(201);
    const { status, body: plan } = await federation.http(CITY, 'POST', '/cross-orders/plan', {
      peers: HEBEI_COUNTIES,
      previousRoundId: previous,
    });
    expect(status).toBe(201);
    expect(plan.feasible).toBe(true);
    const pairs = plan.assignments.map(
      (a: { visitingNode: string; inspectedNode: string }) =>
        `${a.visitingNode}>${a.inspectedNode}`,
    );
    expect(pairs).toHaveLength(3);
    expect(pairs).not.toContain(`${JINGXING}>${ZHENGDING}`);
    expect(pairs).not.toContain(`${ZHENGDING}>${XINGTANG}`);
    const two = await federation.http(CITY, 'POST', '/cross-orders/plan', {
      peers: [JINGXING, ZHENGDING],
    });
    expect(two.body.feasible).toBe(false);
    expect(two.body.reasons.join(' ')).toContain('reciprocal');
    const bad = await federation.http(CITY, 'POST', '/cross-orders/plan', { peers: ['13012'] });
    expect(bad.status).toBe(400);
  });

  it('has the peer refuse a reciprocal order even when its ancestor sends one', async () => {
    const roundId = await round(CITY, { theme: '交叉巡察（互查检查）' });
    const first = await federation.http(CITY, 'POST', '/cross-orders', {
      roundId,
      assignments: [
        {
          visitingNode: ZHENGDING,
          inspectedNode: JINGXING,
          organizationCodes: [`${JINGXING}-002`],
        },
      ],
    });
    expect(first.status).toBe(201);
    await waitFor('the order to reach the inspected county', async () => {
      const { body } = await federation.http(JINGXING, 'GET', `/cross-orders?roundId=${roundId}`);
      return body.length === 1;
    });
    // The city's API would refuse the reverse order; sign one with the city's own key anyway.
    const [{ last_seq }] = await federation
      .dataSource(CITY)
      .query(`SELECT last_seq FROM sequence_counter WHERE audience = $1`, [`node:${JINGXING}`]);
    const letter = await refusedBy(federation, {
      target: JINGXING,
      issuer: CITY,
      seq: Number(last_seq) + 1,
      type: CrossOrderedV1.type,
      payload: {
        orderId: uuidv7(),
        round: { roundId, type: 'regular', theme: '交叉巡察（互查检查）', ...window },
        visitingNode: JINGXING,
        inspectedNode: ZHENGDING,
        organizationCodes: [`${ZHENGDING}-002`],
      },
    });
    expect(letter.reasonCode).toBe('CONFLICT');
    expect(letter.reason).toContain('reciprocal');
  });

  it('answers bad input with 400 naming each field, and stores nothing', async () => {
    const { status, body } = await federation.http(CITY, 'POST', '/rounds', {
      type: 'weekly',
      theme: '',
      windowStart: '2026-13-01',
    });
    expect(status).toBe(400);
    const text = JSON.stringify(body);
    for (const field of ['type', 'theme', 'windowStart', 'windowEnd'])
      expect(text).toContain(field);
    const rounds = (await federation.http(CITY, 'GET', '/rounds')).body as Array<{ theme: string }>;
    expect(rounds.some((r) => r.theme === '')).toBe(false);
  });
});
