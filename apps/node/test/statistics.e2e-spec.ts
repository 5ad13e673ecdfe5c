import { SettableClock } from '@liandong/messaging';
import { InProcessFederation } from '@liandong/local-federation';
import { StatisticsAcceptedV1 } from '@liandong/protocol';
import { NODE_LAUNCHER } from '../src/launch';
import { RectificationFederation } from './rectification/federation-helpers';
import {
  HEBEI_SAMPLE_TREE,
  importOrganizations,
  refusedBy,
  waitFor,
  waitForRegistrations,
} from './support';

const CENTRAL = '000000';
const PROVINCE = '130000';
const CITY = '130100';
const COUNTY = '130121';
const SIBLING = '130123';

type Row = { key: string; own: number; subtree: number; previousYear: number; change: number };
type View = {
  state: string;
  stale: boolean;
  shown: string;
  latest: { version: number; state: string; reason: string | null; returnReason: string | null };
  versions: Array<{ version: number; state: string }>;
  figures: Row[];
  children: Array<{
    nodeId: string;
    state: string;
    acceptedVersion: number | null;
    latest: { version: number } | null;
    subtree: Array<{ key: string; value: number }>;
  }>;
};

/**
 * 年度统计 on real nodes: figures computed from the records, submitted up tier by tier, accepted
 * or returned by the direct parent only, locked once accepted, corrected with a reason and
 * accepted again; totals at each tier are its own figures plus the children's accepted reports.
 * The tests build on each other in order (2025, then 2026) and move the shared clock forward.
 */
describe('annual statistics across the federation', () => {
  const clock = new SettableClock(new Date('2025-06-10T02:00:00Z'));
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.filter((n) => n.nodeId !== '130125'),
    clock,
  });
  const build = new RectificationFederation(federation, clock);

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, CENTRAL);
  });
  afterAll(() => federation.stop());

  const view = async (node: string, year: number): Promise<View> => {
    const { status, body } = await federation.http(node, 'GET', `/statistics/${year}`);
    expect(status).toBe(200);
    return body as View;
  };
  const figure = (v: View, key: string) => v.figures.find((r) => r.key === key) as Row;
  const own = (v: View) => Object.fromEntries(v.figures.map((r) => [r.key, r.own]));
  const subtree = (v: View) => Object.fromEntries(v.figures.map((r) => [r.key, r.subtree]));
  const child = (v: View, nodeId: string) => v.children.find((c) => c.nodeId === nodeId);
  const submit = (node: string, year: number, reason?: string) =>
    federation.http(node, 'POST', `/statistics/${year}/submit`, reason ? { reason } : {});
  const decide = (node: string, year: number, of: string, verb: string, body?: unknown) =>
    federation.http(node, 'POST', `/statistics/${year}/children/${of}/${verb}`, body);
  /** Waits until `parent` holds `node`'s version `version` in `state`. */
  const atParent = (parent: string, year: number, node: string, version: number, state: string) =>
    waitFor(`${parent} to hold ${node}'s ${year} v${version} ${state}`, async () => {
      const c = child(await view(parent, year), node);
      return c?.latest?.version === version && c.state === state ? c : undefined;
    });
  const ownState = (node: string, year: number, state: string) =>
    waitFor(`${node}'s ${year} report to be ${state}`, async () => {
      const v = await view(node, year);
      return v.state === state ? v : undefined;
    });
  /** Submits and has the parent accept, waiting for both ends. */
  const submitAccepted = async (node: string, parent: string, year: number, reason?: string) => {
    const submitted = await submit(node, year, reason);
    expect(submitted.status).toBe(201);
    const version = submitted.body.latest.version as number;
    await atParent(parent, year, node, version, version > 1 && reason ? 'corrected' : 'submitted');
    expect((await decide(parent, year, node, 'accept')).status).toBe(201);
    await ownState(node, year, 'accepted');
    return version;
  };

  /** An organization of `node`'s registry of a category (村, 党政机关部门 …). */
  const organization = async (node: string, name: string, category: string) => {
    const code = `S-${Math.random().toString(36).slice(2, 10)}`;
    await importOrganizations(federation, node, [[code, name, category, '', '县级']]);
    return code;
  };
  /** One inspection by `node` (of `owner`'s organization when given) through to feedback. */
  const inspect = async (node: string, code: string, owner?: string) => {
    const team = await build.team(node, code, owner);
    if (owner)
      await waitFor('the owner to accept the escalation', async () => {
        const { body } = await federation.http(node, 'GET', `/inspections/${team.id}`);
        return body.status === 'planned';
      });
    const findingId = await build.signedFinding(team, '问题');
    await build.reportAndFeedback(node, team);
    return { team, findingId };
  };

  it('computes a node’s figures from its records: organizations by category and mode, rounds, findings, clues, recommendations', async () => {
    const village = await organization(COUNTY, '井陉县某村党支部', '村');
    const department = await organization(COUNTY, '井陉县某局党组', '党政机关部门');
    const { findingId } = await inspect(COUNTY, village);
    // 提级巡察: the city's team inspects the county's department; the county is credited.
    await inspect(CITY, department, COUNTY);

    const clue = await federation.http(COUNTY, 'POST', `/findings/${findingId}/referrals`, {
      kind: 'clue',
      cadreTier: 'county',
      content: '村支书某某涉嫌优亲厚友。',
    });
    expect(clue.status).toBe(201);
    const recommendation = await federation.http(
      COUNTY,
      'POST',
      `/findings/${findingId}/referrals`,
      { kind: 'recommendation', department: '县农业农村局', content: '建议规范村级财务。' },
    );
    expect(recommendation.status).toBe(201);
    const discipline = await build.user(COUNTY, `jw${Date.now() % 100000}`, ['receiving_body']);
    await discipline('POST', `/referrals/${clue.body.id}/acknowledge`);
    const disposed = await discipline('POST', `/referrals/${clue.body.id}/disposition`, {
      disposition: '已初核。',
    });
    expect(disposed.status).toBe(201);

    const county = await waitFor('the county to count the escalated inspection', async () => {
      const v = await view(COUNTY, 2025);
      return own(v)['inspected.mode.escalated'] === 1 ? v : undefined;
    });
    expect(county).toMatchObject({ state: 'not_submitted', shown: 'draft', stale: false });
    expect(own(county)).toMatchObject({
      'inspected.total': 2,
      'inspected.category.village': 1,
      'inspected.category.department': 1,
      'inspected.mode.own': 1,
      'inspected.mode.escalated': 1,
      'inspected.mode.cross': 0,
      'rounds.total': 1,
      'rounds.type.regular': 1,
      'findings.signed': 1,
      'clues.referred': 1,
      'clues.disposed': 1,
      'rectification.items_closed': 0,
      recommendations: 1,
      special_reports: 0,
    });
    // The same as the records say, counted directly.
    const db = federation.dataSource(COUNTY);
    const [records] = await db.query(
      `SELECT (SELECT count(DISTINCT organization_code) FROM coverage_credit
                WHERE feedback_at >= '2024-12-31T16:00:00Z' AND feedback_at < '2025-12-31T16:00:00Z')::int AS inspected,
              (SELECT count(*) FROM round WHERE extract(year FROM window_start) = 2025)::int AS rounds,
              (SELECT count(*) FROM finding WHERE status = 'signed')::int AS findings`,
    );
    expect(own(county)['inspected.total']).toBe(records.inspected);
    expect(own(county)['rounds.total']).toBe(records.rounds);
    expect(own(county)['findings.signed']).toBe(records.findings);
    // The city's own: its round and its finding, no organization of its registry.
    const city = await view(CITY, 2025);
    expect(own(city)).toMatchObject({
      'inspected.total': 0,
      'rounds.total': 1,
      'findings.signed': 1,
    });
    expect(child(city, COUNTY)?.state).toBe('not_submitted');
    expect(child(city, SIBLING)?.state).toBe('not_submitted');
  });

  it('submits, returns with a reason, resubmits a new version, accepts and locks', async () => {
    const submitted = await submit(COUNTY, 2025);
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ state: 'submitted', shown: 'version' });
    expect(submitted.body.latest.version).toBe(1);
    const again = await submit(COUNTY, 2025);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('AWAITING_DECISION');

    const held = await atParent(CITY, 2025, COUNTY, 1, 'submitted');
    expect(held.subtree.find((f) => f.key === 'inspected.total')?.value).toBe(2);
    // Submitted but not accepted: not in the city's totals.
    let city = await view(CITY, 2025);
    expect(figure(city, 'inspected.total').subtree).toBe(0);

    const noReason = await decide(CITY, 2025, COUNTY, 'return', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields.map((f: { field: string }) => f.field)).toContain('reason');
    const notYours = await decide(CITY, 2025, SIBLING, 'accept');
    expect(notYours.status).toBe(404);
    expect(notYours.body.error).toBe('CHILD_REPORT_NOT_FOUND');
    const returned = await decide(CITY, 2025, COUNTY, 'return', { reason: '请核实提级巡察数' });
    expect(returned.status).toBe(201);
    expect(child(returned.body, COUNTY)?.state).toBe('returned');
    const atCounty = await ownState(COUNTY, 2025, 'returned');
    expect(atCounty.latest.returnReason).toBe('请核实提级巡察数');
    expect(atCounty.shown).toBe('draft');

    expect(await submitAccepted(COUNTY, CITY, 2025)).toBe(2);
    city = await view(CITY, 2025);
    expect(child(city, COUNTY)).toMatchObject({ state: 'accepted', acceptedVersion: 2 });
    expect(figure(city, 'inspected.total').subtree).toBe(2);
    expect(figure(city, 'findings.signed').subtree).toBe(2);
    expect((await decide(CITY, 2025, COUNTY, 'accept')).body.error).toBe('NOT_AWAITING_DECISION');

    // Locked: a new version only as a correction with a reason.
    const locked = await submit(COUNTY, 2025);
    expect(locked.status).toBe(409);
    expect(locked.body.error).toBe('REPORT_LOCKED');
    expect(locked.body.message).toContain('更正原因');
  });

  it('rolls accepted reports up to central, whose totals are the sum of the accepted reports', async () => {
    await submitAccepted(CITY, PROVINCE, 2025);
    await submitAccepted(PROVINCE, CENTRAL, 2025);
    const central = await view(CENTRAL, 2025);
    expect(central.shown).toBe('draft');
    expect(child(central, PROVINCE)).toMatchObject({ state: 'accepted' });
    expect(figure(central, 'inspected.total').subtree).toBe(2);
    expect(figure(central, 'findings.signed').subtree).toBe(2);
    expect((await submit(CENTRAL, 2025)).body.error).toBe('NO_PARENT');
    // Central's totals = its own + each child's latest accepted subtree, as stored.
    const accepted: Array<{ subtree: Record<string, number> }> = await federation
      .dataSource(CENTRAL)
      .query(
        `SELECT DISTINCT ON (node_id) subtree FROM child_statistics
          WHERE year = 2025 AND state = 'accepted' ORDER BY node_id, version DESC`,
      );
    for (const row of central.figures)
      expect(row.subtree).toBe(
        row.own + accepted.reduce((sum, a) => sum + Number(a.subtree[row.key] ?? 0), 0),
      );
  });

  it('re-approves a correction: the parent keeps the accepted figures until it accepts again, and its own report goes stale', async () => {
    await inspect(COUNTY, await organization(COUNTY, '井陉县某社区党委', '社区'));
    const corrected = await submit(COUNTY, 2025, '补报一个社区党组织的巡察');
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ state: 'corrected' });
    expect(corrected.body.latest).toMatchObject({ version: 3, reason: '补报一个社区党组织的巡察' });
    const held = await atParent(CITY, 2025, COUNTY, 3, 'corrected');
    expect(held.acceptedVersion).toBe(2);
    let city = await view(CITY, 2025);
    expect(city.stale).toBe(false);
    expect(figure(city, 'inspected.total').subtree).toBe(2);

    expect((await decide(CITY, 2025, COUNTY, 'accept')).status).toBe(201);
    await ownState(COUNTY, 2025, 'accepted');
    city = await view(CITY, 2025);
    // The city's accepted report no longer carries its subtree: shown as needing resubmission.
    expect(city).toMatchObject({ state: 'accepted', stale: true, shown: 'version' });
    expect(figure(city, 'inspected.total').subtree).toBe(2); // the frozen version
    expect((await submit(CITY, 2025)).body.error).toBe('REPORT_LOCKED');
    // Nothing was submitted for the city automatically.
    expect(child(await view(PROVINCE, 2025), CITY)?.latest?.version).toBe(1);
    expect(await submitAccepted(CITY, PROVINCE, 2025, '井陉县更正后重新汇总')).toBe(2);
    city = await view(CITY, 2025);
    expect(city.stale).toBe(false);
    expect(figure(city, 'inspected.total').subtree).toBe(3);
    expect(figure(city, 'inspected.category.community').subtree).toBe(1);
    // The province accepted it; until the province corrects, central still counts 2.
    expect(figure(await view(CENTRAL, 2025), 'inspected.total').subtree).toBe(2);
    expect((await view(PROVINCE, 2025)).stale).toBe(true);
    await submitAccepted(PROVINCE, CENTRAL, 2025, '石家庄市更正');
    expect(figure(await view(CENTRAL, 2025), 'inspected.total').subtree).toBe(3);
  });

  it('refuses a decision from a node that is not the direct parent (dead letters)', async () => {
    // Central is an ancestor of the county, but not its parent.
    const forged = await refusedBy(federation, {
      target: COUNTY,
      issuer: CENTRAL,
      type: StatisticsAcceptedV1.type,
      payload: { year: 2025, version: 3, acceptedAt: clock.now().toISOString(), acceptedBy: 'x' },
      issuedAt: clock.now(),
    });
    expect(forged.reasonCode).toBe('NOT_AUTHORIZED');
    // A peer is no ancestor at all.
    const peer = await refusedBy(federation, {
      target: COUNTY,
      issuer: SIBLING,
      type: StatisticsAcceptedV1.type,
      payload: { year: 2025, version: 3, acceptedAt: clock.now().toISOString(), acceptedBy: 'x' },
      issuedAt: clock.now(),
    });
    expect(peer.reasonCode).toBe('NOT_AUTHORIZED');
    expect((await view(COUNTY, 2025)).latest).toMatchObject({ version: 3, state: 'accepted' });
  });

  it('shows year-on-year change at central from last year’s accepted totals', async () => {
    clock.set(new Date('2026-06-10T02:00:00Z'));
    for (const node of [CENTRAL, PROVINCE, CITY, COUNTY, SIBLING]) await view(node, 2026); // signs in again
    await inspect(SIBLING, await organization(SIBLING, '正定县某村党支部', '村'));
    await submitAccepted(SIBLING, CITY, 2026);
    await submitAccepted(CITY, PROVINCE, 2026);
    await submitAccepted(PROVINCE, CENTRAL, 2026);
    const central = await view(CENTRAL, 2026);
    const city = await view(CITY, 2026);
    expect(child(city, SIBLING)?.state).toBe('accepted');
    expect(child(city, COUNTY)?.state).toBe('not_submitted');
    // 2026: 1 organization; 2025 accepted: 3 → 比上年增长 -66.7%.
    expect(figure(central, 'inspected.total')).toMatchObject({
      subtree: 1,
      previousYear: 3,
      change: -66.7,
    });
    expect(figure(central, 'inspected.category.village')).toMatchObject({
      subtree: 1,
      previousYear: 1,
      change: 0,
    });
    // No organization of this kind last year: no percentage.
    expect(figure(central, 'inspected.mode.cross')).toMatchObject({
      previousYear: 0,
      change: null,
    });
    expect(subtree(central)['findings.signed']).toBe(1);
  });
  it('refuses a stale decision from the parent itself (a dead letter)', async () => {
    // The city's next number to the county, taken from its own counter so that nothing the
    // city sends later collides with it.
    const [[{ seq }]] = await federation
      .dataSource(CITY)
      .query(
        `UPDATE sequence_counter SET last_seq = last_seq + 1 WHERE audience = $1 RETURNING last_seq AS seq`,
        [`node:${COUNTY}`],
      );
    const stale = await refusedBy(federation, {
      target: COUNTY,
      issuer: CITY,
      seq: Number(seq),
      type: StatisticsAcceptedV1.type,
      payload: { year: 2025, version: 2, acceptedAt: clock.now().toISOString(), acceptedBy: 'x' },
      issuedAt: clock.now(),
    });
    expect(stale.reasonCode).toBe('CONFLICT');
    expect(stale.reason).toContain('stale');
    expect((await view(COUNTY, 2025)).versions.map((v) => v.state)).toEqual([
      'returned',
      'accepted',
      'accepted',
    ]);
  });
  it('keeps central’s totals the sum of accepted reports when a province was partitioned while its counties worked (heal, then compare)', async () => {
    clock.set(new Date('2027-06-10T02:00:00Z'));
    for (const node of [CENTRAL, PROVINCE, CITY, COUNTY, SIBLING]) await view(node, 2027);
    await federation.stopNode(PROVINCE);
    try {
      await inspect(COUNTY, await organization(COUNTY, '井陉县某乡党委', '乡镇（街道）'));
      await submitAccepted(COUNTY, CITY, 2027);
      await submitAccepted(SIBLING, CITY, 2027);
      const submitted = await submit(CITY, 2027);
      expect(submitted.status).toBe(201); // into the outbox, the province away
      expect(figure(submitted.body, 'inspected.total').subtree).toBe(1);
    } finally {
      await federation.startNode(PROVINCE);
    }
    await atParent(PROVINCE, 2027, CITY, 1, 'submitted');
    expect((await decide(PROVINCE, 2027, CITY, 'accept')).status).toBe(201);
    await ownState(CITY, 2027, 'accepted');
    await submitAccepted(PROVINCE, CENTRAL, 2027);

    const central = await view(CENTRAL, 2027);
    expect(figure(central, 'inspected.total').subtree).toBe(1);
    expect(figure(central, 'inspected.category.township').subtree).toBe(1);
    // At every tier: totals = own + each child's latest accepted subtree, as stored there.
    for (const node of [CENTRAL, PROVINCE, CITY]) {
      const v = await view(node, 2027);
      const accepted: Array<{ subtree: Record<string, number> }> = await federation
        .dataSource(node)
        .query(
          `SELECT DISTINCT ON (node_id) subtree FROM child_statistics
            WHERE year = 2027 AND state = 'accepted' ORDER BY node_id, version DESC`,
        );
      for (const row of v.figures)
        expect(row.subtree).toBe(
          row.own + accepted.reduce((sum, a) => sum + Number(a.subtree[row.key] ?? 0), 0),
        );
    }
  });
});
