import { lockOrFail } from '@liandong/common';
import { NodeNames } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { InformationRequest } from '../entities';
import { exchangeRefusal } from '../exchange.errors';

const notFound = (id: string, where: string) =>
  exchangeRefusal(
    'REQUEST_NOT_FOUND',
    {
      zh: `${where}没有这项信息沟通请求（编号 ${id}）。请从列表重新选择`,
      en: `there is no information request ${id} ${where}`,
    },
    404,
  );

/** A request addressed to this node, locked for the rest of the transaction, or a 404. */
export function lockReceivedRequest(
  manager: EntityManager,
  id: string,
  self: string,
  names: NodeNames,
): Promise<InformationRequest> {
  return lockOrFail(manager, InformationRequest, { id, targetNode: self }, () =>
    notFound(id, `发给${names.label(self)}的请求中`),
  );
}

/** A request this node sent, or a 404. */
export async function findSentRequest(
  manager: EntityManager,
  id: string,
  self: string,
  names: NodeNames,
): Promise<InformationRequest> {
  const found = await manager.findOne(InformationRequest, { where: { id, fromNode: self } });
  if (!found) throw notFound(id, `${names.label(self)}发出的请求中`);
  return found;
}

export function findRequest(
  manager: EntityManager,
  id: string,
): Promise<InformationRequest | null> {
  return manager.findOne(InformationRequest, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
}

export async function insertRequest(
  manager: EntityManager,
  request: InformationRequest,
): Promise<void> {
  await manager.insert(InformationRequest, request);
}

export async function updateRequest(
  manager: EntityManager,
  id: string,
  change: Partial<InformationRequest>,
): Promise<void> {
  await manager.update(InformationRequest, { id }, change);
}
