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
