import { findOrFail, Text } from '@liandong/common';
import { EntityManager } from 'typeorm';
import { Round, RoundLink } from '../entities';
import { planningRefusal } from '../planning.errors';

/** The refusal text for a round id this node does not hold. */
export function roundNotFound(id: string): Text {
  return {
    zh: `本节点没有编号为 ${id} 的轮次，请检查编号，或先建立轮次（POST /rounds）`,
    en: `there is no round ${id} on this node`,
  };
}

export function findRound(manager: EntityManager, id: string): Promise<Round | null> {
  return manager.findOne(Round, { where: { id } });
}

/** A round of this node, or ROUND_NOT_FOUND (404). */
export function findRoundOrFail(manager: EntityManager, id: string): Promise<Round> {
  return findOrFail(manager, Round, { id }, () =>
    planningRefusal('ROUND_NOT_FOUND', roundNotFound(id), 404),
  );
}

/** A round an inspection or order of this node refers to, which must be there. */
export function roundOf(manager: EntityManager, id: string): Promise<Round> {
  return manager.findOneOrFail(Round, { where: { id } });
}

/** This node's round for an ancestor's round, if it opened one. */
export function roundLinkedTo(
  manager: EntityManager,
  parentRoundId: string,
): Promise<Round | null> {
  return manager.findOne(Round, { where: { parentRoundId } });
}

export function allRounds(manager: EntityManager): Promise<Round[]> {
  return manager.find(Round, { order: { createdAt: 'DESC' } });
}

export async function insertRound(manager: EntityManager, round: Round): Promise<Round> {
  const row = manager.create(Round, round);
  await manager.insert(Round, row);
  return row;
}

export function linksOf(manager: EntityManager, roundId: string): Promise<RoundLink[]> {
  return manager.find(RoundLink, { where: { roundId }, order: { childNode: 'ASC' } });
}

/** The children asked for a linked round of `roundId`, none answered yet. */
export async function insertLinks(
  manager: EntityManager,
  roundId: string,
  children: string[],
): Promise<void> {
  await manager.insert(
    RoundLink,
    children.map((child) => ({
      roundId,
      childNode: child,
      childRoundId: null,
      acknowledgedAt: null,
    })),
  );
}

/** Records a child's answer; false when that child was not asked for this round. */
export async function acknowledgeLink(
  manager: EntityManager,
  link: Pick<RoundLink, 'roundId' | 'childNode' | 'childRoundId' | 'acknowledgedAt'>,
): Promise<boolean> {
  const result = await manager.update(
    RoundLink,
    { roundId: link.roundId, childNode: link.childNode },
    { childRoundId: link.childRoundId, acknowledgedAt: link.acknowledgedAt },
  );
  return Boolean(result.affected);
}
