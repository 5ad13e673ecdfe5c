import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TeamMember } from '../entities';
import { teamRoleOf } from './team.repository';

export type TeamRole = TeamMember['role'];

/**
 * Planning's answer to "who is this account on that inspection's team?", for the
 * libraries that build on planning (rectification asks it, never planning's tables).
 * It reads through the caller's transaction `manager`.
 */
@Injectable()
export class TeamRoles {
  roleOf(manager: EntityManager, inspectionId: string, username: string): Promise<TeamRole | null> {
    return teamRoleOf(manager, inspectionId, username);
  }
}
