import { NodeNames } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { Person, Secondment } from '../entities';
import { planningRefusal } from '../planning.errors';
import { findPerson, personOf } from './person.repository';
import { overlappingLoan } from './secondment.repository';

/**
 * Whom an approval lends: the person the request named (secondment.requested.v1, or a v2 naming
 * one), else the one the lending office nominates. The nominee must be one of this node's own
 * people (not one lent to it) and not lent elsewhere for an overlapping period.
 */
export async function nomineeFor(
  manager: EntityManager,
  secondment: Secondment,
  nomineeId: string | undefined,
  names: NodeNames,
): Promise<Person> {
  const borrower = names.label(secondment.borrowingNode);
  if (secondment.personId) {
    const named = await personOf(manager, secondment.personId);
    if (nomineeId && nomineeId !== named.id)
      throw planningRefusal('NOMINEE_NOT_REQUESTED', {
        zh: `${borrower}申请借调的是${named.name}，同意时不能改派其他人员；如不同意借调${named.name}，请拒绝并说明理由`,
        en: `secondment ${secondment.id} names ${named.id}; an approval lends that person or is a decline`,
      });
    await available(manager, named, secondment, names);
    return named;
  }
  if (!nomineeId)
    throw planningRefusal(
      'NOMINEE_REQUIRED',
      {
        zh: `${borrower}的借调申请没有指定人员（所需人员：${secondment.wanted ?? '未说明'}），同意借调时请从本级干部人才库中选定借出的人员`,
        en: `secondment ${secondment.id} names no person: an approval nominates one (personId)`,
      },
      400,
    );
  const nominee = await findPerson(manager, nomineeId);
  if (!nominee)
    throw planningRefusal(
      'NOMINEE_NOT_IN_POOL',
      {
        zh: '所选人员不在本级干部人才库中，请从人才库中重新选择借出的人员',
        en: `no person ${nomineeId} in this node's pool`,
      },
      404,
    );
  if (nominee.lentBy)
    throw planningRefusal('NOMINEE_NOT_OWN', {
      zh: `${nominee.name}是从${names.label(nominee.lentBy)}借调来的人员，不是本级人员，不能再借出，请选择本级人员`,
      en: `${nomineeId} is lent to this node by ${nominee.lentBy}; only own people are lent`,
    });
  await available(manager, nominee, secondment, names);
  return nominee;
}

async function available(
  manager: EntityManager,
  person: Person,
  secondment: Secondment,
  names: NodeNames,
): Promise<void> {
  const loan = await overlappingLoan(
    manager,
    person.id,
    secondment.startsOn,
    secondment.endsOn,
    secondment.id,
  );
  if (loan)
    throw planningRefusal('NOMINEE_UNAVAILABLE', {
      zh: `${person.name}已于 ${loan.startsOn} 至 ${loan.endsOn} 借调至${names.label(loan.borrowingNode)}，与本次借调期间（${secondment.startsOn} 至 ${secondment.endsOn}）重叠，请另选人员`,
      en: `${person.id} is lent to ${loan.borrowingNode} from ${loan.startsOn} to ${loan.endsOn}, overlapping ${secondment.startsOn}–${secondment.endsOn}`,
    });
}
