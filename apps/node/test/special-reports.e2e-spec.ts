import { InProcessFederation } from '@liandong/local-federation';
import { SettableClock } from '@liandong/messaging';
import { chinaDate, SpecialReportSubmittedV1, uuidv7 } from '@liandong/protocol';
import { NODE_LAUNCHER } from '../src/launch';
import { RectificationFederation, unique } from './rectification/federation-helpers';
import { count, HEBEI_SAMPLE_TREE, refusedBy, waitFor, waitForRegistrations } from './support';

const PROVINCE = '130000';
const CITY = '130100';
const JINGXING = '130121';
const ZHENGDING = '130123';

/**
 * 专题报告 on real nodes: 井陉县's office writes to its party committee and to 石家庄市, resting
 * on its own signed findings, which stay at the county; the city receives the report and the
 * finding count only; the reports count in the county's annual statistics.
 */
describe('special reports', () => {
  const clock = new SettableClock(new Date());
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 5),
    clock,
  });
  const world = new RectificationFederation(federation, clock);

  beforeAll(async () => {
    await federation.start({ except: ['000000'] });
    await waitForRegistrations(federation, CITY);
  }, 180_000);
  afterAll(() => federation.stop());

  const write = (body: object) => federation.http(JINGXING, 'POST', '/special-reports', body);

  it("goes to the party committee or an ancestor, resting on the county's signed findings only", async () => {
    const code = await world.organization(JINGXING, `井陉县某镇党委${unique()}`);
    const team = await world.team(JINGXING, code);
    const title = `村级集体资金管理不规范${unique()}`;
    const signed = await world.signedFinding(team, title);
    const drafted = await team.member('POST', `/inspections/${team.id}/findings`, {
      title: '尚在起草的问题',
      facts: '事实。',
    });
    const report = {
      title: '关于村级集体“三资”管理问题的专题报告',
      body: '本轮巡察发现，部分村集体资金管理不规范。建议……',
      findingIds: [signed],
    };

    const committee = await write({ ...report, addressee: '本级党委' });
    expect(committee.status).toBe(201);
    expect(committee.body).toMatchObject({
      addressee: 'party_committee',
      toNode: null,
      findingCount: 1,
    });
    const up = await write({ ...report, addressee: 'ancestor', toNode: CITY });
    expect(up.status).toBe(201);

    const received = await waitFor('石家庄市 to receive the report', async () => {
      const { body } = await federation.http(CITY, 'GET', '/special-reports');
      return body.received.find((r: { id: string }) => r.id === up.body.id);
    });
    expect(received).toMatchObject({
      fromNode: JINGXING,
      fromNodeName: '井陉县',
      title: report.title,
      findingCount: 1,
      findingIds: [],
    });
    // The findings stayed at the county: nothing of the finding went up with the report, whose
    // own words did (so the search below does find what is there).
    expect(
      await count(federation, JINGXING, `SELECT 1 FROM outbox WHERE envelope LIKE $1`, [
        `%${report.title}%`,
      ]),
    ).toBe(1);
    expect(
      await count(federation, JINGXING, `SELECT 1 FROM outbox WHERE envelope LIKE $1`, [
        `%${title}%`,
      ]),
    ).toBe(0);

    // Refused, nothing stored: a sibling is not an ancestor; a finding not yet signed; a
    // committee report naming a node; a report to an ancestor naming none.
    const before = await count(federation, JINGXING, 'SELECT 1 FROM special_report');
    const sibling = await write({ ...report, addressee: 'ancestor', toNode: ZHENGDING });
    expect([sibling.status, sibling.body.error]).toEqual([400, 'NOT_AN_ANCESTOR']);
    const unsigned = await write({
      ...report,
      addressee: 'party_committee',
      findingIds: [drafted.body.id],
    });
    expect([unsigned.status, unsigned.body.error]).toEqual([409, 'FINDING_NOT_SIGNED']);
    const named = await write({ ...report, addressee: 'party_committee', toNode: CITY });
    expect([named.status, named.body.error]).toEqual([400, 'TO_NODE_NOT_EXPECTED']);
    const unnamed = await write({ ...report, addressee: 'ancestor' });
    expect(unnamed.status).toBe(400);
    expect(JSON.stringify(unnamed.body)).toContain('toNode');
    expect(await count(federation, JINGXING, 'SELECT 1 FROM special_report')).toBe(before);

    // Both count in the county's annual statistics.
    const year = Number(chinaDate(clock.now()).slice(0, 4));
    const { body: statistics } = await federation.http(JINGXING, 'GET', `/statistics/${year}`);
    expect(statistics.figures.find((r: { key: string }) => r.key === 'special_reports').own).toBe(
      2,
    );
  });

  it('is refused to a dead letter when it comes from above', async () => {
    const forged: SpecialReportSubmittedV1 = {
      reportId: uuidv7(),
      title: '伪造的专题报告',
      body: '正文',
      findingCount: 0,
      submittedAt: clock.now().toISOString(),
      submittedBy: '冒名者',
    };
    const refused = await refusedBy(federation, {
      target: CITY,
      issuer: PROVINCE,
      type: SpecialReportSubmittedV1.type,
      payload: forged,
      issuedAt: clock.now(),
    });
    expect(refused.reasonCode).toBe('NOT_AUTHORIZED');
    expect(
      await count(federation, CITY, 'SELECT 1 FROM special_report WHERE id = $1', [
        forged.reportId,
      ]),
    ).toBe(0);
  });
});
