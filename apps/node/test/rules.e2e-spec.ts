import { NODE_LAUNCHER } from '../src/launch';
import { chinaDate, DirectiveIssuedV1 } from '@liandong/protocol';
import { InProcessFederation } from '@liandong/local-federation';
import {
  directivePayload,
  HEBEI_SAMPLE_TREE,
  inAMonth,
  refusedBy,
  waitFor,
  waitForRegistrations,
} from './support';

const [CENTRAL, PROVINCE, CITY, COUNTY] = ['000000', '130000', '130100', '130121'];
const KEY = 'rectification.progress_report_months';
const DAY = 24 * 3600_000;

/**
 * Rules (规则) as typed, owned data: central owns the progress-report deadline; a lower tier
 * may only tighten it for its own area; the strictest version in force applies. Checked
 * where a directive is issued or relayed, and again by every receiver.
 */
describe('rules have owners and ranges, and a lower tier only tightens them', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.filter((n) => [CENTRAL, PROVINCE, CITY, COUNTY].includes(n.nodeId)),
  });
  /** The day the rules below take effect: in a month and a half, in Beijing. */
  const from = chinaDate(new Date(Date.now() + 45 * DAY));
  const dueLater = () => new Date(Date.now() + 60 * DAY).toISOString();

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
    // Central sets the rule to 3 months for the whole tree.
    const issued = await federation.http(CENTRAL, 'POST', '/directives', {
      title: '调整整改进展报告期限',
      body: '巡视反馈后3个月内报送整改进展情况。',
      scope: 'subtree',
      reportDueAt: dueLater(),
      issuedBy: '中央巡视办',
      policies: [{ key: KEY, value: 3, effectiveFrom: from }],
    });
    expect(issued.status).toBe(201);
    for (const node of [CITY, COUNTY])
      await waitFor(`${node} to have central's rule`, async () => {
        const { body } = await federation.http(node, 'GET', `/policies/${KEY}/in-force?on=${from}`);
        return body.value === 3;
      });
  });
  afterAll(() => federation.stop());

  const issue = (node: string, value: number, extra: object = {}) =>
    federation.http(node, 'POST', '/directives', {
      title: '整改进展报告期限',
      body: '本级要求。',
      scope: 'children',
      reportDueAt: dueLater(),
      issuedBy: '巡察办',
      policies: [{ key: KEY, value, effectiveFrom: from }],
      ...extra,
    });

  it('lists the catalogue with type, unit, range, owner and what is in force and who set it', async () => {
    const { status, body } = await federation.http(COUNTY, 'GET', '/policies');
    expect(status).toBe(200);
    const rule = body.find((r: { key: string }) => r.key === KEY);
    expect(rule).toMatchObject({
      label: '整改进展情况报告期限',
      unit: '个月',
      integer: true,
      min: 1,
      max: 12,
      owner: 'central',
      ownerLabel: '中央',
      stricter: 'lower',
      baseline: 2,
    });
    expect(rule.versions).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 3, setByNode: CENTRAL })]),
    );
  });

  it('refuses a city loosening central’s rule, and values of the wrong kind or range, naming the rule', async () => {
    const directivesBefore = (await federation.http(CITY, 'GET', '/directives')).body.length;
    const looser = await issue(CITY, 6);
    expect(looser.status).toBe(400);
    expect(looser.body).toMatchObject({ error: 'RULE_LOOSENED' });
    expect(looser.body.message).toContain('整改进展情况报告期限由中央设定，下级只能从严');
    expect(looser.body.message).toContain('上级现行 3 个月');
    for (const value of [-5, 0, 2.5, 13, 1e308]) {
      const refused = await issue(CITY, value);
      expect({ value, status: refused.status, error: refused.body.error }).toEqual({
        value,
        status: 400,
        error: 'RULE_INVALID',
      });
      expect(refused.body.message).toMatch(/整改进展情况报告期限须/);
    }
    const unknown = await federation.http(CITY, 'POST', '/directives', {
      title: '未知规则',
      body: '正文',
      scope: 'children',
      reportDueAt: dueLater(),
      issuedBy: '巡察办',
      policies: [{ key: 'rectification.made_up', value: 1, effectiveFrom: from }],
    });
    expect(unknown.body).toMatchObject({ error: 'RULE_INVALID' });
    expect(unknown.body.message).toContain('没有名为 rectification.made_up 的规则');
    // Nothing was issued by any of these.
    expect((await federation.http(CITY, 'GET', '/directives')).body.length).toBe(directivesBefore);
  });

  it('refuses the same loosening on relay', async () => {
    const received = await waitFor('the city to hold central’s directive', async () => {
      const { body } = await federation.http(CITY, 'GET', '/directives');
      return body.find((d: { origin: string }) => d.origin === 'received');
    });
    await federation.http(CITY, 'POST', `/directives/${received.id}/acknowledge`, {
      acknowledgedBy: '石家庄市委巡察办',
    });
    const relay = await federation.http(CITY, 'POST', `/directives/${received.id}/relay`, {
      requirements: '本市从宽掌握',
      scope: 'children',
      reportDueAt: dueLater(),
      relayedBy: '石家庄市委巡察办',
      policies: [{ key: KEY, value: 4, effectiveFrom: from }],
    });
    expect(relay.status).toBe(400);
    expect(relay.body.error).toBe('RULE_LOOSENED');
    const late = await federation.http(CITY, 'POST', `/directives/${received.id}/relay`, {
      requirements: '按时报送',
      scope: 'children',
      reportDueAt: new Date(Date.now() - DAY).toISOString(),
      relayedBy: '石家庄市委巡察办',
    });
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ error: 'DUE_IN_THE_PAST' });
  });

  it('lets a city tighten it for its area: its counties then apply the strictest in force', async () => {
    const tighter = await issue(CITY, 2);
    expect(tighter.status).toBe(201);
    const inForce = await waitFor('the county to apply the city’s stricter rule', async () => {
      const { body } = await federation.http(COUNTY, 'GET', `/policies/${KEY}/in-force?on=${from}`);
      return body.value === 2 ? body : undefined;
    });
    expect(inForce).toMatchObject({ value: 2, setByNode: CITY, effectiveFrom: from });
    // The city's area includes the city itself: its own rule is the stricter one too.
    const atCity = await federation.http(CITY, 'GET', `/policies/${KEY}/in-force?on=${from}`);
    expect(atCity.body).toMatchObject({ value: 2, setByNode: CITY });
    // Central, the owner, loosens its base value later: the city's stricter one still holds.
    const later = chinaDate(new Date(Date.now() + 55 * DAY));
    const loosened = await federation.http(CENTRAL, 'POST', '/directives', {
      title: '再次调整整改进展报告期限',
      body: '巡视反馈后4个月内报送整改进展情况。',
      scope: 'subtree',
      reportDueAt: dueLater(),
      issuedBy: '中央巡视办',
      policies: [{ key: KEY, value: 4, effectiveFrom: later }],
    });
    expect(loosened.status).toBe(201);
    await waitFor('the county to hold central’s new version too', async () => {
      const catalogue = (await federation.http(COUNTY, 'GET', '/policies')).body;
      return catalogue.find((r: { key: string }) => r.key === KEY).versions.length === 3;
    });
    const strictest = await federation.http(COUNTY, 'GET', `/policies/${KEY}/in-force?on=${later}`);
    expect(strictest.body).toMatchObject({ value: 2, setByNode: CITY });
  });

  it('has the receiver refuse a loosening or malformed rule signed by an ancestor’s own key, as a dead letter', async () => {
    const rulePayload = (value: number): DirectiveIssuedV1 => ({
      ...directivePayload('伪造的放宽规则'),
      policies: [{ key: KEY, value, effectiveFrom: from }],
    });
    const looser = await refusedBy(federation, {
      target: COUNTY,
      issuer: PROVINCE,
      type: DirectiveIssuedV1.type,
      payload: rulePayload(6),
      seq: 1,
    });
    expect(looser.reasonCode).toBe('NOT_AUTHORIZED');
    expect(looser.reason).toContain('may only tighten');
    const fractional = await refusedBy(federation, {
      target: COUNTY,
      issuer: PROVINCE,
      type: DirectiveIssuedV1.type,
      payload: rulePayload(2.5),
      seq: 2,
    });
    expect(fractional.reasonCode).toBe('INVALID_PAYLOAD');
    // Neither was applied: the county still has the city's 2 in force.
    const { body } = await federation.http(COUNTY, 'GET', `/policies/${KEY}/in-force?on=${from}`);
    expect(body).toMatchObject({ value: 2, setByNode: CITY });
    const titles = (await federation.http(COUNTY, 'GET', '/directives')).body.map(
      (d: { title: string }) => d.title,
    );
    expect(titles).not.toContain('伪造的放宽规则');
  });

  it('refuses a report due date in the past, and returns timestamps in Beijing time', async () => {
    const past = await federation.http(PROVINCE, 'POST', '/directives', {
      title: '补报',
      body: '正文',
      scope: 'children',
      reportDueAt: new Date(Date.now() - 60_000).toISOString(),
      issuedBy: '省委巡视办',
    });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ error: 'DUE_IN_THE_PAST' });
    expect(past.body.message).toContain('截止时间已经过去');

    const due = inAMonth();
    const issued = await federation.http(PROVINCE, 'POST', '/directives', {
      title: '按期报送',
      body: '正文',
      scope: 'children',
      reportDueAt: due,
      issuedBy: '省委巡视办',
    });
    expect(issued.status).toBe(201);
    expect(issued.body.issuedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    expect(issued.body.reportDueAt).toMatch(/\+08:00$/);
    // The same instant, written in Beijing time.
    expect(Date.parse(issued.body.reportDueAt)).toBe(Date.parse(due));
  });
});
