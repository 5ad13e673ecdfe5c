import type { Schemas } from '@/api/client';

export type Recipient = Schemas['RecipientStatusView'];
/** What a node's line in the status tree shows: its furthest step, or 逾期 when late. */
export type ShownState = Recipient['state'] | 'overdue';

/** The six states of 部署落实情况, each with its colour (the legend of the tree). */
export const SHOWN_STATES: Record<ShownState, { label: string; color: string }> = {
  not_delivered: { label: '未送达', color: '#909399' },
  delivered: { label: '已送达', color: '#409eff' },
  acknowledged: { label: '已签收', color: '#0e9f9a' },
  relayed: { label: '已转发', color: '#7b4fd6' },
  reported: { label: '已报告', color: '#3d9a2b' },
  overdue: { label: '逾期', color: '#e0302d' },
};

/** A late node shows 逾期 until it reports; otherwise its furthest step. */
export function shownState(node: Pick<Recipient, 'state' | 'overdue'>): ShownState {
  return node.overdue && node.state !== 'reported' ? 'overdue' : node.state;
}

/** When the node took its furthest step (the time shown beside the state). */
export function stepTime(node: Recipient): string | null {
  switch (node.state) {
    case 'reported':
      return node.reportedAt;
    case 'relayed':
      return node.relayedAt;
    case 'acknowledged':
      return node.acknowledgedAt;
    case 'delivered':
      return node.receivedAt;
    case 'not_delivered':
      return null;
  }
}

export interface StatusTreeNode {
  id: string;
  label: string;
  node: Recipient;
  shown: ShownState;
  children: StatusTreeNode[];
}

/**
 * The recipients as a tree under the issuing node: each hangs under its parent; a node whose
 * parent is not a recipient (a child of the issuer) is a root. Children sorted by code.
 */
export function statusTree(nodes: Recipient[]): StatusTreeNode[] {
  const byId = new Map<string, StatusTreeNode>();
  for (const node of nodes)
    byId.set(node.nodeId, {
      id: node.nodeId,
      label: `${node.name}（${node.nodeId}）`,
      node,
      shown: shownState(node),
      children: [],
    });
  const roots: StatusTreeNode[] = [];
  for (const item of byId.values()) {
    const parent = item.node.parentId ? byId.get(item.node.parentId) : undefined;
    (parent ? parent.children : roots).push(item);
  }
  const sort = (list: StatusTreeNode[]) => {
    list.sort((a, b) => a.id.localeCompare(b.id));
    for (const item of list) sort(item.children);
  };
  sort(roots);
  return roots;
}

/** Up to this many nodes the whole tree opens; a larger one opens its first level only. */
export const OPEN_ALL_UP_TO = 200;

/** The nodes shown open at first: every parent of a small tree, the top level of a large one. */
export function expandedKeys(nodes: Pick<Recipient, 'nodeId' | 'parentId'>[]): string[] {
  const ids = new Set(nodes.map((n) => n.nodeId));
  const parents = new Set(
    nodes.map((n) => n.parentId).filter((id): id is string => !!id && ids.has(id)),
  );
  if (nodes.length <= OPEN_ALL_UP_TO) return [...parents];
  return nodes
    .filter((n) => parents.has(n.nodeId) && !(n.parentId && ids.has(n.parentId)))
    .map((n) => n.nodeId);
}

/** How many nodes show each state (the legend's counts). */
export function stateCounts(nodes: Recipient[]): Record<ShownState, number> {
  const counts = Object.fromEntries(Object.keys(SHOWN_STATES).map((k) => [k, 0])) as Record<
    ShownState,
    number
  >;
  for (const node of nodes) counts[shownState(node)] += 1;
  return counts;
}

export type Directive = Schemas['DirectiveView'];

/** Where a directive received here stands (the received list's state column). */
export function receivedState(directive: Directive): ShownState {
  if (directive.overdue && !directive.reportedAt) return 'overdue';
  if (directive.reportedAt) return 'reported';
  if (directive.relayedDirectiveId) return 'relayed';
  if (directive.acknowledgedAt) return 'acknowledged';
  return 'delivered';
}
