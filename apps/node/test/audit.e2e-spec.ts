import { NODE_LAUNCHER } from '../src/launch';
import { AuditWitnessService, readAuditChain, verifyAuditChain } from '@liandong/messaging';
import { InProcessFederation } from '@liandong/local-federation';
import { HEBEI_SAMPLE_TREE, inAMonth, waitFor, waitForRegistrations } from './support';

describe('the audit log is insert-only, hash-chained and witnessed by the parent', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE,
    messaging: { auditWitnessIntervalMs: 0 },
  });
  const parentOf = (nodeId: string) => federation.node(nodeId).spec.parentId as string;

  async function verify(nodeId: string) {
    const { rows, head } = await readAuditChain(federation.dataSource(nodeId));
    const { body: witnesses } = await federation.http(
      parentOf(nodeId),
      'GET',
      `/audit/witnesses/${nodeId}`,
    );
    return verifyAuditChain(rows, head, witnesses);
  }

  /** Changes rows the way someone with database access would: triggers off, for this transaction only. */
  async function behindTheBack(nodeId: string, ...statements: string[]): Promise<void> {
    await federation.dataSource(nodeId).transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      for (const sql of statements) await manager.query(sql);
    });
  }

  const problems = async (nodeId: string) => (await verify(nodeId)).problems.map((p) => p.problem);

  beforeAll(async () => {
    await federation.start();
    await waitForRegistrations(federation, '000000');
    const { body } = await federation.http('000000', 'POST', '/directives', {
      title: '留痕测试',
      body: '正文',
      scope: 'subtree',
      reportDueAt: inAMonth(),
      issuedBy: '中央巡视办',
    });
    for (const node of HEBEI_SAMPLE_TREE.slice(1)) {
      await waitFor(
        `${node.nodeId} to receive`,
        async () =>
          (await federation.http(node.nodeId, 'GET', `/directives/${body.id}`)).status === 200,
      );
      await federation.http(node.nodeId, 'POST', `/directives/${body.id}/acknowledge`, {
        acknowledgedBy: `${node.name}巡察办`,
      });
    }
    // Every node below central sends its chain head to its parent, which keeps it.
    for (const node of HEBEI_SAMPLE_TREE.slice(1)) {
      const sent = await federation.node(node.nodeId).app?.get(AuditWitnessService).sendHead();
      expect(sent?.seq).toBeGreaterThanOrEqual(3);
      await waitFor(`${node.parentId} to witness ${node.nodeId}`, async () => {
        const { body: witnesses } = await federation.http(
          node.parentId as string,
          'GET',
          `/audit/witnesses/${node.nodeId}`,
        );
        return witnesses.some((w: { seq: number }) => w.seq === sent?.seq);
      });
    }
  });
  afterAll(() => federation.stop());

  it('verifies every untouched chain against its witnesses, and lists who did what', async () => {
    for (const node of HEBEI_SAMPLE_TREE.slice(1))
      expect(await verify(node.nodeId)).toMatchObject({
        ok: true,
        witnessesChecked: 1,
        problems: [],
      });
    const { body } = await federation.http('130121', 'GET', '/audit?limit=5');
    expect(body.map((e: { action: string }) => e.action)).toContain('directive.acknowledged');
    expect(body[0].seq).toBeGreaterThan(body[1].seq);
    expect((await federation.http('130121', 'GET', '/audit/verify')).body.ok).toBe(true);
    // Central has no parent to witness it, but its own chain (more than ten entries) must hold.
    const central = (await federation.http('000000', 'GET', '/audit/verify')).body;
    expect(central.entries).toBeGreaterThan(10);
    expect(central).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the database itself', async () => {
    const db = federation.dataSource('130000');
    await expect(db.query(`UPDATE audit_entry SET actor = 'someone else'`)).rejects.toThrow(
      /insert-only/,
    );
    await expect(db.query(`DELETE FROM audit_entry`)).rejects.toThrow(/insert-only/);
    await expect(db.query(`TRUNCATE audit_entry`)).rejects.toThrow(/insert-only/);
    await expect(db.query(`UPDATE audit_head SET seq = 0`)).rejects.toThrow(/insert-only/);
    expect((await verify('130000')).ok).toBe(true);
  });

  it('finds a row updated behind the application’s back', async () => {
    await behindTheBack(
      '130121',
      `UPDATE audit_entry SET detail = '{"summary": "改过的"}' WHERE seq = 2`,
    );
    expect(await problems('130121')).toEqual(
      expect.arrayContaining(['entry 2 was altered: its content does not match its hash']),
    );
  });

  it('finds a deleted row', async () => {
    await behindTheBack('130123', `DELETE FROM audit_entry WHERE seq = 2`);
    expect(await problems('130123')).toEqual(
      expect.arrayContaining([
        'entries 2–2 are missing',
        'entry 3 does not link to the entry before it',
      ]),
    );
  });

  it('finds reordered rows', async () => {
    await behindTheBack(
      '130125',
      `UPDATE audit_entry SET seq = -1 WHERE seq = 1`,
      `UPDATE audit_entry SET seq = 1 WHERE seq = 2`,
      `UPDATE audit_entry SET seq = 2 WHERE seq = -1`,
    );
    expect(await problems('130125')).toEqual(
      expect.arrayContaining([
        'entry 1 was altered: its content does not match its hash',
        'entry 2 was altered: its content does not match its hash',
      ]),
    );
  });

  it('finds an inserted row', async () => {
    await behindTheBack(
      '130100',
      `INSERT INTO audit_entry (occurred_at, actor, action, subject_type, subject_id, detail, seq, prev_hash, hash)
       SELECT now(), 'user:冒名', 'directive.acknowledged', 'directive', 'x', '{}', seq + 1, hash, repeat('a', 64) FROM audit_head`,
    );
    const found = await problems('130100');
    expect(found.some((p) => /^entry \d+ was altered/.test(p))).toBe(true);
    expect(found.some((p) => /^the chain head says entry/.test(p))).toBe(true);
  });

  it('finds a history rewritten with freshly computed hashes, through the parent’s witness', async () => {
    await behindTheBack(
      '130000',
      `UPDATE audit_entry SET actor = 'user:伪造' WHERE seq = 1`,
      `DO $$ DECLARE r record; prev text := repeat('0', 64); BEGIN
         FOR r IN SELECT * FROM audit_entry ORDER BY seq LOOP
           UPDATE audit_entry SET prev_hash = prev,
             hash = encode(sha256(convert_to(audit_hash_input(r.seq, r.occurred_at, r.actor, r.action, r.subject_type, r.subject_id, r.detail, prev), 'UTF8')), 'hex')
           WHERE id = r.id RETURNING hash INTO prev;
         END LOOP;
         UPDATE audit_head SET hash = prev WHERE id = 1;
       END $$`,
    );
    const { rows, head } = await readAuditChain(federation.dataSource('130000'));
    expect(verifyAuditChain(rows, head).ok).toBe(true); // consistent on its own …
    expect((await verify('130000')).problems.map((p) => p.problem)).toEqual([
      expect.stringMatching(/differs from what the parent witnessed/),
    ]); // … but not with the witness
  });
});
