import { addYears } from '@liandong/protocol';

/** The rules of 回避, each with the reason a clerk reads. */
export type RecusalRule = 'home_unit' | 'home_jurisdiction' | 'recent_post' | 'relative';

export interface RecusalSubject {
  id: string;
  name: string;
  homeJurisdiction: string;
  homeUnitCode: string | null;
  homeUnitName: string;
  posts: Array<{
    unitCode: string;
    unitName: string;
    title: string;
    from: string;
    to: string | null;
  }>;
  relations: Array<{ name: string; relation: string; unitCode: string; unitName: string }>;
}

export interface RecusalTarget {
  ownerNode: string;
  organizationCode: string;
  organizationName: string;
  /** The first day of the inspection's window: recent posts are measured back from it. */
  windowStart: string;
}

/** Each rule in English, for logs and foreign clients. */
export const RECUSAL_RULES_EN: Record<RecusalRule, string> = {
  home_unit: 'works at the inspected organization',
  home_jurisdiction: 'comes from the inspected jurisdiction, inspected from outside it',
  recent_post: 'held a post at the inspected organization within the recusal period',
  relative: 'has a relative holding a post at the inspected organization',
};

export interface Recusal {
  personId: string;
  name: string;
  rule: RecusalRule;
  reason: string;
}

/**
 * Why a person must not inspect a target (回避), empty when they may. Organizations are
 * matched by registry code (a unified social credit code, unique nationwide):
 * - home unit: the person works at the target;
 * - home jurisdiction: the person comes from the target's jurisdiction and the inspection is
 *   conducted from outside it (escalated or cross) — the reason cross inspection exists;
 * - recent post: the person served at the target within `recentPostYears` before the window;
 * - relative: a declared relative holds a post at the target.
 */
export function recusalsFor(
  person: RecusalSubject,
  target: RecusalTarget,
  context: {
    conductingNode: string;
    recentPostYears: number;
    /** How a node is named in a reason (石家庄市（130100）); the bare code by default. */
    nodeLabel?: (nodeId: string) => string;
  },
): Recusal[] {
  const found: Recusal[] = [];
  const add = (rule: RecusalRule, reason: string) =>
    found.push({ personId: person.id, name: person.name, rule, reason });
  const org = `${target.organizationName}（${target.organizationCode}）`;
  if (person.homeUnitCode === target.organizationCode)
    add('home_unit', `${person.name}的工作单位即被巡察对象${org}`);
  if (person.homeJurisdiction === target.ownerNode && context.conductingNode !== target.ownerNode)
    add(
      'home_jurisdiction',
      `${person.name}来自被巡察地区 ${context.nodeLabel?.(target.ownerNode) ?? target.ownerNode}，不得参加对该地区的提级或交叉巡察`,
    );
  const cutoff = addYears(target.windowStart, -context.recentPostYears);
  for (const post of person.posts) {
    if (post.unitCode !== target.organizationCode) continue;
    if (post.to === null || post.to >= cutoff)
      add(
        'recent_post',
        `${person.name}于 ${post.from} 至 ${post.to ?? '今'} 在${org}任${post.title}，未满 ${context.recentPostYears} 年`,
      );
  }
  for (const relative of person.relations) {
    if (relative.unitCode === target.organizationCode)
      add('relative', `${person.name}的${relative.relation}${relative.name}在${org}任职`);
  }
  return found;
}
