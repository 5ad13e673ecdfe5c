import { NODE_LAUNCHER } from '../src/launch';
import { uuidv7 } from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import {
  HEBEI_COUNTIES,
  HEBEI_SAMPLE_TREE,
  importOrganizations,
  waitFor,
  waitForRegistrations,
} from './support';
import { answerSchema, departures, OpenApi, PlanningCalls, Schema } from './planning/helpers';

/**
 * Planning over HTTP on two running nodes, the city and one of its counties (central and the
 * province are provisioned, not started): what the routes check before a use case runs (400
 * naming each field, nothing stored), enumerations given by their Chinese labels, refusals
 * naming nodes in Chinese with the English beside, and the OpenAPI document of every route.
 */
describe('planning over HTTP', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 4),
  });
  const CITY = '130100';
  const COUNTY = '130121';
  const planning = new PlanningCalls(federation);
  const { names, window } = planning;

  beforeAll(async () => {
    await federation.start({ except: ['000000', '130000'] });
    await waitForRegistrations(federation, CITY);
  });
  afterAll(() => federation.stop());

  const fieldsOf = (body: { fields: Array<{ field: string }> }) =>
    body.fields.map((f) => f.field).sort();

  it('answers bad input with 400 naming each field, and stores nothing', async () => {
    const rounds = async () => (await federation.http(COUNTY, 'GET', '/rounds')).body.length;
    const before = await rounds();
    const bad = await federation.http(COUNTY, 'POST', '/rounds', {
      type: 'weekly',
      theme: '',
      windowStart: '2026-13-01',
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['theme', 'type', 'windowEnd', 'windowStart']);
    // An empty theme is said to be empty once, not also "长度至少 1 个字符".
    expect(bad.body.fields.find((f: { field: string }) => f.field === 'theme').problems).toEqual([
      '不能为空，也不能只有空格',
    ]);
    expect(await rounds()).toBe(before);

    const [organization] = names.registry(COUNTY, ['党政机关部门']);
    await importOrganizations(federation, COUNTY, [organization]);
    const roundId = await planning.round(COUNTY);
    // A name typed by the caller is not taken: the owner's registry decides.
    const typed = await federation.http(COUNTY, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode: organization[0],
      organizationName: '随手写的名称',
    });
    expect(typed.status).toBe(400);
    expect(fieldsOf(typed.body)).toEqual(['organizationName']);
    const { body: detail } = await federation.http(COUNTY, 'GET', `/rounds/${roundId}`);
    expect(detail.inspections).toEqual([]);

    const plan = await federation.http(CITY, 'POST', '/cross-orders/plan', { peers: ['13012'] });
    expect(plan.status).toBe(400);
    expect(fieldsOf(plan.body)).toEqual(['peers']);
  });

  it('refuses a member listed twice on a team before any rule runs, and forms no team', async () => {
    const [organization] = names.registry(COUNTY, ['党政机关部门']);
    await importOrganizations(federation, COUNTY, [organization]);
    const scheduled = await federation.http(
      COUNTY,
      'POST',
      `/rounds/${await planning.round(COUNTY)}/inspections`,
      {
        organizationCode: organization[0],
      },
    );
    expect(scheduled.status).toBe(201);
    const [leader, member] = [await planning.addPerson(COUNTY), await planning.addPerson(COUNTY)];
    const twice = await federation.http(COUNTY, 'PUT', `/inspections/${scheduled.body.id}/team`, {
      leaderId: leader,
      memberIds: [member, member],
    });
    expect(twice.status).toBe(400);
    expect(fieldsOf(twice.body)).toEqual(['memberIds']);
    expect(
      (await federation.http(COUNTY, 'GET', `/inspections/${scheduled.body.id}`)).body.team,
    ).toEqual([]);
  });

  it('takes enumerations by their Chinese labels and refuses text that is only spaces', async () => {
    for (const [given, type] of [
      ['专项', 'thematic'],
      ['常规巡察', 'regular'],
      ['回头看', 'follow_up'],
    ]) {
      const created = await federation.http(COUNTY, 'POST', '/rounds', {
        type: given,
        theme: names.next(`按中文类型建立的轮次（${given}）`),
        ...window,
      });
      expect(created.status).toBe(201);
      expect(created.body.type).toBe(type);
    }
    const audit = await federation.http(COUNTY, 'POST', '/personnel', {
      name: '审计人员',
      sourceBody: '审计机关',
      homeJurisdiction: COUNTY,
      homeUnitName: '井陉县审计局',
    });
    expect(audit.status).toBe(201);
    expect(audit.body).toMatchObject({ sourceBody: 'audit', sourceBodyLabel: '审计机关' });

    const rows = names.registry(COUNTY, ['村', '社区']);
    await importOrganizations(federation, COUNTY, rows);
    const { status, body: villages } = await federation.http(
      COUNTY,
      'GET',
      `/coverage/organizations?limit=1000&category=${encodeURIComponent('村')}&status=${encodeURIComponent('未覆盖')}`,
    );
    expect(status).toBe(200);
    expect(villages.map((v: { code: string }) => v.code)).toContain(rows[0][0]);
    for (const row of villages) expect(row).toMatchObject({ category: 'village', covered: false });
    const { body: remaining } = await federation.http(
      COUNTY,
      'GET',
      `/coverage/organizations/export?format=csv&status=${encodeURIComponent('未覆盖')}`,
    );
    expect(remaining).toContain(`${rows[1][0]},${rows[1][1]},社区,未覆盖`);

    const blank = await federation.http(COUNTY, 'POST', '/rounds', {
      type: 'regular',
      theme: '   ',
      ...window,
    });
    expect(blank.status).toBe(400);
    expect(fieldsOf(blank.body)).toEqual(['theme']);
    const blankPerson = await federation.http(COUNTY, 'POST', '/personnel', {
      name: ' ',
      sourceBody: 'discipline',
      homeJurisdiction: COUNTY,
      homeUnitName: '　',
    });
    expect(blankPerson.status).toBe(400);
    expect(fieldsOf(blankPerson.body)).toEqual(['homeUnitName', 'name']);
  });

  it('names nodes by name and code in its refusals, in Chinese with the English beside it', async () => {
    const refused = await federation.http(CITY, 'POST', '/cross-orders', {
      roundId: await planning.round(CITY),
      assignments: [{ visitingNode: COUNTY, inspectedNode: '130000', organizationCodes: ['x'] }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('NOT_COMMON_ANCESTOR');
    expect(refused.body.message).toContain('河北省（130000）');
    expect(refused.body.message).toContain('石家庄市（130100）');
    expect(refused.body.messageEn).toContain('130000 is not below 130100');
    const peer = await federation.http(COUNTY, 'GET', `/federation/nodes/${CITY}/organizations`);
    expect(peer.status).toBe(409);
    expect(peer.body).toMatchObject({ error: 'NOT_A_DESCENDANT' });
    expect(peer.body.message).toContain(`石家庄市（${CITY}）不是本节点井陉县（${COUNTY}）的下级`);
    const missing = await federation.http(CITY, 'GET', `/rounds/${uuidv7()}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'ROUND_NOT_FOUND' });
    expect(missing.body.message).toMatch(/^本节点没有编号为 /);
    const unknown = await federation.http(COUNTY, 'POST', '/personnel', {
      name: '郑十一',
      sourceBody: 'discipline',
      homeJurisdiction: COUNTY,
      homeUnitName: '井陉县纪委监委',
      username: 'no-such-account',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ error: 'UNKNOWN_ACCOUNT' });
    expect(unknown.body.message).toContain(`井陉县（${COUNTY}）`);
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

    // Something to answer with on each node: registries, a term, a linked round, an
    // inspection, a person, a secondment between the two.
    for (const node of [CITY, COUNTY])
      await importOrganizations(federation, node, names.registry(node));
    await federation.http(CITY, 'POST', '/terms', {
      name: names.next('本届'),
      startsOn: '2026-01-01',
    });
    const linked = await planning.round(CITY, { linkChildren: true });
    const [organization] = names.registry(COUNTY, ['党政机关部门']);
    await importOrganizations(federation, COUNTY, [organization]);
    const code = organization[0];
    const inspection = await federation.http(
      COUNTY,
      'POST',
      `/rounds/${await planning.round(COUNTY)}/inspections`,
      {
        organizationCode: code,
      },
    );
    const person = await planning.addPerson(COUNTY, {
      posts: [
        { nodeId: COUNTY, unitCode: code, unitName: '单位', title: '科员', from: '2019-01-01' },
      ],
    });
    const secondment = await federation.http(COUNTY, 'POST', '/secondments', {
      lendingNode: CITY,
      wanted: '审计干部 1 名',
      startsOn: '2026-12-01',
      endsOn: '2027-02-28',
      purpose: '跟班学习',
    });
    await waitFor('the city to receive the secondment request', async () => {
      const { body } = await federation.http(CITY, 'GET', '/secondments');
      return body.some((s: { id: string }) => s.id === secondment.body.id);
    });
    await waitFor('the county to acknowledge the linked round', async () => {
      const { body } = await federation.http(CITY, 'GET', `/rounds/${linked}`);
      return body.links.every((l: { acknowledgedAt: string | null }) => l.acknowledgedAt);
    });

    // What each route answers is what its documentation says, member by member.
    const checks: Array<[string, string, string, string]> = [
      [CITY, '/coverage', '/coverage', 'get'],
      [COUNTY, '/coverage', '/coverage', 'get'],
      [COUNTY, '/coverage/organizations', '/coverage/organizations', 'get'],
      [CITY, '/terms', '/terms', 'get'],
      [CITY, '/rounds', '/rounds', 'get'],
      [CITY, `/rounds/${linked}`, '/rounds/{id}', 'get'],
      [COUNTY, '/inspections', '/inspections', 'get'],
      [COUNTY, `/inspections/${inspection.body.id}`, '/inspections/{id}', 'get'],
      [COUNTY, '/personnel', '/personnel', 'get'],
      [COUNTY, `/personnel/${person}`, '/personnel/{id}', 'get'],
      [CITY, '/secondments', '/secondments', 'get'],
      [COUNTY, '/secondments', '/secondments', 'get'],
      [CITY, '/organizations', '/organizations', 'get'],
      [CITY, '/organizations/summary', '/organizations/summary', 'get'],
    ];
    for (const [node, url, path, method] of checks) {
      const { status, body } = await federation.http(node, method.toUpperCase(), url);
      expect(status).toBe(200);
      expect(Array.isArray(body) ? body.length : 1).toBeGreaterThan(0);
      expect({ url, problems: departures(doc, answerSchema(doc, path, method), body) }).toEqual({
        url,
        problems: [],
      });
    }
    // (GET /cross-orders needs two peers: checked in planning.e2e-spec.ts.)
    for (const peers of [HEBEI_COUNTIES, HEBEI_COUNTIES.slice(0, 2)]) {
      const { body } = await federation.http(CITY, 'POST', '/cross-orders/plan', { peers });
      expect(departures(doc, answerSchema(doc, '/cross-orders/plan', 'post'), body)).toEqual([]);
    }
  });
});
