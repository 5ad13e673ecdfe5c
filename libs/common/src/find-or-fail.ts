import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { DomainError } from './domain-error';

/** One row by its key, or the refusal the caller names (usually a 404 with what to do). */
export async function findOrFail<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  refusal: () => DomainError,
): Promise<T> {
  const row = await manager.findOne(entity, { where });
  if (!row) throw refusal();
  return row;
}

/**
 * The same, locked FOR UPDATE for the rest of the transaction, so that two requests
 * changing one row take turns (the second sees the first's result).
 */
export async function lockOrFail<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  refusal: () => DomainError,
): Promise<T> {
  const row = await manager.findOne(entity, { where, lock: { mode: 'pessimistic_write' } });
  if (!row) throw refusal();
  return row;
}
