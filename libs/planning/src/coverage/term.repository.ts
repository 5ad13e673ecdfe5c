import { EntityManager } from 'typeorm';
import { Term } from '../entities';

/**
 * Holds off other writers of terms until the transaction ends, so that two overlapping terms
 * cannot both pass the check. (A table lock: not in TypeORM's API.)
 */
export async function lockTerms(manager: EntityManager): Promise<void> {
  await manager.query(`LOCK TABLE term IN SHARE ROW EXCLUSIVE MODE`);
}

/** A term sharing a day with startsOn … endsOn (the end day itself excluded), if any. */
export function overlappingTerm(
  manager: EntityManager,
  startsOn: string,
  endsOn: string,
): Promise<Term | null> {
  return manager
    .getRepository(Term)
    .createQueryBuilder('t')
    .where('t.starts_on < :endsOn AND t.ends_on > :startsOn', { startsOn, endsOn })
    .getOne();
}

export async function insertTerm(manager: EntityManager, term: Term): Promise<Term> {
  const row = manager.create(Term, term);
  await manager.insert(Term, row);
  return row;
}

export function allTerms(manager: EntityManager): Promise<Term[]> {
  return manager.find(Term, { order: { startsOn: 'DESC' } });
}
