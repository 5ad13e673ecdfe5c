import { NODE_LAUNCHER } from '../src/launch';
import { InProcessFederation } from '@liandong/local-federation';
import { count, HEBEI_SAMPLE_TREE, inAMonth, waitFor, waitForRegistrations } from './support';

describe('confidential annexes are sealed to one receiving body', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 4),
  });
  const CLUE = '关于某县某局局长违规收受礼金的问题线索（测试）';
  let directiveId: string;

  const receiver = async (nodeId: string) => {
    await federation.http(nodeId, 'POST', '/users', {
      username: 'jiwei',
      displayName: '纪委监委',
      password: 'discipline password',
      roles: ['receiving_body'],
    });
    return federation.signIn(nodeId, 'jiwei', 'discipline password');
  };

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
    const { status, body } = await federation.http('000000', 'POST', '/directives', {
      title: '附密件的部署',
      body: '正文不含密件内容',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
      confidential: [{ nodeId: '130100', body: 'discipline', text: CLUE }],
    });
    expect(status).toBe(201);
    directiveId = body.id;
    for (const nodeId of ['130000', '130100', '130121']) {
      await waitFor(
        `${nodeId} to receive`,
        async () =>
          (await federation.http(nodeId, 'GET', `/directives/${directiveId}`)).status === 200,
      );
    }
  });
  afterAll(() => federation.stop());

  it('leaves only ciphertext on every node that issues, relays or stores it', async () => {
    for (const nodeId of ['000000', '130000', '130100', '130121']) {
      const plain = `%${CLUE}%`;
      expect(
        await count(
          federation,
          nodeId,
          `SELECT 1 FROM directive WHERE sealed::text LIKE $1 OR body LIKE $1`,
          [plain],
        ),
      ).toBe(0);
      expect(
        await count(federation, nodeId, `SELECT 1 FROM outbox WHERE envelope LIKE $1`, [plain]),
      ).toBe(0);
      expect(
        await count(federation, nodeId, `SELECT 1 FROM audit_entry WHERE detail::text LIKE $1`, [
          plain,
        ]),
      ).toBe(0);
      const { body } = await federation.http(nodeId, 'GET', `/directives/${directiveId}`);
      expect(body.confidentialAnnexes).toEqual([
        { recipientNode: '130100', body: 'discipline', bodyLabel: '纪检监察机关' },
      ]);
    }
  });

  it('opens only on the recipient node, for its receiving body, and audits the reading', async () => {
    const opened = await federation.httpAs(
      '130100',
      await receiver('130100'),
      'GET',
      `/directives/${directiveId}/confidential`,
    );
    expect(opened).toMatchObject({ status: 200, body: [{ body: 'discipline', text: CLUE }] });
    expect(
      await count(
        federation,
        '130100',
        `SELECT 1 FROM audit_entry WHERE action = 'directive.confidential_read' AND actor = 'user:jiwei'`,
      ),
    ).toBe(1);

    const clerk = await federation.http('130100', 'GET', `/directives/${directiveId}/confidential`);
    expect(clerk.status).toBe(403); // the office clerk is not a receiving body

    const elsewhere = await federation.httpAs(
      '130121',
      await receiver('130121'),
      'GET',
      `/directives/${directiveId}/confidential`,
    );
    expect([elsewhere.status, elsewhere.body.error]).toEqual([404, 'NOTHING_SEALED_FOR_THIS_NODE']);
  });

  it('refuses an annex for a node the directive does not reach', async () => {
    const { status, body } = await federation.http('000000', 'POST', '/directives', {
      title: '只发子节点',
      body: '正文',
      scope: 'children',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
      confidential: [{ nodeId: '130100', body: 'discipline', text: '不应发出' }],
    });
    expect([status, body.error]).toEqual([409, 'NOT_A_RECIPIENT']);
  });

  it('refuses a directive whose sealed annexes would not fit in one envelope, storing nothing', async () => {
    const before = await count(federation, '000000', `SELECT 1 FROM directive`);
    const outbox = await count(federation, '000000', `SELECT 1 FROM outbox`);
    const { status, body } = await federation.http('000000', 'POST', '/directives', {
      title: '密件过多的部署',
      body: '正文',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
      confidential: Array.from({ length: 8 }, () => ({
        nodeId: '130100',
        body: 'discipline',
        text: 'x'.repeat(100_000),
      })),
    });
    expect(status).toBe(422);
    expect(body.error).toBe('ENVELOPE_TOO_LARGE');
    expect(body.message).toContain('1000000');
    expect(await count(federation, '000000', `SELECT 1 FROM directive`)).toBe(before);
    expect(await count(federation, '000000', `SELECT 1 FROM outbox`)).toBe(outbox);
  });
});
