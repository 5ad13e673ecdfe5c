import { NODE_LAUNCHER } from '../src/launch';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettableClock } from '@liandong/messaging';
import {
  createDatabase,
  dropDatabase,
  dumpDatabase,
  restoreDatabase,
} from '@liandong/local-services';
import { InProcessFederation } from '@liandong/local-federation';
import { count, HEBEI_SAMPLE_TREE, inAMonth, waitFor } from './support';

const LATE = '130125';

/** Waits until `nodeId` lists each of `expected` among the nodes of its subtree. */
async function waitForNodes(federation: InProcessFederation, nodeId: string, expected: string[]) {
  await waitFor(`${nodeId} to know ${expected.join(', ')}`, async () => {
    const { body } = await federation.http<Array<{ nodeId: string }>>(
      nodeId,
      'GET',
      '/federation/nodes',
    );
    const known = new Set(body.map((n) => n.nodeId));
    return expected.every((id) => known.has(id));
  });
}

function issue(
  federation: InProcessFederation,
  title: string,
  policies: object[] = [],
  reportDueAt = inAMonth(),
): Promise<string> {
  return federation
    .http('000000', 'POST', '/directives', {
      title,
      body: '正文',
      scope: 'subtree',
      reportDueAt,
      issuedBy: '中央巡视办',
      policies,
    })
    .then(({ status, body }) => {
      if (status !== 201) throw new Error(`issue refused: ${status} ${JSON.stringify(body)}`);
      return body.id as string;
    });
}

const holds = (federation: InProcessFederation, nodeId: string, ids: string[]) =>
  count(federation, nodeId, `SELECT 1 FROM directive WHERE id = ANY($1)`, [ids]);

/** Every directive was received exactly once: one inbox row and one audit entry each. */
async function expectOnce(federation: InProcessFederation, nodeId: string, ids: string[]) {
  expect(await holds(federation, nodeId, ids)).toBe(ids.length);
  expect(
    await count(
      federation,
      nodeId,
      `SELECT 1 FROM audit_entry WHERE action = 'directive.received' AND subject_id = ANY($1)`,
      [ids],
    ),
  ).toBe(ids.length);
  expect(
    await count(
      federation,
      nodeId,
      `SELECT 1 FROM inbox WHERE event_type = 'directive.issued.v1' AND outcome = 'applied'
         AND issuer = '000000' AND audience = 'subtree:000000'`,
    ),
  ).toBe(ids.length);
}

async function acknowledge(federation: InProcessFederation, nodeId: string, id: string) {
  const ack = await federation.http(nodeId, 'POST', `/directives/${id}/acknowledge`, {
    acknowledgedBy: `${nodeId} 巡察办`,
  });
  expect(ack.status).toBe(201);
}

const acknowledgedAtCentral = (federation: InProcessFederation, nodeId: string, id: string) =>
  waitFor(`central to see ${nodeId}'s acknowledgement of ${id}`, async () => {
    const { body } = await federation.http('000000', 'GET', `/directives/${id}/status`);
    return body.nodes.find((n: { nodeId: string }) => n.nodeId === nodeId)?.acknowledged === true;
  });

describe('a node that joins late is never cut off', () => {
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: HEBEI_SAMPLE_TREE });

  beforeAll(async () => {
    await federation.start({ except: [LATE] });
    await waitForNodes(federation, '000000', ['130000', '130100', '130121', '130123']);
  });
  afterAll(() => federation.stop());

  it('receives the subtree directives still in force when it starts, and every later one', async () => {
    const before = [
      await issue(federation, '加入前的部署一', [
        { key: 'rectification.progress_report_months', value: 3, effectiveFrom: '2026-12-01' },
      ]),
      await issue(federation, '加入前的部署二'),
    ];
    await waitFor('the other counties to hold them', async () =>
      (await holds(federation, '130121', before)) === 2 ? true : undefined,
    );
    await federation.startNode(LATE);
    await waitForNodes(federation, '000000', [LATE]);
    await waitFor('the late county to receive the directives still in force', async () =>
      (await holds(federation, LATE, before)) === 2 ? true : undefined,
    );
    const after = await issue(federation, '加入后的部署');
    await waitFor('the late county to receive the next directive', async () =>
      (await holds(federation, LATE, [after])) === 1 ? true : undefined,
    );
    await expectOnce(federation, LATE, [...before, after]);
    const rule = await federation.http(
      LATE,
      'GET',
      '/policies/rectification.progress_report_months/in-force?on=2026-12-02',
    );
    expect(rule.body).toMatchObject({ value: 3, setByNode: '000000' });
    await waitFor('central to see the late county receive it', async () => {
      const { body } = await federation.http('000000', 'GET', `/directives/${after}/status`);
      return body.nodes.find((n: { nodeId: string }) => n.nodeId === LATE)?.received === true;
    });
    expect(await count(federation, LATE, `SELECT 1 FROM held_event`)).toBe(0);
    // Central counts it among the recipients of what was in force when it joined, and hears it.
    await waitFor('central to see the late county receive an earlier directive', async () => {
      const { body } = await federation.http('000000', 'GET', `/directives/${before[0]}/status`);
      return body.nodes.find((n: { nodeId: string }) => n.nodeId === LATE)?.received === true;
    });
    await acknowledge(federation, LATE, before[0]);
    await acknowledgedAtCentral(federation, LATE, before[0]);
  });
});

describe('a late joiner whose missed directives have expired', () => {
  const clock = new SettableClock(new Date('2026-11-20T02:00:00Z'));
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE,
    clock,
  });

  beforeAll(async () => {
    await federation.start({ except: [LATE] });
    await waitForNodes(federation, '000000', ['130000', '130100', '130121', '130123']);
  });
  afterAll(() => federation.stop());

  it('starts after them, and still gets the rules they set', async () => {
    const expired = await issue(
      federation,
      '早已过期的部署',
      [{ key: 'rectification.progress_report_months', value: 3, effectiveFrom: '2026-12-01' }],
      '2026-11-30T00:00:00Z',
    );
    await waitFor('the city to hold it', async () =>
      (await holds(federation, '130100', [expired])) === 1 ? true : undefined,
    );
    clock.advance(31 * 24 * 3600_000); // past the envelope's 30-day lifetime
    await federation.startNode(LATE);
    await waitFor('the late county to get the rule in force from its parent', async () => {
      const { body } = await federation.http(
        LATE,
        'GET',
        '/policies/rectification.progress_report_months/in-force?on=2027-01-05',
      );
      return body?.value === 3 ? body : undefined;
    });
    const next = await issue(federation, '加入后的部署', [], '2027-02-01T00:00:00Z');
    await waitFor('the late county to receive the next directive', async () =>
      (await holds(federation, LATE, [next])) === 1 ? true : undefined,
    );
    // The expired directive was not applied: the county's count starts after it.
    expect(await holds(federation, LATE, [expired])).toBe(0);
    expect(
      await count(
        federation,
        LATE,
        `SELECT 1 FROM audit_entry WHERE action = 'sequence.started' AND actor = 'node:130100'`,
      ),
    ).toBeGreaterThanOrEqual(1);
    const rule = await federation.http(
      LATE,
      'GET',
      '/policies/rectification.progress_report_months/in-force?on=2027-01-05',
    );
    expect(rule.body).toMatchObject({ value: 3, setByNode: '000000' });
  });
});

describe('a county restored from a backup, or re-installed', () => {
  const federation = new InProcessFederation({ launcher: NODE_LAUNCHER, tree: HEBEI_SAMPLE_TREE });
  const dir = mkdtempSync(join(tmpdir(), 'liandong-dump-'));
  const COUNTY = '130123';

  beforeAll(async () => {
    await federation.start();
    await waitForNodes(federation, '000000', ['130121', '130123', '130125']);
  });
  afterAll(async () => {
    await federation.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function replaceDatabase(withDump?: string) {
    const node = federation.node(COUNTY);
    await federation.stopNode(COUNTY);
    const admin = federation.adminUrlOf(COUNTY);
    await dropDatabase(admin, federation.databaseName(COUNTY));
    await createDatabase(admin, federation.databaseName(COUNTY));
    if (withDump) restoreDatabase(node.databaseUrl, withDump);
    await federation.startNode(COUNTY);
  }

  it('restored from a pg_dump taken before five directives, gets all ten exactly once and is heard again', async () => {
    const dump = join(dir, 'county.dump');
    dumpDatabase(federation.node(COUNTY).databaseUrl, dump);
    const first: string[] = [];
    for (let i = 1; i <= 5; i += 1) first.push(await issue(federation, `备份后的部署${i}`));
    await waitFor('the county to receive the first five', async () =>
      (await holds(federation, COUNTY, first)) === 5 ? true : undefined,
    );
    // Its own events after the backup: the restored database will not remember them.
    await acknowledge(federation, COUNTY, first[0]);
    await acknowledge(federation, COUNTY, first[1]);
    await acknowledgedAtCentral(federation, COUNTY, first[1]);

    await replaceDatabase(dump);
    expect(
      await count(
        federation,
        COUNTY,
        `SELECT 1 FROM audit_entry WHERE action = 'node.restore_noticed'`,
      ),
    ).toBe(1);
    const second: string[] = [];
    for (let i = 1; i <= 5; i += 1) second.push(await issue(federation, `恢复后的部署${i}`));
    await waitFor(
      'the restored county to hold all ten',
      async () =>
        (await holds(federation, COUNTY, [...first, ...second])) === 10 ? true : undefined,
      { timeoutMs: 60_000 },
    );
    await expectOnce(federation, COUNTY, [...first, ...second]);
    // Its sequence to central went back with the database: central hears it again.
    await acknowledge(federation, COUNTY, second[0]);
    await acknowledgedAtCentral(federation, COUNTY, second[0]);
    expect(
      await count(federation, '000000', `SELECT 1 FROM dead_letter WHERE issuer = $1`, [COUNTY]),
    ).toBe(0);
  });

  it('re-installed with an empty database, it registers again, catches up and is heard', async () => {
    const before = await issue(federation, '重装前的部署');
    await waitFor('the county to receive it', async () =>
      (await holds(federation, COUNTY, [before])) === 1 ? true : undefined,
    );
    await replaceDatabase();
    const after = await issue(federation, '重装后的部署');
    await waitFor(
      'the re-installed county to hold the directives in force and the new one',
      async () => ((await holds(federation, COUNTY, [before, after])) === 2 ? true : undefined),
      { timeoutMs: 60_000 },
    );
    await acknowledge(federation, COUNTY, after);
    await acknowledgedAtCentral(federation, COUNTY, after);
    // The re-sent registration was taken: its ancestors saw the restart of its sequences.
    expect(
      await count(
        federation,
        '130100',
        `SELECT 1 FROM audit_entry WHERE action = 'sequence.restarted' AND actor = $1`,
        [`node:${COUNTY}`],
      ),
    ).toBeGreaterThanOrEqual(1);
  });
});
