import { randomUUID } from 'node:crypto';
import { SettableClock } from '@liandong/messaging';
import { InProcessFederation } from '@liandong/local-federation';
import { EvaluationAggregatedV1 } from '@liandong/protocol';
import { QUESTIONNAIRE_V1 } from '@liandong/evaluation';
import { NODE_LAUNCHER } from '../src/launch';
import { RectificationFederation } from './rectification/federation-helpers';
import { count, HEBEI_SAMPLE_TREE, refusedBy, waitFor, waitForRegistrations } from './support';

const CITY = '130100';
const COUNTY = '130121';
const SIBLING = '130123';

type Choices = Record<string, number | 'yes' | 'no'>;

/** The answers the cadres give: varied, so that every count of the aggregate means something. */
const ANSWERS: Array<{ choices: Choices; comment?: string }> = [
  { choices: choices(5, 'no'), comment: '巡察组工作扎实，作风严谨。' },
  { choices: choices(4, 'no') },
  { choices: choices(5, 'no'), comment: '希望加强反馈后的指导。' },
  { choices: choices(3, 'yes') },
  { choices: choices(2, 'no') },
];

function choices(rating: number, yesNo: 'yes' | 'no'): Choices {
  return Object.fromEntries(
    QUESTIONNAIRE_V1.items.map((item) => [item.key, item.kind === 'rating' ? rating : yesNo]),
  );
}

/**
 * 后评估 on real nodes, PostgreSQL and NATS: after feedback the inspected organization's node
 * opens a questionnaire round with one-time codes; cadres answer on the public page without
 * signing in; on closing, only an aggregate of at least five answers leaves, to the node that
 * conducted the inspection, which keeps it in its team's record. Each test builds its own data.
 */
describe('post-evaluation of teams across the federation', () => {
  const clock = new SettableClock(new Date('2026-11-20T02:00:00Z'));
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.filter((n) => n.nodeId !== '130125'),
    clock,
  });
  const build = new RectificationFederation(federation, clock);

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
  });
  afterAll(() => federation.stop());

  /** The public page's calls: no token at all. */
  const publicCall = (node: string, path: string, body: unknown) =>
    federation.httpAs(node, undefined, 'POST', path, body);
  const answer = (node: string, code: string, a: { choices: Choices; comment?: string }) =>
    publicCall(node, '/evaluation/answer', { code, ...a });

  /** An escalated inspection of a county organization by the city, through to feedback. */
  const escalatedWithFeedback = async (name: string) => {
    const code = await build.organization(COUNTY, name);
    const team = await build.team(CITY, code, COUNTY);
    await waitFor('the county to accept the escalation', async () => {
      const { body } = await federation.http(CITY, 'GET', `/inspections/${team.id}`);
      return body.status === 'planned';
    });
    await build.signedFinding(team, '落实中央八项规定精神不到位');
    await build.reportAndFeedback(CITY, team);
    await waitFor('the county to hear the feedback', async () => {
      const { body } = await federation.http(COUNTY, 'GET', '/evaluation/inspections');
      return (body as Array<{ inspectionId: string }>).find((i) => i.inspectionId === team.id);
    });
    return team;
  };

  const open = async (node: string, inspectionId: string, codes: number) => {
    const opened = await federation.http(node, 'POST', '/evaluation/rounds', {
      inspectionId,
      codes,
    });
    expect(opened.status).toBe(201);
    return opened.body as { id: string; codes: string[]; state: string };
  };

  const aggregatedSent = (node: string, inspectionId: string) =>
    count(
      federation,
      node,
      `SELECT 1 FROM outbox WHERE event_type = $1 AND envelope LIKE '%' || $2 || '%'`,
      [EvaluationAggregatedV1.type, inspectionId],
    );

  it('keeps the answers apart from the codes and people: hashes only, no tying column, a code answers once', async () => {
    const team = await escalatedWithFeedback('井陉县某局党组');
    const round = await open(COUNTY, team.id, 6);
    expect(round.codes).toHaveLength(6);
    expect(new Set(round.codes).size).toBe(6);
    // Only hashes are stored: no code, in any spelling, is anywhere in the code table.
    const stored = await federation
      .dataSource(COUNTY)
      .query(`SELECT * FROM evaluation_code WHERE round_id = $1`, [round.id]);
    expect(stored).toHaveLength(6);
    const dump = JSON.stringify(stored);
    for (const code of round.codes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace(/-/g, ''));
    }
    for (const row of stored) expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    // The answers table has no column that could tie an answer to a code, a user or a moment.
    const columns = await federation
      .dataSource(COUNTY)
      .query(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'evaluation_answer' ORDER BY column_name`,
      );
    expect(columns).toEqual([
      { column_name: 'answered_on', data_type: 'date' },
      { column_name: 'choices', data_type: 'jsonb' },
      { column_name: 'comment', data_type: 'text' },
      { column_name: 'id', data_type: 'uuid' },
      { column_name: 'round_id', data_type: 'uuid' },
    ]);

    // The public page opens the questionnaire with a code, in Chinese, without signing in.
    const form = await publicCall(COUNTY, '/evaluation/answer/form', {
      code: round.codes[0].toLowerCase(),
    });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({
      organizationName: '井陉县某局党组',
      conductingNodeName: '石家庄市',
      questionnaire: { version: 1, title: '巡视巡察组纪律作风情况评价表' },
    });
    expect(form.body.questionnaire.items.map((i: { text: string }) => i.text)).toContain(
      '廉洁自律情况',
    );

    expect((await answer(COUNTY, round.codes[0], ANSWERS[0])).status).toBe(201);
    const again = await answer(COUNTY, round.codes[0], ANSWERS[1]);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'CODE_USED' });
    expect(again.body.message).toContain('只能使用一次');
    const unknown = await answer(COUNTY, 'AAAA-CCCC-DDDD', ANSWERS[1]);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('CODE_UNKNOWN');
    const incomplete = await answer(COUNTY, round.codes[1], { choices: { eight_rules: 5 } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error).toBe('ANSWER_INVALID');
    // A refused answer used up nothing: the same code answers now.
    expect((await answer(COUNTY, round.codes[1], ANSWERS[1])).status).toBe(201);

    const answers = await federation
      .dataSource(COUNTY)
      .query(`SELECT * FROM evaluation_answer WHERE round_id = $1`, [round.id]);
    expect(answers).toHaveLength(2);
    expect(answers.map((a: { answered_on: unknown }) => a.answered_on)).toBeDefined();
    const used = await federation
      .dataSource(COUNTY)
      .query(`SELECT used FROM evaluation_code WHERE round_id = $1 AND used`, [round.id]);
    expect(used).toHaveLength(2);
    // The audit says an answer came in for the round — with nothing about the code.
    const audit = await federation
      .dataSource(COUNTY)
      .query(
        `SELECT actor, detail FROM audit_entry WHERE action = 'evaluation.answer_received' AND subject_id = $1`,
        [round.id],
      );
    expect(audit).toHaveLength(2);
    for (const entry of audit) {
      expect(entry.actor).toBe('anonymous');
      for (const code of round.codes) expect(JSON.stringify(entry)).not.toContain(code);
    }
  });

  it('sends nothing for four answers: only the count and “答卷不足 5 份，不予统计”', async () => {
    const team = await escalatedWithFeedback('井陉县某乡党委');
    const round = await open(COUNTY, team.id, 8);
    for (const [n, a] of ANSWERS.slice(0, 4).entries())
      expect((await answer(COUNTY, round.codes[n], a)).status).toBe(201);
    const view = await federation.http(COUNTY, 'GET', `/evaluation/rounds/${round.id}`);
    expect(view.body).toMatchObject({ state: 'open', answers: 4, result: null });

    const closed = await federation.http(COUNTY, 'POST', `/evaluation/rounds/${round.id}/close`);
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({
      state: 'closed',
      answers: 4,
      sentTo: null,
      result: {
        answers: 4,
        shown: false,
        message: '答卷不足 5 份，不予统计',
        items: [],
        comments: [],
      },
    });
    const [row] = await federation
      .dataSource(COUNTY)
      .query(`SELECT aggregate, comments FROM evaluation_round WHERE id = $1`, [round.id]);
    expect(row).toEqual({ aggregate: null, comments: null });
    expect(await aggregatedSent(COUNTY, team.id)).toBe(0);
    // Closed for good: no more answers, no second round to compare with.
    const late = await answer(COUNTY, round.codes[5], ANSWERS[4]);
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('ROUND_CLOSED');
    expect(late.body.message).toContain('评价已经结束');
    const second = await federation.http(COUNTY, 'POST', '/evaluation/rounds', {
      inspectionId: team.id,
      codes: 5,
    });
    expect(second.status).toBe(409);
    expect(second.body.error).toBe('EVALUATION_ROUND_EXISTS');
    const { body: teams } = await federation.http(CITY, 'GET', '/evaluation/teams');
    expect(JSON.stringify(teams)).not.toContain(team.id);
  });

  it('sends the aggregate of five answers to the conducting city, equal to the answers, in the team’s record', async () => {
    const team = await escalatedWithFeedback('井陉县某镇党委');
    const round = await open(COUNTY, team.id, 6);
    for (const [n, a] of ANSWERS.entries())
      expect((await answer(COUNTY, round.codes[n], a)).status).toBe(201);
    const closed = await federation.http(COUNTY, 'POST', `/evaluation/rounds/${round.id}/close`);
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ answers: 5, sentTo: CITY, sentToName: '石家庄市' });
    expect(closed.body.result.shown).toBe(true);
    expect(await aggregatedSent(COUNTY, team.id)).toBe(1);

    // What the answers add up to, counted here by hand: ratings 5, 4, 5, 3, 2; yes once.
    const expectedRating = { counts: [0, 1, 1, 1, 2], mean: 3.8, satisfiedShare: 60 };
    const expectedYesNo = { counts: [1, 4], mean: null, satisfiedShare: 80 };
    const expected = QUESTIONNAIRE_V1.items.map((item) => ({
      key: item.key,
      ...(item.kind === 'rating' ? expectedRating : expectedYesNo),
    }));
    const comments = ['巡察组工作扎实，作风严谨。', '希望加强反馈后的指导。'].sort((a, b) =>
      a.localeCompare(b, 'zh-CN'),
    );

    const record = await waitFor('the city to receive the evaluation', async () => {
      const { body } = await federation.http(CITY, 'GET', '/evaluation/teams');
      return (body as any[]).find((t) =>
        t.rounds.some((r: { inspectionId: string }) => r.inspectionId === team.id),
      );
    });
    expect(record.leaderName).toMatch(/^组长/);
    const evaluation = record.rounds.find(
      (r: { inspectionId: string }) => r.inspectionId === team.id,
    );
    expect(evaluation).toMatchObject({
      organizationName: '井陉县某镇党委',
      mode: 'escalated',
      fromNode: COUNTY,
      fromNodeName: '井陉县',
      codesIssued: 6,
      answers: 5,
      overallMean: 3.8,
      comments,
    });
    expect(
      evaluation.items.map((i: any) => ({
        key: i.key,
        counts: i.counts,
        mean: i.mean,
        satisfiedShare: i.satisfiedShare,
      })),
    ).toEqual(expected);
    expect(evaluation.items[0]).toMatchObject({
      text: QUESTIONNAIRE_V1.items[0].text,
      choices: ['很不满意', '不满意', '一般', '满意', '很满意'],
    });
    // The county's own view of the result is the same aggregate.
    expect(closed.body.result.items.map((i: any) => i.counts)).toEqual(
      expected.map((i) => i.counts),
    );
    // The team's record, by its leader.
    const one = await federation.http(CITY, 'GET', `/evaluation/teams/${record.leaderId}`);
    expect(one.status).toBe(200);
    expect(one.body.rounds.map((r: { inspectionId: string }) => r.inspectionId)).toContain(team.id);
    // Nothing of a single answer reached the city.
    expect(await count(federation, CITY, `SELECT 1 FROM evaluation_answer`)).toBe(0);
  });

  it('keeps the evaluation of the county’s own team at the county; no event leaves', async () => {
    const team = await build.team(COUNTY, await build.organization(COUNTY, '井陉县某局党委'));
    await build.signedFinding(team, '财务管理不规范');
    await build.reportAndFeedback(COUNTY, team);
    const round = await open(COUNTY, team.id, 5);
    for (const [n, a] of ANSWERS.entries())
      expect((await answer(COUNTY, round.codes[n], a)).status).toBe(201);
    const closed = await federation.http(COUNTY, 'POST', `/evaluation/rounds/${round.id}/close`);
    expect(closed.body).toMatchObject({ answers: 5, sentTo: null, result: { shown: true } });
    expect(await aggregatedSent(COUNTY, team.id)).toBe(0);
    const { body } = await federation.http(COUNTY, 'GET', '/evaluation/teams');
    const evaluation = (body as any[])
      .flatMap((t) => t.rounds)
      .find((r: { inspectionId: string }) => r.inspectionId === team.id);
    expect(evaluation).toMatchObject({ mode: 'own', fromNode: COUNTY, answers: 5 });
  });

  it('dead-letters an aggregate forged by a node that does not host the inspected organization', async () => {
    const team = await escalatedWithFeedback('井陉县某村党支部');
    // The sibling county's next number to the city, from its own counter.
    const [[{ seq }]] = await federation
      .dataSource(SIBLING)
      .query(
        `UPDATE sequence_counter SET last_seq = last_seq + 1 WHERE audience = $1 RETURNING last_seq AS seq`,
        [`node:${CITY}`],
      );
    const payload: EvaluationAggregatedV1 = {
      inspectionId: team.id,
      roundId: randomUUID(),
      questionnaireVersion: 1,
      codesIssued: 5,
      answers: 5,
      closedOn: '2026-11-20',
      items: QUESTIONNAIRE_V1.items.map((item) => ({
        key: item.key,
        ...(item.kind === 'rating'
          ? { counts: [5, 0, 0, 0, 0], mean: 1, satisfiedShare: 0 }
          : { counts: [5, 0], mean: null, satisfiedShare: 0 }),
      })),
      comments: ['巡察组作风很差。'],
    };
    const letter = await refusedBy(federation, {
      target: CITY,
      issuer: SIBLING,
      seq: Number(seq),
      type: EvaluationAggregatedV1.type,
      payload,
      issuedAt: clock.now(),
    });
    expect(letter.reasonCode).toBe('NOT_AUTHORIZED');

    // The host itself may not send an aggregate of fewer than five answers either.
    const [[{ seq: hostSeq }]] = await federation
      .dataSource(COUNTY)
      .query(
        `UPDATE sequence_counter SET last_seq = last_seq + 1 WHERE audience = $1 RETURNING last_seq AS seq`,
        [`node:${CITY}`],
      );
    const four = await refusedBy(federation, {
      target: CITY,
      issuer: COUNTY,
      seq: Number(hostSeq),
      type: EvaluationAggregatedV1.type,
      payload: {
        ...payload,
        answers: 4,
        items: payload.items.map((i) => ({ ...i, counts: i.counts.map((c) => (c ? 4 : 0)) })),
      },
      issuedAt: clock.now(),
    });
    expect(four.reasonCode).toBe('INVALID_PAYLOAD');
    expect(
      await count(federation, CITY, `SELECT 1 FROM received_evaluation WHERE inspection_id = $1`, [
        team.id,
      ]),
    ).toBe(0);
  });
});
