import { NODE_LAUNCHER } from '../src/launch';
import ExcelJS from 'exceljs';
import { SettableClock } from '@liandong/messaging';
import { InProcessFederation } from '@liandong/local-federation';
import { HEBEI_SAMPLE_TREE, importOrganizations, waitFor, waitForRegistrations } from './support';

const [CENTRAL, PROVINCE, CITY, COUNTY] = ['000000', '130000', '130100', '130121'];
const DAY = 86_400_000;

/**
 * What the console reads besides the planning and rectification routes: the node's own name
 * before sign-in, the to-dos of the signed-in person with their colours, the directive's
 * subtree as a tree, the registry page by page with its template, the audit log narrowed,
 * passwords reset by an administrator, and how every node of the subtree is doing.
 */
describe('the API the console reads', () => {
  const clock = new SettableClock(new Date('2026-12-01T02:00:00Z'));
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.filter((n) => [CENTRAL, PROVINCE, CITY, COUNTY].includes(n.nodeId)),
    clock,
  });

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
  });
  afterAll(() => federation.stop());

  it('names the node and its sign-in options to a caller without a token', async () => {
    const identity = await federation.httpAs(COUNTY, undefined, 'GET', '/federation/identity');
    expect(identity).toMatchObject({
      status: 200,
      body: { nodeId: COUNTY, name: '井陉县', tier: 'county', tierLabel: '县级' },
    });
    const options = await federation.httpAs(COUNTY, undefined, 'GET', '/auth/options');
    expect(options).toEqual({ status: 200, body: { oidc: null } });
  });

  it('lists each person’s to-dos in three colours, and draws the directive’s subtree as a tree', async () => {
    const issued = await federation.http(CENTRAL, 'POST', '/directives', {
      title: '关于报送巡察工作情况的通知',
      body: '请于期限前报送。',
      scope: 'subtree',
      reportDueAt: new Date(clock.now().getTime() + 15 * DAY).toISOString(),
      issuedBy: '中央巡视办',
    });
    expect(issued.status).toBe(201);
    const id = issued.body.id as string;
    const todo = await waitFor('the county to have it to acknowledge', async () => {
      const { body } = await federation.http(COUNTY, 'GET', '/workbench');
      return body.items.find((i: { subjectId: string }) => i.subjectId === id);
    });
    expect(todo).toMatchObject({
      kind: 'directive.acknowledge',
      kindLabel: '待签收的部署',
      detail: `中央（${CENTRAL}）下发，请签收`,
      daysLeft: 15,
      level: 'normal',
      levelLabel: '正常',
      subjectType: 'directive',
    });
    await federation.http(COUNTY, 'POST', `/directives/${id}/acknowledge`, {
      acknowledgedBy: '井陉县委巡察办',
    });
    clock.advance(6 * DAY);
    const { body: later } = await federation.http(COUNTY, 'GET', '/workbench');
    expect(later.items.find((i: { subjectId: string }) => i.subjectId === id)).toMatchObject({
      kind: 'directive.report',
      daysLeft: 9,
      level: 'due_soon',
      levelLabel: '临近期限',
    });
    expect(later.cards).toContainEqual({
      kind: 'directive.report',
      kindLabel: '待报告落实情况',
      count: 1,
      overdue: 0,
      dueSoon: 1,
    });
    // A viewer has nothing to do with directives.
    await federation.http(COUNTY, 'POST', '/users', {
      username: 'viewer1',
      displayName: '统计员',
      password: 'a long viewer password',
      roles: ['viewer'],
    });
    const viewer = await federation.signIn(COUNTY, 'viewer1', 'a long viewer password');
    const nothing = await federation.httpAs(COUNTY, viewer, 'GET', '/workbench');
    expect(nothing.body).toEqual({ cards: [], items: [] });

    await federation.http(COUNTY, 'POST', `/directives/${id}/report`, {
      reportedBy: '井陉县委巡察办',
      summary: '已按要求落实',
    });
    clock.advance(10 * DAY);
    const { body: status } = await waitFor('central to see the report', async () => {
      const answer = await federation.http(CENTRAL, 'GET', `/directives/${id}/status`);
      return answer.body.totals.reported === 1 ? answer : undefined;
    });
    const byNode = new Map(status.nodes.map((n: { nodeId: string }) => [n.nodeId, n]));
    expect(byNode.get(COUNTY)).toMatchObject({
      parentId: CITY,
      state: 'reported',
      statusLabel: '已报告落实情况',
      overdue: false,
    });
    expect(byNode.get(COUNTY)).toHaveProperty('acknowledgedAt', expect.stringMatching(/\+08:00$/));
    expect(byNode.get(CITY)).toMatchObject({ parentId: PROVINCE, state: 'delivered' });
    expect(byNode.get(CITY)).toMatchObject({ overdue: true, statusLabel: '已送达未签收（逾期）' });
    // Central's office is told who is late.
    const { body: central } = await federation.http(CENTRAL, 'GET', '/workbench');
    expect(central.items.find((i: { subjectId: string }) => i.subjectId === id)).toMatchObject({
      kind: 'directive.late_below',
      detail: '2 个下级节点逾期未报告落实情况，请督促',
      level: 'overdue',
      levelLabel: '已逾期',
    });
  });

  it('pages the registry with its total, and gives a template with a guide sheet', async () => {
    await federation.signIn(COUNTY); // the clock moved on: a fresh token
    await importOrganizations(
      federation,
      COUNTY,
      Array.from({ length: 25 }, (_, i) => [
        `C-${String(i + 1).padStart(3, '0')}`,
        `井陉县第${i + 1}村党支部`,
        '村',
        '',
        '县级',
      ]),
    );
    const { url, token } = federation.node(COUNTY);
    const page = await fetch(
      `${url}/organizations?limit=10&offset=20&q=${encodeURIComponent('村党支部')}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(page.headers.get('x-total-count')).toBe('25');
    expect(((await page.json()) as Array<{ code: string }>).map((o) => o.code)).toEqual([
      'C-021',
      'C-022',
      'C-023',
      'C-024',
      'C-025',
    ]);
    const template = await fetch(`${url}/organizations/template`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(template.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await template.arrayBuffer()) as unknown as ExcelJS.Buffer,
    );
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['对象库', '填写说明']);
    expect((workbook.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual([
      '代码',
      '名称',
      '类别',
      '上级代码',
      '干部管理层级',
    ]);
  });

  it('narrows the audit log by who, what and when, naming each action in Chinese', async () => {
    const today = new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const { body: directives } = await federation.http(
      COUNTY,
      'GET',
      `/audit?action=directive.&from=2026-12-01&to=${today}`,
    );
    expect(directives.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'directive.received',
        'directive.acknowledged',
        'directive.reported',
      ]),
    );
    expect(directives.every((e: { action: string }) => e.action.startsWith('directive.'))).toBe(
      true,
    );
    // Nothing was done with directives today (the clock moved on 10 days after the report).
    const { body: todays } = await federation.http(
      COUNTY,
      'GET',
      `/audit?action=directive.&from=${today}&to=${today}`,
    );
    expect(todays).toEqual([]);
    const { body: byClerk } = await federation.http(COUNTY, 'GET', '/audit?actor=user:clerk');
    expect(byClerk.map((e: { actionLabel: string }) => e.actionLabel)).toEqual(
      expect.arrayContaining(['报告落实情况', '签收部署', '导入对象库']),
    );
    const { body: none } = await federation.http(
      COUNTY,
      'GET',
      '/audit?from=2020-01-01&to=2020-01-31',
    );
    expect(none).toEqual([]);
    const bad = await federation.http(COUNTY, 'GET', '/audit?from=2026-02-30');
    expect(bad.status).toBe(400);
  });

  it('lets an administrator reset a forgotten password, closing that user’s sessions', async () => {
    const created = await federation.http(COUNTY, 'POST', '/users', {
      username: 'forgetful',
      displayName: '张三',
      password: 'the first long password',
      roles: ['inspection_office'],
    });
    const refresh = (
      await federation.httpAs(COUNTY, undefined, 'POST', '/auth/login', {
        username: 'forgetful',
        password: 'the first long password',
      })
    ).body.refreshToken;
    const reset = await federation.http(COUNTY, 'POST', `/users/${created.body.id}/password`, {
      newPassword: 'a second long password',
    });
    expect(reset.status).toBe(204);
    const old = await federation.httpAs(COUNTY, undefined, 'POST', '/auth/login', {
      username: 'forgetful',
      password: 'the first long password',
    });
    expect(old.status).toBe(401);
    expect(
      (
        await federation.httpAs(COUNTY, undefined, 'POST', '/auth/refresh', {
          refreshToken: refresh,
        })
      ).status,
    ).toBe(401);
    await federation.signIn(COUNTY, 'forgetful', 'a second long password');
    const renamed = await federation.http(COUNTY, 'PATCH', `/users/${created.body.id}`, {
      displayName: '张三丰',
    });
    expect(renamed.body).toMatchObject({ displayName: '张三丰', active: true });
    const { body: audit } = await federation.http(
      COUNTY,
      'GET',
      '/audit?action=user.password_reset',
    );
    expect(audit[0]).toMatchObject({ actionLabel: '重置用户密码', subjectId: created.body.id });
  });

  it('shows how every node of the subtree is doing, and a node that does not answer', async () => {
    const { body } = await federation.http(CITY, 'GET', '/federation/status');
    expect(
      body.map((n: { nodeId: string; reachable: boolean; healthy: boolean }) => [
        n.nodeId,
        n.reachable,
        n.healthy,
      ]),
    ).toEqual([
      [CITY, true, true],
      [COUNTY, true, true],
    ]);
    expect(body[1]).toMatchObject({ name: '井陉县', tierLabel: '县级', deadLetters24h: 0 });
    await federation.stopNode(COUNTY);
    try {
      const { body: without } = await federation.http(CITY, 'GET', '/federation/status');
      expect(without[1]).toMatchObject({
        nodeId: COUNTY,
        reachable: false,
        healthy: null,
        problems: [expect.stringMatching(/^节点没有应答/)],
      });
    } finally {
      await federation.startNode(COUNTY);
    }
  });
});
