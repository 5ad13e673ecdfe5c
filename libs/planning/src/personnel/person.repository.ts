import { findOrFail } from '@liandong/common';
import { UserAccount } from '@liandong/access';
import { EntityManager, In } from 'typeorm';
import { Person } from '../entities';
import { planningRefusal } from '../planning.errors';

export function findPerson(manager: EntityManager, id: string): Promise<Person | null> {
  return manager.findOne(Person, { where: { id } });
}

export function findPersonOrFail(manager: EntityManager, id: string): Promise<Person> {
  return findOrFail(manager, Person, { id }, () =>
    planningRefusal(
      'PERSON_NOT_FOUND',
      {
        zh: `本节点干部人才库中没有编号为 ${id} 的人员，请检查编号`,
        en: `no person ${id} in this node's pool`,
      },
      404,
    ),
  );
}

/** The person a secondment names, who must be there (a broken invariant otherwise). */
export function personOf(manager: EntityManager, id: string): Promise<Person> {
  return manager.findOneOrFail(Person, { where: { id } });
}

export function peopleIn(manager: EntityManager, ids: string[]): Promise<Person[]> {
  return manager.find(Person, { where: { id: In(ids) } });
}

export function allPeople(manager: EntityManager): Promise<Person[]> {
  return manager.find(Person, { order: { createdAt: 'ASC' } });
}

/** Whether a person of this pool is linked to the account already. */
export async function usernameTaken(manager: EntityManager, username: string): Promise<boolean> {
  return (await manager.count(Person, { where: { username } })) > 0;
}

/** Whether this node has the user account (access's table, read as access exports it). */
export async function accountExists(manager: EntityManager, username: string): Promise<boolean> {
  return (await manager.count(UserAccount, { where: { username } })) > 0;
}

export async function insertPerson(manager: EntityManager, person: Person): Promise<Person> {
  const row = manager.create(Person, person);
  await manager.insert(Person, row);
  return row;
}

/** A person lent to this node, as the lending node described them (again on a second loan). */
export async function upsertPerson(manager: EntityManager, person: Person): Promise<void> {
  await manager.upsert(Person, person, ['id']);
}
