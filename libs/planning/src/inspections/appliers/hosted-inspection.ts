import { RefusalError } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Inspection } from '../../entities';
import { findHosted } from '../inspection.repository';

/** The hosted inspection `from` conducts, or a refusal: no one else reports on it. */
export async function hostedByOrRefuse(
  manager: EntityManager,
  id: string,
  from: string,
  self: string,
): Promise<Inspection> {
  const hosted = await findHosted(manager, id, from);
  if (!hosted)
    throw new RefusalError(
      'NOT_AUTHORIZED',
      `${from} conducts no escalated or cross inspection ${id} of an organization of ${self}`,
    );
  return hosted;
}
