import { findOrFail } from '@liandong/common';
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import { Inspection, InspectionRole, Person, Round } from '../entities';
import { ROUND_TYPE_LABELS } from '../labels';
import { planningRefusal } from '../planning.errors';
import { findInspection, findInspectionOrFail, lockInspection } from './inspection.repository';
import { leaderOf } from './team.repository';
import { ScheduleInspection } from './use-cases/schedule-inspection.usecase';

/**
 * Planning's answers about inspections and rounds, for the libraries that build on it
 * (findings, reports, rectification): they ask here, never planning's tables. Every call
 * reads or writes through the caller's transaction `manager`.
 */
@Injectable()
export class InspectionDirectory {
  constructor(private readonly scheduling: ScheduleInspection) {}

  /** An inspection this node holds in any role, or a 404 naming it. */
  get(manager: EntityManager, id: string): Promise<Inspection> {
    return findInspectionOrFail(manager, id);
  }

  /** The inspection, or null; `roles` narrows it to the roles this node may hold it in. */
  find(manager: EntityManager, id: string, roles?: InspectionRole[]): Promise<Inspection | null> {
    return findInspection(manager, id, roles);
  }

  /**
   * Locks the inspection FOR UPDATE for the rest of the transaction (null when there is
   * none): whoever changes what a report may hold takes this lock first, so they take turns.
   */
  lock(manager: EntityManager, id: string, roles?: InspectionRole[]): Promise<Inspection | null> {
    return lockInspection(manager, id, roles);
  }

  /**
   * The inspections of `ownerNode`'s own organizations that were given feedback — by this
   * node's own team or, hosted here, by another node's (escalated, cross) — newest first.
   */
  feedbackGivenTo(manager: EntityManager, ownerNode: string): Promise<Inspection[]> {
    return manager.find(Inspection, {
      where: { ownerNode, role: Not('reported'), feedbackAt: Not(IsNull()) },
      order: { feedbackAt: 'DESC' },
    });
  }

  /** The leader of the team of an inspection this node conducts: their pool id and name. */
  async leader(
    manager: EntityManager,
    inspectionId: string,
  ): Promise<{ personId: string; name: string } | null> {
    const member = await leaderOf(manager, inspectionId);
    if (!member) return null;
    const person = await manager.findOne(Person, { where: { id: member.personId } });
    return person ? { personId: person.id, name: person.name } : null;
  }

  /** A round of this node, or null (an ancestor's on-site oversight names one). */
  round(manager: EntityManager, id: string): Promise<Round | null> {
    return manager.findOne(Round, { where: { id } });
  }

  /**
   * 回头看 is scheduled in a follow-up round of this node: the round, or the refusal that
   * says it is missing (404) or of another type (409).
   */
  async followUpRound(manager: EntityManager, roundId: string): Promise<Round> {
    const round = await findOrFail(manager, Round, { id: roundId }, () =>
      planningRefusal(
        'ROUND_NOT_FOUND',
        {
          zh: `本节点没有这个轮次（编号 ${roundId}）。请先创建“回头看”轮次再安排`,
          en: `there is no round ${roundId} on this node`,
        },
        404,
      ),
    );
    if (round.type !== 'follow_up')
      throw planningRefusal('NOT_A_FOLLOW_UP_ROUND', {
        zh: `所选轮次是${ROUND_TYPE_LABELS[round.type]}轮次，“回头看”须安排在“回头看”轮次中。请选择或新建“回头看”轮次`,
        en: `round ${roundId} is ${round.type}; a follow-up inspection (回头看) belongs in a follow_up round`,
      });
    return round;
  }

  /** Schedules an inspection of one of this node's own organizations in a round, audited. */
  schedule(
    manager: EntityManager,
    roundId: string,
    organizationCode: string,
    actor: string,
  ): Promise<Inspection> {
    return this.scheduling.inTransaction(manager, roundId, { organizationCode }, actor);
  }
}
