import { CoverageReportedV1 } from '@liandong/protocol';
import { CoverageQueries } from '../src/coverage/coverage.queries';
import { SetTerm } from '../src/coverage/use-cases/set-term.usecase';
import { CITY, JINGXING, OFFICE, PlanningFixture, refusal, START } from './planning.fixture';
import { escalate, feedbackFrom } from './tree-events';

/**
 * Coverage (全覆盖) on a county: an organization counts once it was really inspected —
 * feedback given, here or by the ancestor that escalated it — once per term, in the term the
 * feedback falls in (SetTerm); every change is reported to the parent.
 */
describe('coverage and terms', () => {
  const node = new PlanningFixture(JINGXING);
  beforeAll(() => node.start());
  afterAll(() => node.stop());
  afterEach(() => node.clock.set(START));

  const coverageOf = async (code: string) =>
    (await node.get(CoverageQueries).organizations({ limit: 1000 })).rows.find(
      (o) => o.code === code,
    );
  const own = async () => (await node.get(CoverageQueries).view()).own;
  const lastReport = async () =>
    (await node.sent<CoverageReportedV1>(CoverageReportedV1.type)).pop();

  /** The term in force on START (2026-01-01 to 2031-01-01), set unless it is. */
  const termInForce = async () => {
    const terms = await node.get(CoverageQueries).terms();
    if (!terms.some((t) => t.startsOn <= '2026-12-01' && t.endsOn > '2026-12-01'))
      await node.get(SetTerm).execute({ name: '本届', startsOn: '2026-01-01' }, OFFICE);
  };

  it('credits an own organization only when feedback is given, and tells the parent', async () => {
    const inspection = await node.ownInspection();
    const code = inspection.organizationCode;
    await node.team(inspection.id);
    const before = await own();
    expect(await coverageOf(code)).toMatchObject({ covered: false, mode: null });
    await node.feedBack(inspection.id);
    expect(await coverageOf(code)).toMatchObject({
      covered: true,
      mode: 'own',
      modeLabel: '本级巡察',
      feedbackOn: '2026-12-01',
      conductedBy: JINGXING,
    });
    const after = await own();
    expect(after).toMatchObject({ covered: before.covered + 1, coveredOwn: before.coveredOwn + 1 });
    expect(after.remaining).toBe(before.remaining - 1);
    const report = await lastReport();
    expect(report?.audience).toBe(`node:${CITY}`);
    expect(report?.payload.own).toMatchObject({
      covered: after.covered,
      coveredOwn: after.coveredOwn,
    });
    // The export names the conducting node by name and code.
    const rows = await node.get(CoverageQueries).exportTable({ status: 'covered' });
    expect(rows.find((r) => r[0] === code)).toEqual([
      code,
      inspection.organizationName,
      '党政机关部门',
      '已覆盖',
      '本级巡察',
      '2026-12-01',
      `井陉县（${JINGXING}）`,
    ]);
  });

  it('credits the owner when the escalating ancestor gives feedback — not before — and counts the organization once', async () => {
    const org = await node.organization('village');
    const { payload } = await escalate(node, CITY, org.code);
    const before = await own();
    expect(await coverageOf(org.code)).toMatchObject({
      covered: false,
      note: `提级巡察：由石家庄市（${CITY}）实施`,
    });
    const given = await feedbackFrom(node, CITY, {
      id: payload.inspectionId,
      organizationCode: org.code,
    });
    expect(given).toMatchObject({ outcome: 'applied' });
    expect(await coverageOf(org.code)).toMatchObject({
      covered: true,
      mode: 'escalated',
      conductedBy: CITY,
    });
    const credited = await own();
    expect(credited).toMatchObject({
      covered: before.covered + 1,
      coveredEscalated: before.coveredEscalated + 1,
      coveredOwn: before.coveredOwn,
    });
    // Inspected again by the county itself later in the term: still one organization covered.
    const later = await node.round({ windowStart: '2027-06-01', windowEnd: '2027-06-30' });
    const again = await node.ownInspection({ roundId: later.id, code: org.code });
    node.clock.set(new Date('2027-06-30T02:00:00Z'));
    await node.feedBack(again.id);
    expect(await own()).toMatchObject({
      covered: credited.covered,
      coveredEscalated: credited.coveredEscalated,
      coveredOwn: credited.coveredOwn,
    });
    expect(await coverageOf(org.code)).toMatchObject({ mode: 'escalated' });
  });

  it('counts a credit in the term its feedback falls in, not in the next', async () => {
    await termInForce();
    expect((await node.get(CoverageQueries).view()).term).toEqual({
      startsOn: '2026-01-01',
      endsOn: '2031-01-01',
    });
    const inspection = await node.ownInspection();
    node.clock.set(new Date('2025-12-15T02:00:00Z'));
    await node.feedBack(inspection.id);
    node.clock.set(START);
    expect(await coverageOf(inspection.organizationCode)).toMatchObject({ covered: false });
    // Given again in this term (a follow-up round), it counts.
    const followUp = await node.round({
      type: 'follow_up',
      windowStart: '2027-07-01',
      windowEnd: '2027-07-31',
    });
    const again = await node.ownInspection({
      roundId: followUp.id,
      code: inspection.organizationCode,
    });
    await node.feedBack(again.id);
    expect(await coverageOf(inspection.organizationCode)).toMatchObject({
      covered: true,
      feedbackOn: '2026-12-01',
    });
  });

  it('sets a five-year term unless told its end, refusing an end not after its start and an overlap', async () => {
    const term = await node
      .get(SetTerm)
      .execute({ name: '下一届', startsOn: '2031-01-01' }, OFFICE);
    expect(term).toMatchObject({
      name: '下一届',
      startsOn: '2031-01-01',
      endsOn: '2036-01-01',
      createdBy: OFFICE,
    });
    expect(await lastReport()).toMatchObject({ audience: `node:${CITY}` });
    const before = await node.stored();
    const backwards = await refusal(
      node
        .get(SetTerm)
        .execute({ name: '倒置', startsOn: '2040-01-01', endsOn: '2039-01-01' }, OFFICE),
    );
    expect(backwards).toMatchObject({ code: 'BAD_TERM', status: 400 });
    expect(backwards.text.zh).toContain('endsOn');
    const same = await refusal(
      node
        .get(SetTerm)
        .execute({ name: '同日', startsOn: '2040-01-01', endsOn: '2040-01-01' }, OFFICE),
    );
    expect(same).toMatchObject({ code: 'BAD_TERM' });
    const overlapping = await refusal(
      node.get(SetTerm).execute({ name: '重叠', startsOn: '2035-06-01' }, OFFICE),
    );
    expect(overlapping).toMatchObject({ code: 'TERM_OVERLAPS' });
    expect(overlapping.text.zh).toContain('“下一届”（2031-01-01 至 2036-01-01）');
    expect(await node.stored()).toEqual(before);
    // One term ends the day the next begins.
    await expect(
      node.get(SetTerm).execute({ name: '再下一届', startsOn: '2036-01-01' }, OFFICE),
    ).resolves.toMatchObject({ endsOn: '2041-01-01' });
  });
});
