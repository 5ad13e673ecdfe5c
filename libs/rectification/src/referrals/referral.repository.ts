import { lockOrFail } from '@liandong/common';
import { NodeNames } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { Referral } from '../entities';
import { rectificationRefusal } from '../rectification.errors';

/**
 * A referral sent to this node (`self`), locked for the rest of the transaction, or a 404
 * that names this node.
 */
export function lockReceivedReferral(
  manager: EntityManager,
  id: string,
  self: string,
  names: NodeNames,
): Promise<Referral> {
  return lockOrFail(manager, Referral, { id, targetNode: self }, () =>
    rectificationRefusal(
      'REFERRAL_NOT_FOUND',
      {
        zh: `没有发给${names.label(self)}的这件移交（编号 ${id}）。请从收到的移交列表重新选择`,
        en: `no referral ${id} was sent to ${names.label(self)}`,
      },
      404,
    ),
  );
}

export async function insertReferral(
  manager: EntityManager,
  referral: Partial<Referral> & Pick<Referral, 'id'>,
): Promise<void> {
  await manager.insert(Referral, referral);
}

export async function updateReferral(
  manager: EntityManager,
  id: string,
  change: Partial<Referral>,
): Promise<void> {
  await manager.update(Referral, { id }, change);
}

/** Records a receiver's answer on a referral this node sent it; false when there is none. */
export async function recordAnswer(
  manager: EntityManager,
  referral: { id: string; fromNode: string; targetNode: string },
  change: Partial<Referral>,
): Promise<boolean> {
  const result = await manager.update(Referral, referral, change);
  return (result.affected ?? 0) > 0;
}
