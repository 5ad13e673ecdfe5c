import { EntityManager, In } from 'typeorm';
import { Person, TeamMember } from '../entities';

/** The team of an inspection, each member with their person from the pool. */
export async function teamOf(
  manager: EntityManager,
  inspectionId: string,
): Promise<Array<TeamMember & { person: Person }>> {
  const rows = await manager.find(TeamMember, { where: { inspectionId } });
  const people = await manager.find(Person, { where: { id: In(rows.map((r) => r.personId)) } });
  return rows.map((row) => ({
    ...row,
    person: people.find((p) => p.id === row.personId) as Person,
  }));
}

export function leaderOf(manager: EntityManager, inspectionId: string): Promise<TeamMember | null> {
  return manager.findOne(TeamMember, { where: { inspectionId, role: 'leader' } });
}

/** The inspection's team is these members now, whoever it was before. */
export async function replaceTeam(
  manager: EntityManager,
  inspectionId: string,
  members: Array<Pick<TeamMember, 'personId' | 'role'>>,
): Promise<TeamMember[]> {
  await manager.delete(TeamMember, { inspectionId });
  const rows = members.map((m) => manager.create(TeamMember, { inspectionId, ...m }));
  await manager.insert(TeamMember, rows);
  return rows;
}

/** The role of the pool's person linked to `username` on the inspection's team, if any. */
export async function teamRoleOf(
  manager: EntityManager,
  inspectionId: string,
  username: string,
): Promise<TeamMember['role'] | null> {
  const person = await manager.findOne(Person, { where: { username }, select: { id: true } });
  if (!person) return null;
  const member = await manager.findOne(TeamMember, {
    where: { inspectionId, personId: person.id },
    select: { role: true },
  });
  return member?.role ?? null;
}

/** The teams the pool's person linked to `username` is on: inspection and role. */
export async function teamsOf(
  manager: EntityManager,
  username: string,
): Promise<Array<Pick<TeamMember, 'inspectionId' | 'role'>>> {
  const person = await manager.findOne(Person, { where: { username }, select: { id: true } });
  if (!person) return [];
  return manager.find(TeamMember, {
    where: { personId: person.id },
    select: { inspectionId: true, role: true },
  });
}
