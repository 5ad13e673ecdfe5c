import { refusals } from '@liandong/common';

/**
 * Every refusal code planning answers with, closed: `planningRefusal` throws only these,
 * and the compiler rejects a code not on the list. (The protocol's refusals of inbound
 * events, RefusalError, have their own catalogue.)
 */
export const PLANNING_REFUSALS = [
  // organization registry (对象库)
  'EMPTY_FILE',
  'IMPORT_NOT_FOUND',
  'INVALID_QUERY',
  'NOT_A_DESCENDANT',
  'ORGANIZATION_NOT_FOUND',
  // terms (届期)
  'BAD_TERM',
  'TERM_OVERLAPS',
  // rounds (轮次)
  'BAD_WINDOW',
  'NO_CHILDREN',
  'NOT_A_FOLLOW_UP_ROUND',
  'ROUND_NOT_FOUND',
  // scheduling
  'ALREADY_SCHEDULED',
  'ESCALATED_BY_ANCESTOR',
  'UNDER_CROSS_INSPECTION',
  // inspections, teams (巡察组), feedback and hand-back
  'INSPECTION_NOT_FOUND',
  'NO_FEEDBACK_YET',
  'NO_TEAM',
  'NOT_ON_TEAM',
  'NOT_PLANNED',
  'OUTSIDE_SECONDMENT',
  'OWN_ORGANIZATION',
  'RECUSAL',
  'TEAM_LOCKED',
  'TEAM_ROLES_OVERLAP',
  // cross inspection (交叉巡察)
  'BAD_PLAN_REQUEST',
  'NOT_COMMON_ANCESTOR',
  'NOT_PEERS',
  'RECIPROCAL_PAIR',
  'SELF_INSPECTION',
  // personnel pool and secondment (干部人才库与上挂下派)
  'ALREADY_DECIDED',
  'BAD_DATES',
  'DATES_OUT_OF_ORDER',
  'NOMINEE_NOT_IN_POOL',
  'NOMINEE_NOT_OWN',
  'NOMINEE_NOT_REQUESTED',
  'NOMINEE_REQUIRED',
  'NOMINEE_UNAVAILABLE',
  'NOT_ALONG_THE_TREE',
  'PERSON_NOT_FOUND',
  'SECONDMENT_NOT_FOUND',
  'UNKNOWN_ACCOUNT',
  'USERNAME_TAKEN',
] as const;

export type PlanningRefusalCode = (typeof PLANNING_REFUSALS)[number];

/** `throw planningRefusal('ROUND_NOT_FOUND', roundNotFound(id), 404)`: a DomainError from the catalogue. */
export const planningRefusal = refusals(PLANNING_REFUSALS);
