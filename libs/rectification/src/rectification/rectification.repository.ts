import { DomainError, findOrFail, lockOrFail } from '@liandong/common';
import { EntityManager } from 'typeorm';
import {
  ProgressReport,
  Rectification,
  RectificationAlert,
  RectificationItem,
  RectificationProof,
} from '../entities';
import { rectificationRefusal } from '../rectification.errors';

export function rectificationNotFound(id: string): DomainError {
  return rectificationRefusal(
    'RECTIFICATION_NOT_FOUND',
    {
      zh: `本节点没有这项整改（编号 ${id}）。请从整改列表重新选择`,
      en: `no rectification ${id} on this node`,
    },
    404,
  );
}

export function findRectification(manager: EntityManager, id: string): Promise<Rectification> {
  return findOrFail(manager, Rectification, { id }, () => rectificationNotFound(id));
}

/** The rectification, locked for the rest of the transaction: its changes take turns. */
export function lockRectification(manager: EntityManager, id: string): Promise<Rectification> {
  return lockOrFail(manager, Rectification, { id }, () => rectificationNotFound(id));
}

/** One item of the rectification's problem list, locked. */
export function lockItem(
  manager: EntityManager,
  id: string,
  itemId: string,
): Promise<RectificationItem> {
  return lockOrFail(manager, RectificationItem, { id: itemId, rectificationId: id }, () =>
    rectificationRefusal(
      'ITEM_NOT_FOUND',
      {
        zh: `这项整改中没有这个问题事项（编号 ${itemId}）。请从整改的问题清单重新选择`,
        en: `no item ${itemId} in rectification ${id}`,
      },
      404,
    ),
  );
}

/** A progress report, locked: the offices' signatures are added one at a time. */
export function lockProgressReport(
  manager: EntityManager,
  reportId: string,
): Promise<ProgressReport> {
  return lockOrFail(manager, ProgressReport, { id: reportId }, () =>
    rectificationRefusal(
      'PROGRESS_REPORT_NOT_FOUND',
      {
        zh: `本节点没有这份整改进展情况报告（编号 ${reportId}）。请从整改的报告列表重新选择`,
        en: `no progress report ${reportId}`,
      },
      404,
    ),
  );
}

/** Rectifications still without a progress report: their deadline runs (alerts, to-dos). */
export function awaitingProgress(manager: EntityManager): Promise<Rectification[]> {
  return manager
    .getRepository(Rectification)
    .createQueryBuilder('r')
    .where('NOT EXISTS (SELECT 1 FROM progress_report p WHERE p.rectification_id = r.id)')
    .getMany();
}

export async function insertRectification(
  manager: EntityManager,
  rectification: Rectification,
  items: Array<Partial<RectificationItem>>,
): Promise<void> {
  await manager.insert(Rectification, rectification);
  if (items.length > 0) await manager.insert(RectificationItem, items);
}

export async function updateRectification(
  manager: EntityManager,
  id: string,
  change: Partial<Rectification>,
): Promise<void> {
  await manager.update(Rectification, { id }, change);
}

export async function updateItem(
  manager: EntityManager,
  itemId: string,
  change: Partial<RectificationItem>,
): Promise<void> {
  await manager.update(RectificationItem, { id: itemId }, change);
}

export async function insertProof(
  manager: EntityManager,
  proof: RectificationProof,
): Promise<void> {
  await manager.insert(RectificationProof, proof);
}

/** How many files of proof an item has. */
export function proofCount(manager: EntityManager, itemId: string): Promise<number> {
  return manager.count(RectificationProof, { where: { itemId } });
}

/** The files of proof of a rectification's items, without their bytes. */
export function proofsOf(
  manager: EntityManager,
  rectificationId: string,
): Promise<RectificationProof[]> {
  return manager.find(RectificationProof, {
    where: { rectificationId },
    order: { uploadedAt: 'ASC' },
  });
}

/** One file of proof of an item, with its bytes, or null. */
export function proofWithData(
  manager: EntityManager,
  ids: { rectificationId: string; itemId: string; proofId: string },
): Promise<RectificationProof | null> {
  return manager
    .getRepository(RectificationProof)
    .createQueryBuilder('p')
    .addSelect('p.data')
    .where('p.id = :proofId AND p.item_id = :itemId AND p.rectification_id = :rectificationId', ids)
    .getOne();
}

/** A rectification's items, those closed, its progress reports and supervision notes. */
export interface RectificationCounts {
  items: number;
  closed: number;
  reports: number;
  notes: number;
}

/** Per rectification: its items, those closed, its progress reports and supervision notes. */
export async function rectificationCounts(
  manager: EntityManager,
): Promise<Map<string, RectificationCounts>> {
  const rows: Array<{ id: string; items: string; closed: string; reports: string; notes: string }> =
    await manager.query(
      `SELECT r.id,
              (SELECT count(*) FROM rectification_item i WHERE i.rectification_id = r.id) AS items,
              (SELECT count(*) FROM rectification_item i
                 WHERE i.rectification_id = r.id AND i.status = 'closed') AS closed,
              (SELECT count(*) FROM progress_report p WHERE p.rectification_id = r.id) AS reports,
              (SELECT count(*) FROM supervision_note s WHERE s.rectification_id = r.id) AS notes
       FROM rectification r`,
    );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        items: Number(r.items),
        closed: Number(r.closed),
        reports: Number(r.reports),
        notes: Number(r.notes),
      },
    ]),
  );
}

export function closedItemCount(manager: EntityManager, rectificationId: string): Promise<number> {
  return manager.count(RectificationItem, { where: { rectificationId, status: 'closed' } });
}

export async function insertProgressReport(
  manager: EntityManager,
  report: ProgressReport,
): Promise<void> {
  await manager.insert(ProgressReport, report);
}

export async function updateProgressReport(
  manager: EntityManager,
  id: string,
  change: Partial<ProgressReport>,
): Promise<void> {
  await manager.update(ProgressReport, { id }, change);
}

/** Inserts the alerts not raised before (one per rectification and level); those inserted. */
export function insertNewAlerts(
  manager: EntityManager,
  alerts: RectificationAlert[],
): Promise<Array<{ rectification_id: string; level: string }>> {
  return manager.query(
    `INSERT INTO rectification_alert (rectification_id, level, notify, raised_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])
     ON CONFLICT DO NOTHING RETURNING rectification_id, level`,
    [
      alerts.map((a) => a.rectificationId),
      alerts.map((a) => a.level),
      alerts.map((a) => a.notify),
      alerts.map((a) => a.raisedAt),
    ],
  );
}
