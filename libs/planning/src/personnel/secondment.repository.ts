import { lockOrFail } from '@liandong/common';
import { EntityManager, LessThanOrEqual, MoreThanOrEqual, Not } from 'typeorm';
import { Secondment } from '../entities';
import { planningRefusal } from '../planning.errors';

export function findSecondment(manager: EntityManager, id: string): Promise<Secondment | null> {
  return manager.findOne(Secondment, { where: { id } });
}

/** A request this node received as the lending node, locked for its decision. */
export function lockLendingOrFail(manager: EntityManager, id: string): Promise<Secondment> {
  return lockOrFail(manager, Secondment, { id, role: 'lending' }, () =>
    planningRefusal(
      'SECONDMENT_NOT_FOUND',
      {
        zh: `本节点没有收到编号为 ${id} 的借调请求，请检查编号（只有借出方才能同意或拒绝借调）`,
        en: `no secondment request ${id} for this node (only the lending node decides one)`,
      },
      404,
    ),
  );
}

/** This node's open request to `lendingNode`, if it made one. */
export function openRequestTo(
  manager: EntityManager,
  id: string,
  lendingNode: string,
): Promise<Secondment | null> {
  return manager.findOne(Secondment, {
    where: { id, role: 'borrowing', lendingNode, status: 'requested' },
  });
}

export function allSecondments(manager: EntityManager): Promise<Secondment[]> {
  return manager.find(Secondment, { order: { requestedAt: 'ASC' } });
}

export async function insertSecondment(
  manager: EntityManager,
  secondment: Secondment,
): Promise<Secondment> {
  const row = manager.create(Secondment, secondment);
  await manager.insert(Secondment, row);
  return row;
}

export async function decideSecondment(
  manager: EntityManager,
  id: string,
  change: Pick<Secondment, 'status' | 'reason' | 'decidedAt'> &
    Partial<Pick<Secondment, 'personId'>>,
): Promise<void> {
  await manager.update(Secondment, { id }, change);
}

/** Another approved loan of this node's person whose dates overlap [startsOn, endsOn], if any. */
export function overlappingLoan(
  manager: EntityManager,
  personId: string,
  startsOn: string,
  endsOn: string,
  exceptId: string,
): Promise<Secondment | null> {
  return manager.findOne(Secondment, {
    where: {
      id: Not(exceptId),
      role: 'lending',
      status: 'approved',
      personId,
      startsOn: LessThanOrEqual(endsOn),
      endsOn: MoreThanOrEqual(startsOn),
    },
    order: { startsOn: 'ASC' },
  });
}
