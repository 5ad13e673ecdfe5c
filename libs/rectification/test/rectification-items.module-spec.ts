import { createHash } from 'node:crypto';
import { readXlsx, XLSX_TYPE } from '@liandong/common';
import { CoverageReportedV1, uuidv7 } from '@liandong/protocol';
import { RectificationQueries } from '../src/rectification/rectification.queries';
import { AddProof } from '../src/rectification/use-cases/add-proof.usecase';
import { AssignItem } from '../src/rectification/use-cases/assign-item.usecase';
import { CloseItem } from '../src/rectification/use-cases/close-item.usecase';
import { DiscloseRectification } from '../src/rectification/use-cases/disclose-rectification.usecase';
import { ReadProof } from '../src/rectification/use-cases/read-proof.usecase';
import { ScheduleFollowUp } from '../src/rectification/use-cases/schedule-follow-up.usecase';
import { OFFICE, openRectification, PDF, rectificationNode, round } from './rectification.fixture';
import { download, rows, trail } from './probes';

const RESPONSIBILITY = {
  responsiblePerson: '财务科长王某',
  unitHead: '局长李某',
  tasks: ['清退补贴', '修订财务制度'],
};

/** 整改: responsibility for each problem, closing it only with proof, disclosure, 回头看. */
describe('the items of a rectification', () => {
  const node = rectificationNode();
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const assign = (id: string, itemId: string) =>
    node.get(AssignItem).execute(id, itemId, RESPONSIBILITY, OFFICE);
  const close = (id: string, itemId: string, proof = '银行回单3张') =>
    node.get(CloseItem).execute(id, itemId, { proof }, OFFICE);

  it('assigns responsibility and tasks to a problem, audited; not to an item it does not have', async () => {
    const { rectification } = await openRectification(node);
    const [item] = rectification.items;
    expect(item).toMatchObject({ responsiblePerson: null, unitHead: null, tasks: [] });
    expect(await assign(rectification.id, item.id)).toMatchObject({
      ...RESPONSIBILITY,
      status: 'open',
    });
    await expect(assign(rectification.id, uuidv7())).rejects.toMatchObject({
      code: 'ITEM_NOT_FOUND',
      status: 404,
    });
    await expect(assign(uuidv7(), item.id)).rejects.toMatchObject({
      code: 'RECTIFICATION_NOT_FOUND',
      status: 404,
    });
    expect(await trail(node, rectification.id)).toContain(
      'user:office rectification.item_assigned',
    );
  });

  it('closes an item only once someone answers for it, only with proof, once; counted in the figures', async () => {
    const { rectification } = await openRectification(node);
    const { id } = rectification;
    const itemId = rectification.items[0].id;
    await expect(close(id, itemId)).rejects.toMatchObject({ code: 'NO_RESPONSIBILITY' });
    expect(await rows(node, 'rectification_item', 'id', itemId)).toEqual([
      expect.objectContaining({ status: 'open', proof: null, closed_at: null }),
    ]);
    await assign(id, itemId);
    const figures = () => node.get(RectificationQueries).figures(node.dataSource.manager);
    const before = await figures();
    const reports = (await node.sent(CoverageReportedV1.type)).length;
    expect(await close(id, itemId)).toMatchObject({
      status: 'closed',
      proof: '银行回单3张',
      closedBy: 'office',
      closedAt: node.clock.now(),
    });
    expect((await figures()).itemsClosed).toBe((before.itemsClosed as number) + 1);
    expect((await node.sent(CoverageReportedV1.type)).length).toBeGreaterThan(reports);
    await expect(close(id, itemId, '再销')).rejects.toMatchObject({ code: 'ITEM_CLOSED' });
    await expect(assign(id, itemId)).rejects.toMatchObject({ code: 'ITEM_CLOSED' });
    expect(await rows(node, 'rectification_item', 'id', itemId)).toEqual([
      expect.objectContaining({ proof: '银行回单3张', responsible_person: '财务科长王某' }),
    ]);
    expect(await trail(node, id)).toContain('user:office rectification.item_closed');
  });

  const upload = (id: string, itemId: string, data: Buffer, contentType = 'application/pdf') =>
    node
      .get(AddProof)
      .execute(id, itemId, { data, contentType, filename: '../../回单/银行回单.pdf' }, OFFICE);

  it('closes an item with a file of proof uploaded: checked by its bytes, kept with its SHA-256, audited', async () => {
    const { rectification } = await openRectification(node);
    const { id } = rectification;
    const itemId = rectification.items[0].id;
    await assign(id, itemId);
    const closeWith = (proof?: string) =>
      node.get(CloseItem).execute(id, itemId, proof === undefined ? {} : { proof }, OFFICE);
    await expect(closeWith()).rejects.toMatchObject({ code: 'NO_PROOF', status: 409 });
    expect(await rows(node, 'rectification_item', 'id', itemId)).toEqual([
      expect.objectContaining({ status: 'open', proof: null }),
    ]);

    // What is not the type it says, nothing at all, or too much, is not proof.
    await expect(upload(id, itemId, Buffer.from('not a pdf'))).rejects.toMatchObject({
      code: 'BAD_PROOF',
      status: 400,
    });
    await expect(upload(id, itemId, PDF, 'application/x-msdownload')).rejects.toMatchObject({
      code: 'BAD_PROOF',
    });
    await expect(upload(id, itemId, Buffer.alloc(0))).rejects.toMatchObject({ code: 'BAD_PROOF' });
    const huge = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]);
    await expect(upload(id, itemId, huge)).rejects.toMatchObject({ code: 'BAD_PROOF' });
    await expect(upload(id, uuidv7(), PDF)).rejects.toMatchObject({
      code: 'ITEM_NOT_FOUND',
      status: 404,
    });
    expect(await rows(node, 'rectification_proof', 'item_id', itemId)).toEqual([]);

    const sha256 = createHash('sha256').update(PDF).digest('hex');
    const file = await upload(id, itemId, PDF);
    expect(file).toMatchObject({
      itemId,
      filename: '银行回单.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256,
      uploadedBy: 'office',
    });
    const closed = await closeWith();
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已销号', proof: null });
    expect(closed.proofFiles).toEqual([expect.objectContaining({ id: file.id, sha256 })]);
    const detail = await node.get(RectificationQueries).detail(id);
    expect(detail.items.find((i) => i.id === itemId)?.proofFiles.map((f) => f.filename)).toEqual([
      '银行回单.pdf',
    ]);
    await expect(upload(id, itemId, PDF)).rejects.toMatchObject({ code: 'ITEM_CLOSED' });

    // Read back byte for byte, each reading audited; only the item's own files.
    const read = await download(await node.get(ReadProof).execute(id, itemId, file.id, OFFICE));
    expect(read.data.equals(PDF)).toBe(true);
    expect(read.type).toBe('application/pdf');
    expect(read.disposition).toContain(encodeURIComponent('银行回单.pdf'));
    await expect(
      node.get(ReadProof).execute(id, rectification.items[0].id, uuidv7(), OFFICE),
    ).rejects.toMatchObject({ code: 'PROOF_NOT_FOUND', status: 404 });
    expect(await trail(node, id)).toEqual(
      expect.arrayContaining([
        'user:office rectification.proof_added',
        'user:office rectification.item_closed',
        'user:office rectification.proof_read',
      ]),
    );

    // The ledger names the file with its hash.
    const [, row] = await readXlsx(
      (await download(await node.get(RectificationQueries).ledger(id))).data,
    );
    expect(row).toEqual(expect.arrayContaining([`银行回单.pdf（SHA-256 ${sha256}）`]));
  });

  it('keeps the rule in the database too: a closed item has a proof text or a file, and files stay as uploaded', async () => {
    const { rectification } = await openRectification(node);
    const { id } = rectification;
    const itemId = rectification.items[0].id;
    await expect(
      node.dataSource.query(
        `UPDATE rectification_item SET status = 'closed', closed_at = now() WHERE id = $1`,
        [itemId],
      ),
    ).rejects.toThrow(/closes only with proof/);
    const file = await upload(id, itemId, PDF);
    await expect(
      node.dataSource.query(`DELETE FROM rectification_proof WHERE id = $1`, [file.id]),
    ).rejects.toThrow(/immutable/);
    await expect(
      node.dataSource.query(`UPDATE rectification_proof SET filename = 'x.pdf' WHERE id = $1`, [
        file.id,
      ]),
    ).rejects.toThrow(/immutable/);
  });

  it('lists each rectification with its deadline on today and how far its problem list has come', async () => {
    const { rectification } = await openRectification(node);
    const { id } = rectification;
    const listed = async () =>
      (await node.get(RectificationQueries).list()).find((r) => r.id === id);
    expect(await listed()).toMatchObject({
      itemCount: 1,
      closedCount: 0,
      progressReportCount: 0,
      deadline: rectification.deadline,
    });
    await assign(id, rectification.items[0].id);
    await close(id, rectification.items[0].id);
    expect(await listed()).toMatchObject({ itemCount: 1, closedCount: 1 });
  });

  it('exports the ledger of problems, responsibility and tasks as Excel or CSV', async () => {
    const { rectification } = await openRectification(node);
    const { id } = rectification;
    await assign(id, rectification.items[0].id);
    await close(id, rectification.items[0].id);
    const queries = node.get(RectificationQueries);
    const excel = await download(await queries.ledger(id));
    expect(excel.type).toBe(XLSX_TYPE);
    expect(excel.disposition).toContain(`rectification-${rectification.organizationCode}.xlsx`);
    const [header, row] = await readXlsx(excel.data);
    expect(header).toEqual(
      expect.arrayContaining(['问题', '责任人', '整改任务', '状态', '销号佐证']),
    );
    expect(row).toEqual(
      expect.arrayContaining([
        '1',
        '财务科长王某',
        '局长李某',
        '清退补贴；修订财务制度',
        '已销号',
        '银行回单3张',
      ]),
    );
    const csv = await download(await queries.ledger(id, 'csv'));
    expect(csv.type).toContain('text/csv');
    expect(csv.data.toString('utf8')).toContain('财务科长王某');
    expect(csv.data.toString('utf8')).toContain('已销号');
  });

  it('records the disclosure of the rectification, audited', async () => {
    const { rectification } = await openRectification(node);
    const disclosed = await node
      .get(DiscloseRectification)
      .execute(
        rectification.id,
        { text: '整改情况已在县政府网站公开。', disclosedOn: '2027-01-25' },
        OFFICE,
      );
    expect(disclosed).toMatchObject({
      disclosureText: '整改情况已在县政府网站公开。',
      disclosedOn: '2027-01-25',
    });
    expect((await node.get(RectificationQueries).detail(rectification.id)).disclosedOn).toBe(
      '2027-01-25',
    );
    expect(await trail(node, rectification.id)).toContain('user:office rectification.disclosed');
  });

  it('schedules a follow-up (回头看) only in a follow-up round and only with closed items', async () => {
    const { scene, rectification } = await openRectification(node);
    const { id } = rectification;
    const followUp = (roundId: string) =>
      node.get(ScheduleFollowUp).execute(id, { roundId }, OFFICE);
    const window = { windowStart: '2027-04-01', windowEnd: '2027-04-30' };
    const regular = await round(node, 'regular', window);
    const followUpRound = await round(node, 'follow_up', window);
    await expect(followUp(regular)).rejects.toMatchObject({ code: 'NOT_A_FOLLOW_UP_ROUND' });
    await expect(followUp(uuidv7())).rejects.toMatchObject({
      code: 'ROUND_NOT_FOUND',
      status: 404,
    });
    await expect(followUp(followUpRound)).rejects.toMatchObject({ code: 'NOTHING_TO_VERIFY' });
    expect(await rows(node, 'inspection', 'round_id', followUpRound)).toEqual([]);
    expect((await node.get(RectificationQueries).detail(id)).followUpInspectionId).toBeNull();

    await assign(id, rectification.items[0].id);
    await close(id, rectification.items[0].id);
    const scheduled = await followUp(followUpRound);
    expect(scheduled).toMatchObject({
      organizationCode: scene.organizationCode,
      mode: 'own',
      roundId: followUpRound,
      status: 'planned',
    });
    expect((await node.get(RectificationQueries).detail(id)).followUpInspectionId).toBe(
      scheduled.id,
    );
  });
});
