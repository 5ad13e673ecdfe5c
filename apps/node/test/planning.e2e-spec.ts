import { NODE_LAUNCHER } from '../src/launch';
import { CrossOrderedV1, SecondmentRequestedV1, uuidv7 } from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import {
  HEBEI_COUNTIES,
  HEBEI_SAMPLE_TREE,
  importOrganizations,
  refusedBy,
  waitFor,
  waitForRegistrations,
} from './support';

/** An OpenAPI 3 document, as far as the contract check below reads it. */
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}
interface OpenApi {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * Where a value departs from its documented schema: members not documented, required
 * members missing, nulls where none are allowed, wrong types, values outside an enum.
 */
function departures(doc: OpenApi, schema: Schema, value: unknown, path = '$'): string[] {
  if (value === null)
    return schema.nullable || schema.allOf?.some((s) => s.nullable) ? [] : [`${path} is null`];
  if (schema.$ref)
    return departures(
      doc,
      doc.components.schemas[schema.$ref.split('/').pop() as string],
      value,
      path,
    );
  if (schema.allOf) return schema.allOf.flatMap((s) => departures(doc, s, value, path));
  if (schema.enum && !schema.enum.includes(value))
    return [`${path} = ${String(value)} is not in the enum`];
  if (schema.type === 'array' || schema.items) {
    if (!Array.isArray(value)) return [`${path} is not an array`];
    return value.flatMap((item, i) =>
      departures(doc, schema.items as Schema, item, `${path}[${i}]`),
    );
  }
  if (schema.properties) {
    if (typeof value !== 'object') return [`${path} is not an object`];
    const record = value as Record<string, unknown>;
    return [
      ...Object.keys(record)
        .filter((key) => !(key in (schema.properties as object)))
        .map((key) => `${path}.${key} is not documented`),
      ...(schema.required ?? [])
        .filter((key) => !(key in record))
        .map((key) => `${path}.${key} is missing`),
      ...Object.entries(schema.properties)
        .filter(([key]) => key in record)
        .flatMap(([key, s]) => departures(doc, s, record[key], `${path}.${key}`)),
    ];
  }
  const expected = schema.type === 'integer' ? 'number' : schema.type;
  return expected && typeof value !== expected
    ? [`${path} is a ${typeof value}, not ${expected}`]
    : [];
}

const TEAM_PASSWORD = 'a long team password';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * Inspection planning across tiers on real nodes, PostgreSQL and NATS: terms and coverage
 * with summaries flowing up, linked rounds, escalated (提级) and cross (交叉) inspection,
 * teams with recusal (回避), secondment (上挂下派) — and each refusal.
 */
describe('inspection planning across tiers', () => {
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: HEBEI_SAMPLE_TREE });
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

  let teams = 0;

  /**
   * Forms a team of three with accounts (leader, deputy leader, member), takes one finding
   * through the review chain (drafted with evidence, checked, signed), has the leader
   * finalize the report and the leading group decide, then gives feedback. (The rules of
   * findings and reports themselves: rectification.e2e-spec.ts.)
   */
  async function inspectAndFeedBack(node: string, inspectionId: string) {
    teams += 1;
    const member = async (role: string, roles: string[]) => {
      const username = `plan-${role}-${teams}`;
      const account = await federation.http(node, 'POST', '/users', {
        username,
        displayName: username,
        password: TEAM_PASSWORD,
        roles,
      });
      expect(account.status).toBe(201);
      const id = await person(node, { name: `${role}${teams}`, username });
      const call = async (method: string, path: string, body?: unknown) =>
        federation.httpAs(
          node,
          await federation.signIn(node, username, TEAM_PASSWORD),
          method,
          path,
          body,
        );
      return { id, call, username };
    };
    const leader = await member('leader', ['team_leader']);
    const deputy = await member('deputy', ['team_member']);
    const drafter = await member('member', ['team_member']);
    const team = await federation.http(node, 'PUT', `/inspections/${inspectionId}/team`, {
      leaderId: leader.id,
      deputyLeaderId: deputy.id,
      memberIds: [drafter.id],
    });
    expect(team.status).toBe(200);
    const finding = await drafter.call('POST', `/inspections/${inspectionId}/findings`, {
      title: '会议记录不全',
      facts: '2026年党委会议记录缺少讨论情况。',
      basis: '《中国共产党党委（党组）理论学习中心组学习规则》',
    });
    expect(finding.status).toBe(201);
    const evidence = await fetch(
      `${federation.node(node).url}/findings/${finding.body.id}/evidence?filename=${encodeURIComponent('记录.pdf')}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/pdf',
          authorization: `Bearer ${await federation.signIn(node, drafter.username, TEAM_PASSWORD)}`,
        },
        body: PDF,
      },
    );
    expect(evidence.status).toBe(201);
    expect((await deputy.call('POST', `/findings/${finding.body.id}/check`)).status).toBe(201);
    expect((await leader.call('POST', `/findings/${finding.body.id}/sign`)).status).toBe(201);
    const report = await leader.call('POST', `/inspections/${inspectionId}/reports`, {
      summary: '巡察报告：发现问题 1 个。',
    });
    expect(report.status).toBe(201);
    const decision = await federation.http(node, 'POST', `/reports/${report.body.id}/decision`, {
      decision: '同意，按程序反馈。',
    });
    expect(decision.status).toBe(201);
    const feedback = await federation.http(node, 'POST', `/inspections/${inspectionId}/feedback`, {
      summary: '反馈意见：发现问题 1 个，限期整改。',
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
    await inspectAndFeedBack(JINGXING, scheduled.body.id);
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
    const { body: coveredFile } = await federation.http(
      JINGXING,
      'GET',
      '/coverage/organizations/export?format=csv&status=covered',
    );
    // 实施单位 names the conducting node, not a bare code.
    expect(coveredFile).toMatch(
      new RegExp(`已覆盖,本级巡察,\\d{4}-\\d{2}-\\d{2},井陉县（${JINGXING}）`),
    );
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
    await inspectAndFeedBack(XINGTANG, scheduled.body.id);
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
    // The city picks from the county's own registry, read live from the county.
    const picked = await federation.http(
      CITY,
      'GET',
      `/federation/nodes/${ZHENGDING}/organizations?q=${encodeURIComponent('村党支部')}&category=村`,
    );
    expect(picked.status).toBe(200);
    expect(picked.body).toMatchObject({
      nodeId: ZHENGDING,
      nodeLabel: `正定县（${ZHENGDING}）`,
      total: 1,
      organizations: [
        { code: `${ZHENGDING}-003`, name: `${ZHENGDING}某村党支部`, category: 'village' },
      ],
    });
    const escalated = await federation.http(CITY, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: picked.body.organizations[0].code,
      ownerNode: ZHENGDING,
    });
    expect(escalated.status).toBe(201);
    expect(escalated.body).toMatchObject({
      mode: 'escalated',
      status: 'requested',
      organizationName: `${ZHENGDING}某村党支部`,
      organizationCategory: 'village',
    });
    // A name typed by the caller is no longer taken: the owner's registry decides.
    const typed = await federation.http(CITY, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: `${ZHENGDING}-002`,
      ownerNode: ZHENGDING,
      organizationName: '随手写的名称',
    });
    expect(typed.status).toBe(400);
    const missing = await federation.http(CITY, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: 'no-such-code',
      ownerNode: ZHENGDING,
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'ORGANIZATION_NOT_FOUND' });
    expect(missing.body.message).toContain(
      `正定县（${ZHENGDING}）的对象库中没有代码为 no-such-code`,
    );
    // A county may not read its peer's registry, nor the city a node outside its subtree.
    const peer = await federation.http(
      JINGXING,
      'GET',
      `/federation/nodes/${ZHENGDING}/organizations`,
    );
    expect(peer.status).toBe(409);
    expect(peer.body.error).toBe('NOT_A_DESCENDANT');
    await waitFor('the owner to accept the escalation', async () => {
      const { body } = await federation.http(CITY, 'GET', `/inspections/${escalated.body.id}`);
      return body.status === 'planned';
    });
    const { body: orgs } = await federation.http(ZHENGDING, 'GET', '/coverage/organizations');
    const village = orgs.find((o: { code: string }) => o.code === `${ZHENGDING}-003`);
    expect(village.note).toBe(`提级巡察：由石家庄市（${CITY}）实施`);

    const ownRound = await round(ZHENGDING);
    const duplicate = await federation.http(ZHENGDING, 'POST', `/rounds/${ownRound}/inspections`, {
      organizationCode: `${ZHENGDING}-003`,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toBe('ESCALATED_BY_ANCESTOR');
    expect(duplicate.body.message).toContain(CITY);

    // Refused by the owner when the event arrives: one it has meanwhile scheduled itself.
    const ownScheduled = await federation.http(
      ZHENGDING,
      'POST',
      `/rounds/${ownRound}/inspections`,
      {
        organizationCode: `${ZHENGDING}-004`,
      },
    );
    expect(ownScheduled.status).toBe(201);
    const refused = await federation.http(CITY, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: `${ZHENGDING}-004`,
      ownerNode: ZHENGDING,
    });
    expect(refused.status).toBe(201);
    const settled = await waitFor('the owner to refuse a second inspection', async () => {
      const { body } = await federation.http(CITY, 'GET', `/inspections/${refused.body.id}`);
      return body.status === 'refused' ? body : undefined;
    });
    expect(settled.refusalReason).toMatch(/^CONFLICT: /);
    const notBelow = await federation.http(
      JINGXING,
      'POST',
      `/rounds/${await round(JINGXING)}/inspections`,
      {
        organizationCode: `${ZHENGDING}-001`,
        ownerNode: ZHENGDING,
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
    await inspectAndFeedBack(CITY, escalated.body.id);
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
    await inspectAndFeedBack(ZHENGDING, again.body.id);
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
    await inspectAndFeedBack(JINGXING, inspection.id);
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
    expect(two.body.reasons[0]).toContain(
      `只能互查（井陉县（${JINGXING}）查正定县（${ZHENGDING}）`,
    );
    expect(two.body.reasonsEn.join(' ')).toContain('reciprocal');
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

  it('takes enumerations by their Chinese labels and refuses text that is only spaces', async () => {
    for (const [given, type] of [
      ['专项', 'thematic'],
      ['常规巡察', 'regular'],
      ['回头看', 'follow_up'],
    ]) {
      const created = await federation.http(JINGXING, 'POST', '/rounds', {
        type: given,
        theme: `按中文类型建立的轮次（${given}）`,
        ...window,
      });
      expect(created.status).toBe(201);
      expect(created.body.type).toBe(type);
    }
    const audit = await federation.http(JINGXING, 'POST', '/personnel', {
      name: '审计人员',
      sourceBody: '审计机关',
      homeJurisdiction: JINGXING,
      homeUnitName: '井陉县审计局',
    });
    expect(audit.status).toBe(201);
    expect(audit.body).toMatchObject({ sourceBody: 'audit', sourceBodyLabel: '审计机关' });
    const { status, body: villages } = await federation.http(
      JINGXING,
      'GET',
      `/coverage/organizations?category=${encodeURIComponent('村')}&status=${encodeURIComponent('未覆盖')}`,
    );
    expect(status).toBe(200);
    expect(villages.length).toBeGreaterThan(0);
    for (const row of villages) expect(row).toMatchObject({ category: 'village', covered: false });

    const blank = await federation.http(JINGXING, 'POST', '/rounds', {
      type: 'regular',
      theme: '   ',
      ...window,
    });
    expect(blank.status).toBe(400);
    expect(blank.body.fields.map((f: { field: string }) => f.field)).toEqual(['theme']);
    const blankPerson = await federation.http(JINGXING, 'POST', '/personnel', {
      name: ' ',
      sourceBody: 'discipline',
      homeJurisdiction: JINGXING,
      homeUnitName: '　',
    });
    expect(blankPerson.status).toBe(400);
    expect(blankPerson.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'homeUnitName',
      'name',
    ]);
  });

  it('refuses dates out of order, one person in two team roles and unknown accounts, naming the field', async () => {
    const backwards = await federation.http(JINGXING, 'POST', '/rounds', {
      type: 'regular',
      theme: '结束早于开始',
      windowStart: '2027-03-01',
      windowEnd: '2027-02-28',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toBe('BAD_WINDOW');
    expect(backwards.body.message).toContain('windowEnd');
    const term = await federation.http(JINGXING, 'POST', '/terms', {
      name: '倒置的届期',
      startsOn: '2040-01-01',
      endsOn: '2039-01-01',
    });
    expect(term.status).toBe(400);
    expect(term.body.error).toBe('BAD_TERM');
    const secondment = await federation.http(JINGXING, 'POST', '/secondments', {
      lendingNode: CITY,
      personId: uuidv7(),
      startsOn: '2027-03-01',
      endsOn: '2027-01-01',
      purpose: '日期倒置',
    });
    expect(secondment.status).toBe(400);
    expect(secondment.body.error).toBe('BAD_DATES');
    expect(secondment.body.message).toContain('endsOn');

    const post = {
      nodeId: JINGXING,
      unitCode: `${JINGXING}-001`,
      unitName: '党委办公室',
      title: '科员',
    };
    const before = (await federation.http(JINGXING, 'GET', '/personnel')).body.length;
    const reversed = await federation.http(JINGXING, 'POST', '/personnel', {
      name: '吴十',
      sourceBody: 'organization',
      homeJurisdiction: JINGXING,
      homeUnitName: '井陉县委组织部',
      posts: [
        { ...post, from: '2015-01-01', to: '2016-12-31' },
        { ...post, from: '2019-01-01', to: '2018-06-30' },
      ],
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error).toBe('DATES_OUT_OF_ORDER');
    expect(reversed.body.message).toContain('posts[1].to');
    expect(reversed.body.messageEn).toContain('posts[1].to');

    const unknown = await federation.http(JINGXING, 'POST', '/personnel', {
      name: '郑十一',
      sourceBody: 'discipline',
      homeJurisdiction: JINGXING,
      homeUnitName: '井陉县纪委监委',
      username: 'no-such-account',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toBe('UNKNOWN_ACCOUNT');
    expect(unknown.body.message).toContain('井陉县（130121）');
    expect(unknown.body.message).toContain('no-such-account');
    expect((await federation.http(JINGXING, 'GET', '/personnel')).body.length).toBe(before);
    const account = await federation.http(JINGXING, 'POST', '/users', {
      username: 'planning-member',
      displayName: '郑十一',
      password: 'a long enough password',
      roles: ['team_member'],
    });
    expect(account.status).toBe(201);
    const linked = await federation.http(JINGXING, 'POST', '/personnel', {
      name: '郑十一',
      sourceBody: 'discipline',
      homeJurisdiction: JINGXING,
      homeUnitName: '井陉县纪委监委',
      username: 'planning-member',
    });
    expect(linked.status).toBe(201);
    expect(linked.body.username).toBe('planning-member');

    const roundId = await round(JINGXING, { theme: '组队检查' });
    const scheduled = await federation.http(JINGXING, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: `${JINGXING}-001`,
    });
    expect(scheduled.status).toBe(201);
    const [leader, deputy, member] = [
      await person(JINGXING, { name: '组长甲' }),
      await person(JINGXING, { name: '副组长乙' }),
      await person(JINGXING, { name: '成员丙' }),
    ];
    for (const [team, field] of [
      [{ leaderId: leader, memberIds: [member, leader] }, 'memberIds'],
      [{ leaderId: leader, deputyLeaderId: leader, memberIds: [member] }, 'deputyLeaderId'],
      [{ leaderId: leader, deputyLeaderId: deputy, memberIds: [deputy, member] }, 'memberIds'],
    ] as const) {
      const refused = await federation.http(
        JINGXING,
        'PUT',
        `/inspections/${scheduled.body.id}/team`,
        team,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('TEAM_ROLES_OVERLAP');
      expect(refused.body.message).toContain(field);
    }
    const twice = await federation.http(JINGXING, 'PUT', `/inspections/${scheduled.body.id}/team`, {
      leaderId: leader,
      memberIds: [member, member],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.fields.map((f: { field: string }) => f.field)).toEqual(['memberIds']);
    expect(
      (await federation.http(JINGXING, 'GET', `/inspections/${scheduled.body.id}`)).body.team,
    ).toEqual([]);
    const formed = await federation.http(
      JINGXING,
      'PUT',
      `/inspections/${scheduled.body.id}/team`,
      {
        leaderId: leader,
        deputyLeaderId: deputy,
        memberIds: [member],
      },
    );
    expect(formed.status).toBe(200);
    expect(
      formed.body.team.map((m: { name: string; role: string }) => `${m.role}:${m.name}`).sort(),
    ).toEqual(['deputy_leader:副组长乙', 'leader:组长甲', 'member:成员丙']);
  });

  it('names nodes by name and code in its refusals, in Chinese with the English beside it', async () => {
    const roundId = await round(CITY, { theme: '交叉巡察（命名检查）' });
    const refused = await federation.http(CITY, 'POST', '/cross-orders', {
      roundId,
      assignments: [{ visitingNode: JINGXING, inspectedNode: '130000', organizationCodes: ['x'] }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('NOT_COMMON_ANCESTOR');
    expect(refused.body.message).toContain('河北省（130000）');
    expect(refused.body.message).toContain('石家庄市（130100）');
    expect(refused.body.messageEn).toContain('130000 is not below 130100');
    const missing = await federation.http(CITY, 'GET', `/rounds/${uuidv7()}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'ROUND_NOT_FOUND' });
    expect(missing.body.message).toMatch(/^本节点没有编号为 /);
  });

  it('documents every planning route with a summary and the exact shape of its answer', async () => {
    const { body: doc } = await federation.http<OpenApi>(CITY, 'GET', '/api/docs-json');
    const tags = [
      'organization registry (对象库)',
      'terms and coverage (届期与全覆盖)',
      'rounds and inspections (轮次与巡察)',
      'cross inspection (交叉巡察)',
      'personnel pool and secondment (干部人才库与上挂下派)',
    ];
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.tags?.some((t: string) => tags.includes(t)))
        .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(29);
    for (const { route, op } of operations) {
      expect(`${route}: ${op.summary ?? ''}`).toMatch(/: \S/);
      const success = ['200', '201', '202'].map((code) => op.responses[code]).find(Boolean);
      expect(`${route}: ${Object.keys(success?.content ?? {}).join(',')}`).toMatch(/: \S/);
      for (const content of Object.values(success.content) as Array<{ schema: Schema }>)
        expect(`${route}: ${JSON.stringify(content.schema)}`).not.toMatch(/: \{\}$/);
    }
    const schemas = doc.components.schemas as Record<string, any>;
    expect(schemas.PostDto.properties.to).toMatchObject({ type: 'string', nullable: true });
    expect(schemas.PostDto.required).not.toContain('to');
    expect(schemas.PersonDto.properties.homeUnitCode).toMatchObject({
      type: 'string',
      nullable: true,
    });
    expect(schemas.RegistrySummaryView.properties.byCategory.items).toEqual({
      $ref: '#/components/schemas/CategoryCountView',
    });

    // What each route answers is what its documentation says, member by member.
    const answer = (path: string, method: string) =>
      doc.paths[path][method].responses[method === 'get' ? '200' : '201'].content[
        'application/json'
      ].schema as Schema;
    const { body: rounds } = await federation.http(CITY, 'GET', '/rounds');
    const linked = rounds.find((r: { theme: string }) => r.theme === '乡村振兴专项巡察');
    const { body: inspections } = await federation.http(JINGXING, 'GET', '/inspections');
    const { body: pool } = await federation.http(JINGXING, 'GET', '/personnel');
    const checks: Array<[string, string, string, string]> = [
      [CITY, '/coverage', '/coverage', 'get'],
      [JINGXING, '/coverage', '/coverage', 'get'],
      [ZHENGDING, '/coverage/organizations', '/coverage/organizations', 'get'],
      [CITY, '/terms', '/terms', 'get'],
      [CITY, '/rounds', '/rounds', 'get'],
      [CITY, `/rounds/${linked.id}`, '/rounds/{id}', 'get'],
      [JINGXING, '/inspections', '/inspections', 'get'],
      [JINGXING, `/inspections/${inspections[0].id}`, '/inspections/{id}', 'get'],
      [CITY, '/cross-orders', '/cross-orders', 'get'],
      [JINGXING, '/personnel', '/personnel', 'get'],
      [JINGXING, `/personnel/${pool[0].id}`, '/personnel/{id}', 'get'],
      [CITY, '/secondments', '/secondments', 'get'],
      [JINGXING, '/secondments', '/secondments', 'get'],
      [CITY, '/organizations', '/organizations', 'get'],
      [CITY, '/organizations/summary', '/organizations/summary', 'get'],
    ];
    for (const [node, url, path, method] of checks) {
      const { status, body } = await federation.http(node, method.toUpperCase(), url);
      expect(status).toBe(200);
      expect(Array.isArray(body) ? body.length : 1).toBeGreaterThan(0);
      expect({ url, problems: departures(doc, answer(path, method), body) }).toEqual({
        url,
        problems: [],
      });
    }
    for (const peers of [HEBEI_COUNTIES, [JINGXING, ZHENGDING]]) {
      const { body } = await federation.http(CITY, 'POST', '/cross-orders/plan', { peers });
      expect(departures(doc, answer('/cross-orders/plan', 'post'), body)).toEqual([]);
    }
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

  it('says a county that does not answer is unreachable, naming it, rather than guessing its registry', async () => {
    const roundId = await round(CITY, { theme: '提级巡察（下级节点离线）' });
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
          { organizationCode: `${XINGTANG}-003`, ownerNode: XINGTANG },
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
