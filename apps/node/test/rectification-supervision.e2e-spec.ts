import { NODE_LAUNCHER } from '../src/launch';
import { SettableClock } from '@liandong/messaging';
import { InProcessFederation } from '@liandong/local-federation';
import { chinaDate } from '@liandong/protocol';
import { Caller, RectificationFederation, unique } from './rectification/federation-helpers';

const CENTRAL = '000000';
const DAY = 86_400_000;
/** An id no rectification has. */
const NO_SUCH_ID = '0190f5b0-0000-7000-8000-000000000000';

/**
 * 整改日常监督 over HTTP on a real node: only the supervision office (监督检查室) records notes
 * of routine supervision and marks their urgings (督促事项) done; the inspection office and the
 * leading group read them in the rectification, other roles do not; a day in the future, a
 * blank content and the other refusals name their field and store nothing; the supervision
 * office's list counts the notes and the urgings open and overdue, paged.
 */
describe('routine supervision of rectification over HTTP', () => {
  const clock = new SettableClock(new Date('2026-11-20T02:00:00Z'));
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: [{ nodeId: CENTRAL, name: '中央', tier: 'central', parentId: null }],
    clock,
  });
  const build = new RectificationFederation(federation, clock);
  /** The harness's clerk: inspection office, leading group and admin. */
  const clerk = (method: string, path: string, body?: unknown) =>
    federation.http(CENTRAL, method, path, body);
  const day = (ahead: number) => chinaDate(new Date(clock.now().getTime() + ahead * DAY));

  let supervisor: Caller;
  let organization: Caller;
  let viewer: Caller;
  let rectification: { id: string; items: Array<{ id: string; problem: string }> };
  /** The feedback day (Beijing). */
  let feedbackOn: string;
  const notesPath = () => `/rectifications/${rectification.id}/supervision-notes`;

  const notesAs = async (as: Caller | typeof clerk) =>
    (await as('GET', `/rectifications/${rectification.id}`)).body.supervisionNotes;
  const noteAudits = async () =>
    (await clerk('GET', '/audit?action=rectification.supervision_noted')).body.filter(
      (e: { subjectId: string }) => e.subjectId === rectification.id,
    );
  /** The supervision office's list, as it comes with its total. */
  async function routine(query = ''): Promise<{ status: number; total: number; rows: any[] }> {
    const response = await fetch(`${federation.node(CENTRAL).url}/routine-supervision${query}`, {
      headers: { authorization: `Bearer ${await supervisor.token()}` },
    });
    return {
      status: response.status,
      total: Number(response.headers.get('x-total-count')),
      rows: (await response.json()) as any[],
    };
  }

  beforeAll(async () => {
    await federation.start();
    const tag = unique();
    supervisor = await build.user(CENTRAL, `jiandu${tag}`, ['supervision_office']);
    organization = await build.user(CENTRAL, `zuzhi${tag}`, ['organization_department']);
    viewer = await build.user(CENTRAL, `viewer${tag}`, ['viewer']);
    const team = await build.team(CENTRAL, await build.organization(CENTRAL, '某部委党组'));
    await build.signedFinding(team, '违规发放津贴补贴');
    await build.signedFinding(team, '财务管理制度不健全');
    await build.reportAndFeedback(CENTRAL, team);
    rectification = await build.rectificationOf(CENTRAL, team.id);
    feedbackOn = chinaDate(
      new Date((rectification as unknown as { feedbackAt: string }).feedbackAt),
    );
  }, 120_000);
  afterAll(() => federation.stop());

  it('lets only the supervision office record a note: the other roles get 403 and nothing is stored', async () => {
    const note = { method: 'talk', supervisedOn: day(0), content: '与财务科科长谈话。' };
    for (const as of [clerk, organization, viewer]) {
      const refused = await as('POST', notesPath(), note);
      expect([refused.status, refused.body.error]).toEqual([403, 'FORBIDDEN']);
    }
    const urged = await clerk('POST', `/supervision-notes/${rectification.id}/urging-done`, {
      outcome: '已落实。',
    });
    expect(urged.status).toBe(403);
    expect(await notesAs(clerk)).toEqual([]);
    expect(await noteAudits()).toEqual([]);
  });

  it('refuses a day in the future, before the feedback, a blank content and an incomplete urging, naming the field, and stores nothing', async () => {
    const note = { method: '谈心谈话', supervisedOn: day(0), content: '与财务科科长谈话。' };
    const refusals: Array<[unknown, number, string, string]> = [
      [{ ...note, supervisedOn: day(1) }, 400, 'DATE_IN_FUTURE', 'supervisedOn'],
      [{ ...note, supervisedOn: day(-1) }, 400, 'BEFORE_FEEDBACK', 'supervisedOn'],
      [{ ...note, content: ' 　 ' }, 400, 'VALIDATION_FAILED', 'content'],
      [{ ...note, content: '谈'.repeat(5001) }, 400, 'VALIDATION_FAILED', 'content'],
      [{ ...note, method: '走访' }, 400, 'VALIDATION_FAILED', 'method'],
      [{ ...note, supervisedOn: '2026-02-30' }, 400, 'VALIDATION_FAILED', 'supervisedOn'],
      [{ ...note, urging: '补齐台账。' }, 400, 'URGING_INCOMPLETE', 'urgingDueOn'],
      [{ ...note, urgingDueOn: day(10) }, 400, 'URGING_INCOMPLETE', 'urging'],
      [
        { ...note, urging: '补齐台账。', urgingDueOn: day(-1) },
        400,
        'URGING_DUE_BEFORE_NOTE',
        'urgingDueOn',
      ],
      [{ ...note, itemIds: [rectification.id] }, 400, 'UNKNOWN_ITEMS', 'itemIds'],
    ];
    for (const [body, status, error, field] of refusals) {
      const refused = await supervisor('POST', notesPath(), body);
      expect([refused.status, refused.body.error]).toEqual([status, error]);
      expect(refused.body.fields.map((f: { field: string }) => f.field)).toEqual([field]);
      expect(refused.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const future = await supervisor('POST', notesPath(), { ...note, supervisedOn: day(1) });
    expect(future.body.message).toBe(
      `请检查：监督日期（supervisedOn）不能晚于今天（${day(0)}）：请记录已经开展的监督`,
    );
    expect(future.body.fields[0].label).toBe('监督日期（supervisedOn）');
    const blank = await supervisor('POST', notesPath(), { ...note, content: '  ' });
    expect(blank.body.message).toBe('请检查：内容（content）不能为空，也不能只有空格');
    const elsewhere = await supervisor(
      'POST',
      `/rectifications/${NO_SUCH_ID}/supervision-notes`,
      note,
    );
    expect([elsewhere.status, elsewhere.body.error]).toEqual([404, 'RECTIFICATION_NOT_FOUND']);
    expect(await notesAs(supervisor)).toEqual([]);
    expect(await noteAudits()).toEqual([]);
  });

  it('records notes with their method, items and urging, lists them by the day supervised, to the inspection office and the leading group but not to other roles', async () => {
    expect(day(0)).toBe(feedbackOn);
    clock.advance(5 * DAY);
    const [first, second] = rectification.items;
    const later = await supervisor('POST', notesPath(), {
      method: '督查检查',
      supervisedOn: day(-1),
      content: '到单位督查补贴清退情况，已清退 8 万元。',
    });
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({
      method: 'spot_check',
      methodLabel: '督查检查',
      items: [],
      urging: null,
      urgingState: null,
      urgingLevel: null,
      recordedBy: supervisor.username,
    });
    const earlier = await supervisor('POST', notesPath(), {
      method: 'admonition',
      supervisedOn: day(-4),
      content: '约谈财务科科长，提醒按期清退。',
      itemIds: [second.id, first.id],
      urging: '月底前补齐补贴清退台账，报送监督检查室。',
      urgingDueOn: day(5),
    });
    expect(earlier.status).toBe(201);
    expect(earlier.body).toMatchObject({
      methodLabel: '约谈提醒',
      urgingState: 'open',
      urgingStateLabel: '待落实',
      urgingLevel: 'due_soon',
      urgingDaysLeft: 5,
    });
    // The items in the order of the problem list, numbered as there.
    expect(earlier.body.items).toEqual([
      { id: first.id, no: 1, problem: first.problem },
      { id: second.id, no: 2, problem: second.problem },
    ]);

    for (const reader of [clerk, supervisor]) {
      const notes = await notesAs(reader);
      expect(notes.map((n: { id: string }) => n.id)).toEqual([earlier.body.id, later.body.id]);
      expect(notes.map((n: { supervisedOn: string }) => n.supervisedOn)).toEqual([
        day(-4),
        day(-1),
      ]);
    }
    expect(await notesAs(organization)).toBeNull();
    expect(await notesAs(viewer)).toBeNull();
    const audits = await noteAudits();
    expect(audits).toHaveLength(2);
    expect(audits.every((a: { actor: string }) => a.actor === `user:${supervisor.username}`)).toBe(
      true,
    );
    const { body: list } = await clerk('GET', '/rectifications');
    expect(list.find((r: { id: string }) => r.id === rectification.id)).toMatchObject({
      supervisionNoteCount: 2,
    });
  });

  it('lists the rectifications for the supervision office with their note counts, last note day and urgings, paged, and puts the urging among its to-dos', async () => {
    const listed = await routine();
    expect(listed.status).toBe(200);
    expect(listed.total).toBeGreaterThanOrEqual(1);
    expect(listed.rows.find((r) => r.rectificationId === rectification.id)).toMatchObject({
      organizationName: '某部委党组',
      itemCount: 2,
      closedCount: 0,
      noteCount: 2,
      lastNoteOn: day(-1),
      openUrgingCount: 1,
      overdueUrgingCount: 0,
      nextUrgingDueOn: day(5),
      nextUrgingDaysLeft: 5,
      urgingLevel: 'due_soon',
    });
    const page = await routine('?limit=1&offset=0');
    expect([page.rows.length, page.total]).toEqual([1, listed.total]);
    expect((await clerk('GET', '/routine-supervision')).status).toBe(403);
    expect((await organization('GET', '/routine-supervision')).status).toBe(403);

    // Past its due day the urging is overdue, in the list, the note and the to-dos.
    clock.advance(6 * DAY);
    const overdue = (await routine()).rows.find((r) => r.rectificationId === rectification.id);
    expect(overdue).toMatchObject({
      overdueUrgingCount: 1,
      nextUrgingDaysLeft: -1,
      urgingLevel: 'overdue',
    });
    const [urged] = (await notesAs(supervisor)).filter((n: { urging: string }) => n.urging);
    expect(urged).toMatchObject({ urgingState: 'overdue', urgingStateLabel: '逾期未落实' });
    const { body: work } = await supervisor('GET', '/workbench');
    expect(
      work.items.filter(
        (i: { kind: string; subjectId: string }) =>
          i.kind === 'rectification.urging_due' && i.subjectId === rectification.id,
      ),
    ).toEqual([
      expect.objectContaining({
        title: '某部委党组',
        detail: '督促事项：月底前补齐补贴清退台账，报送监督检查室。',
        level: 'overdue',
      }),
    ]);
  });

  it('marks an urging done once, with what was done; a note without an urging has none to mark', async () => {
    const notes = await notesAs(supervisor);
    const urged = notes.find((n: { urging: string | null }) => n.urging);
    const plain = notes.find((n: { urging: string | null }) => !n.urging);
    const path = (id: string) => `/supervision-notes/${id}/urging-done`;
    expect((await organization('POST', path(urged.id), { outcome: '已补齐。' })).status).toBe(403);
    const blank = await supervisor('POST', path(urged.id), { outcome: ' ' });
    expect([blank.status, blank.body.fields[0].field]).toEqual([400, 'outcome']);
    const done = await supervisor('POST', path(urged.id), {
      outcome: '补贴清退台账已补齐并报送。',
    });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      urgingState: 'done',
      urgingStateLabel: '已落实',
      urgingLevel: null,
      urgingOutcome: '补贴清退台账已补齐并报送。',
      urgingDoneBy: supervisor.username,
    });
    const again = await supervisor('POST', path(urged.id), { outcome: '再次标记。' });
    expect([again.status, again.body.error]).toEqual([409, 'URGING_DONE']);
    const none = await supervisor('POST', path(plain.id), { outcome: '无。' });
    expect([none.status, none.body.error]).toEqual([409, 'NO_URGING']);
    const unknown = await supervisor('POST', path(rectification.id), { outcome: '无。' });
    expect([unknown.status, unknown.body.error]).toEqual([404, 'SUPERVISION_NOTE_NOT_FOUND']);
    const after = (await notesAs(clerk)).find((n: { id: string }) => n.id === urged.id);
    expect(after).toMatchObject({
      urgingState: 'done',
      urgingOutcome: '补贴清退台账已补齐并报送。',
    });
    const row = (await routine()).rows.find((r) => r.rectificationId === rectification.id);
    expect(row).toMatchObject({ openUrgingCount: 0, overdueUrgingCount: 0, urgingLevel: null });
    const { body: audit } = await clerk('GET', '/audit?action=rectification.urging_done');
    expect(
      audit.filter((a: { subjectId: string }) => a.subjectId === rectification.id),
    ).toHaveLength(1);
  });

  it('keeps a note as recorded: the database refuses to change or delete it', async () => {
    const [note] = await notesAs(supervisor);
    const db = federation.dataSource(CENTRAL);
    await expect(
      db.query(`UPDATE supervision_note SET content = 'changed' WHERE id = $1`, [note.id]),
    ).rejects.toThrow(/kept as recorded/);
    await expect(db.query(`DELETE FROM supervision_note WHERE id = $1`, [note.id])).rejects.toThrow(
      /not deleted/,
    );
    expect((await notesAs(supervisor))[0].content).toBe(note.content);
  });
});
