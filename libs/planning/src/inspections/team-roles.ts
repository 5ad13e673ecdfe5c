import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Person, TeamMember } from '../entities';

export type TeamRole = TeamMember['role'];

/**
 * Planning's answer to "who is this account on that inspection's team?", for the
 * libraries that build on planning (rectification asks it, never planning's tables).
 * It reads through the caller's transaction `manager`.
 */
@Injectable()
export class TeamRoles {
  async roleOf(
    manager: EntityManager,
    inspectionId: string,
    username: string,
  ): Promise<TeamRole | null> {
    const person = await manager.findOne(Person, { where: { username }, select: { id: true } });
    if (!person) return null;
    const member = await manager.findOne(TeamMember, {
      where: { inspectionId, personId: person.id },
      select: { role: true },
    });
    return member?.role ?? null;
  }
}
