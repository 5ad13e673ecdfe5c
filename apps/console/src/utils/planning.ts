import type { FieldProblem, Schemas } from '@/api/client';

/** 轮次与巡察 and 巡察组: the labels, pickers and actions of the planning pages. */

export type Round = Schemas['RoundView'];
export type RoundDetail = Schemas['RoundDetailView'];
export type Inspection = Schemas['InspectionView'];
export type InspectionDetail = Schemas['InspectionDetailView'];
export type Person = Schemas['PersonView'];
export type Organization = Schemas['OrganizationView'];
export type FederationNode = Schemas['FederationNodeView'];
export type RoundType = Round['type'];
export type InspectionMode = Inspection['mode'];
export type TeamRole = Schemas['TeamMemberView']['role'];

/** The round types as libs/planning names them (ROUND_TYPE_LABELS, ROUND_TYPE_SHORT_LABELS). */
export const ROUND_TYPES: Array<{ value: RoundType; label: string; short: string }> = [
  { value: 'regular', label: '常规巡察', short: '常规' },
  { value: 'thematic', label: '专项巡察', short: '专项' },
  { value: 'mobile', label: '机动巡察', short: '机动' },
  { value: 'follow_up', label: '巡察“回头看”', short: '回头看' },
];

/** 常规 / 专项 / 机动 / 回头看 */
export function roundTypeShort(type: RoundType): string {
  return ROUND_TYPES.find((t) => t.value === type)?.short ?? type;
}

/** One colour per round type, the same on every page. */
export const ROUND_TYPE_TAGS: Record<RoundType, 'primary' | 'success' | 'warning' | 'info'> = {
  regular: 'primary',
  thematic: 'success',
  mobile: 'warning',
  follow_up: 'info',
};

/** 本级 / 提级 / 交叉 as a tag. */
export const MODE_SHORT: Record<InspectionMode, string> = {
  own: '本级',
  escalated: '提级',
  cross: '交叉',
};
export const MODE_TAGS: Record<InspectionMode, 'info' | 'danger' | 'warning'> = {
  own: 'info',
  escalated: 'danger',
  cross: 'warning',
};

/** Inspection states in the three colours: done green, waiting yellow, refused red. */
export const STATUS_TAGS: Record<Inspection['status'], 'success' | 'warning' | 'danger' | 'info'> =
  {
    requested: 'warning',
    planned: 'info',
    refused: 'danger',
    feedback_given: 'success',
    handed_back: 'success',
  };

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  leader: '组长',
  deputy_leader: '副组长',
  member: '成员',
};

/** A node as a person reads it: its name, or its code when this node does not know the name. */
export function nodeName(name: string | null | undefined, code: string): string {
  return name || `节点 ${code}`;
}

/**
 * Who conducts a hosted inspection, as the organization's node says it: 石家庄市提级巡察,
 * 正定县交叉巡察; for an inspection this node conducts, null.
 */
export function hostedBy(inspection: Inspection): string | null {
  if (inspection.role !== 'hosted') return null;
  const by = nodeName(inspection.conductingNodeName, inspection.conductingNode);
  return `由${by}${inspection.mode === 'cross' ? '交叉巡察' : '提级巡察'}`;
}

/** For an escalated inspection this node conducts: whose organization it is (井陉县的对象). */
export function ownedBy(inspection: Inspection): string | null {
  if (inspection.role !== 'conducting' || inspection.mode === 'own') return null;
  return `${nodeName(inspection.ownerNodeName, inspection.ownerNode)}的对象`;
}

/** The nodes below this one (the descendants an escalation may pick from), by name. */
export function descendantsOf(nodes: FederationNode[], self: string): FederationNode[] {
  return nodes
    .filter((n) => n.nodeId !== self && n.path.includes(self))
    .sort((a, b) => a.path.length - b.path.length || a.nodeId.localeCompare(b.nodeId));
}

/** The node picker's filter: part of the name (or of the code, for those who know it). */
export function matchesNode(node: FederationNode, query: string): boolean {
  const q = query.trim();
  return !q || node.name.includes(q) || node.nodeId.startsWith(q);
}

/** The registry picker's query: what was typed, trimmed; nothing typed asks for the first page. */
export function registryQuery(text: string, limit = 20): { q?: string; limit: number } {
  const q = text.trim().slice(0, 100);
  return q ? { q, limit } : { limit };
}

/** 井陉县纪委监委 副主任 · 纪检监察机关: what tells two people of the same name apart. */
export function personDescription(person: Person): string {
  const held = person.posts.filter((p) => !p.to).map((p) => `${p.unitName} ${p.title}`);
  const where = held.length ? held.join('，') : person.homeUnitName;
  const lent = person.lentBy ? ' · 借调' : '';
  return `${where} · ${person.sourceBodyLabel}${lent}`;
}

/** The people picker's filter: part of the name, of the unit or of a post. */
export function matchesPerson(person: Person, query: string): boolean {
  const q = query.trim();
  if (!q) return true;
  return (
    person.name.includes(q) ||
    person.homeUnitName.includes(q) ||
    person.posts.some((p) => p.unitName.includes(q) || p.title.includes(q))
  );
}

/** One row of the team being formed: a role and the person chosen for it (or none yet). */
export interface TeamRow {
  key: string;
  role: TeamRole;
  personId: string;
}

let rowSequence = 0;
export function teamRow(role: TeamRole, personId = ''): TeamRow {
  rowSequence += 1;
  return { key: `row-${rowSequence}`, role, personId };
}

/** The rows of a saved team (or a leader's, a deputy's and one member's empty rows). */
export function rowsOfTeam(team: InspectionDetail['team']): TeamRow[] {
  const leader = team.find((m) => m.role === 'leader');
  const deputy = team.find((m) => m.role === 'deputy_leader');
  const members = team.filter((m) => m.role === 'member');
  return [
    teamRow('leader', leader?.personId),
    teamRow('deputy_leader', deputy?.personId),
    ...(members.length ? members.map((m) => teamRow('member', m.personId)) : [teamRow('member')]),
  ];
}

/** The body of PUT /inspections/{id}/team from the rows; empty member rows are left out. */
export function teamBody(rows: TeamRow[]): Schemas['TeamDto'] {
  const leader = rows.find((r) => r.role === 'leader')?.personId ?? '';
  const deputy = rows.find((r) => r.role === 'deputy_leader')?.personId;
  return {
    leaderId: leader,
    ...(deputy ? { deputyLeaderId: deputy } : {}),
    memberIds: rows.filter((r) => r.role === 'member' && r.personId).map((r) => r.personId),
  };
}

/** What must be chosen before the team can be sent, in Chinese; null when it can. */
export function teamIncomplete(rows: TeamRow[]): string | null {
  const chosen = rows.filter((r) => r.personId).map((r) => r.personId);
  if (!rows.find((r) => r.role === 'leader')?.personId) return '请选择组长';
  if (new Set(chosen).size !== chosen.length)
    return '同一人只能在巡察组中担任一个角色，请删去重复的人员';
  return null;
}

/**
 * A RECUSAL refusal of PUT /inspections/{id}/team, as the rows show it: each refused
 * person's reasons beside every row that holds that person (field = person id). Fields that
 * name no row's person are returned apart, to be shown above the form.
 */
export function recusalsByRow(
  rows: TeamRow[],
  fields: FieldProblem[],
): { byRow: Record<string, string[]>; unplaced: FieldProblem[] } {
  const byRow: Record<string, string[]> = {};
  const unplaced: FieldProblem[] = [];
  for (const field of fields) {
    const holders = rows.filter((r) => r.personId && r.personId === field.field);
    if (!holders.length) unplaced.push(field);
    for (const row of holders) byRow[row.key] = [...(byRow[row.key] ?? []), ...field.problems];
  }
  return { byRow, unplaced };
}

/** What the signed-in person may do on an inspection page, as the API allows it. */
export interface InspectionActions {
  team: boolean;
  feedback: boolean;
  handBack: boolean;
  findings: boolean;
  reports: boolean;
}

/**
 * Only the conducting node acts on an inspection: the office forms the team while it is
 * planned, gives feedback once a leader is on it, and — for another node's organization —
 * hands rectification supervision back after feedback. Findings and reports live where the
 * inspection is conducted.
 */
export function inspectionActions(
  inspection: InspectionDetail,
  can: (route: string) => boolean,
  self: string,
): InspectionActions {
  const conducting = inspection.role === 'conducting';
  const planned = conducting && inspection.status === 'planned';
  const hasLeader = inspection.team.some((m) => m.role === 'leader');
  return {
    team: planned && can('PUT /inspections/{id}/team'),
    feedback: planned && hasLeader && can('POST /inspections/{id}/feedback'),
    handBack:
      conducting &&
      inspection.status === 'feedback_given' &&
      inspection.ownerNode !== self &&
      can('POST /inspections/{id}/hand-back'),
    findings: conducting && can('GET /inspections/{id}/findings'),
    reports: conducting && can('GET /inspections/{id}/reports'),
  };
}

/** What the office may do in a round: schedule its own, escalate a descendant's. */
export function roundActions(
  can: (route: string) => boolean,
  descendants: FederationNode[],
): { schedule: boolean; escalate: boolean } {
  const schedule = can('POST /rounds/{id}/inspections');
  return {
    schedule: schedule && can('GET /organizations'),
    escalate:
      schedule && descendants.length > 0 && can('GET /federation/nodes/{nodeId}/organizations'),
  };
}

/**
 * 巡视带巡察: each child asked for a linked round, with whether it took it up and the
 * results its inspections reported under this round.
 */
export function linkedChildren(
  round: RoundDetail,
  nodes: FederationNode[],
): Array<{
  nodeId: string;
  name: string;
  acknowledgedAt: string | null;
  results: Inspection[];
}> {
  return round.links.map((link) => ({
    nodeId: link.childNode,
    name: nodeName(nodes.find((n) => n.nodeId === link.childNode)?.name, link.childNode),
    acknowledgedAt: link.acknowledgedAt,
    results: round.reported.filter((i) => i.conductingNode === link.childNode),
  }));
}
