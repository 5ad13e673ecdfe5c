import type { Schemas } from '@/api/client';

export type Pair = Schemas['CrossPairView'];
export type CrossOrder = Schemas['CrossOrderView'];

/** 井陉县 from a map of names, the code where the name is not known here. */
export type Namer = (nodeId: string) => string;

export function namer(nodes: { nodeId: string; name: string }[]): Namer {
  const names = new Map(nodes.map((n) => [n.nodeId, n.name]));
  return (nodeId) => names.get(nodeId) ?? nodeId;
}

/** What the cross page offers a person: planning and ordering need the routes and two peers. */
export function crossActions(
  can: (route: string) => boolean,
  peers: number,
): { plan: boolean; order: boolean } {
  const enough = peers >= 2;
  return {
    plan: enough && can('POST /cross-orders/plan'),
    order: enough && can('POST /cross-orders'),
  };
}

/** The proposal in the ring's order: start at the first peer and follow the visitors. */
export function ringOrder(pairs: Pair[]): Pair[] {
  if (pairs.length === 0) return [];
  const byVisitor = new Map(pairs.map((p) => [p.visitingNode, p]));
  const ordered: Pair[] = [];
  const seen = new Set<string>();
  for (const start of pairs) {
    let next: Pair | undefined = start;
    while (next && !seen.has(next.visitingNode)) {
      seen.add(next.visitingNode);
      ordered.push(next);
      next = byVisitor.get(next.inspectedNode);
    }
  }
  return ordered;
}

/** One row per pair, as the table beside the ring reads: 井陉县巡察组 → 正定县. */
export function pairRows(
  pairs: Pair[],
  name: Namer,
): {
  visitingNode: string;
  inspectedNode: string;
  visitor: string;
  inspected: string;
  text: string;
}[] {
  return ringOrder(pairs).map((p) => ({
    visitingNode: p.visitingNode,
    inspectedNode: p.inspectedNode,
    visitor: name(p.visitingNode),
    inspected: name(p.inspectedNode),
    text: `${name(p.visitingNode)}巡察组 → 巡察${name(p.inspectedNode)}`,
  }));
}

export interface GraphData {
  nodes: { id: string; name: string; x: number; y: number }[];
  links: { source: string; target: string; value: string }[];
}

/**
 * The rotation as a directed ring: the peers on a circle in the ring's order (the first at the
 * top, clockwise), an arrow from each visitor to the peer it inspects.
 */
export function rotationGraph(pairs: Pair[], name: Namer, radius = 100): GraphData {
  const order = ringOrder(pairs).map((p) => p.visitingNode);
  for (const p of pairs) if (!order.includes(p.inspectedNode)) order.push(p.inspectedNode);
  const n = order.length;
  const nodes = order.map((id, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
    return {
      id,
      name: name(id),
      x: Math.round(radius * Math.cos(angle) * 100) / 100,
      y: Math.round(radius * Math.sin(angle) * 100) / 100,
    };
  });
  const links = pairs.map((p) => ({
    source: p.visitingNode,
    target: p.inspectedNode,
    value: `${name(p.visitingNode)} 巡察 ${name(p.inspectedNode)}`,
  }));
  return { nodes, links };
}

/** The ECharts option of the ring (a graph series with arrows, names in Chinese). */
export function rotationOption(pairs: Pair[], name: Namer): Record<string, unknown> {
  const graph = rotationGraph(pairs, name);
  return {
    tooltip: {
      formatter: (p: { data?: { value?: string; name?: string } }) =>
        p.data?.value ?? p.data?.name ?? '',
    },
    series: [
      {
        type: 'graph',
        layout: 'none',
        data: graph.nodes.map((node) => ({
          ...node,
          symbolSize: 64,
          itemStyle: { color: '#b3261e' },
          label: { show: true, color: '#fff', fontSize: 14, fontWeight: 'bold' },
        })),
        links: graph.links.map((link) => ({
          ...link,
          lineStyle: { curveness: 0.2 },
        })),
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 14,
        lineStyle: { width: 2.5, color: '#1f6fd1', opacity: 0.9 },
        edgeLabel: { show: false },
        emphasis: { focus: 'adjacency', lineStyle: { width: 4 } },
        roam: false,
      },
    ],
  };
}

/** Who the node is in an order, as the office reads it. */
export const CROSS_ROLE_LABELS: Record<CrossOrder['role'], string> = {
  ordering: '本级下达',
  visiting: '本级派出巡察组',
  inspected: '本级被交叉巡察',
};

/** The tag type of an order's state: granted green, refused red, ordered grey-blue. */
export function orderStateType(status: CrossOrder['status']): 'success' | 'danger' | 'info' {
  switch (status) {
    case 'granted':
      return 'success';
    case 'refused':
      return 'danger';
    case 'ordered':
      return 'info';
  }
}

/** The orders split by this node's side: what it ordered, whom it sends, who inspects it. */
export function ordersBySide(orders: CrossOrder[]): Record<CrossOrder['role'], CrossOrder[]> {
  return {
    ordering: orders.filter((o) => o.role === 'ordering'),
    visiting: orders.filter((o) => o.role === 'visiting'),
    inspected: orders.filter((o) => o.role === 'inspected'),
  };
}

/** A node label from the API (井陉县（130121）) without the code for a name, or the code alone. */
export function nodeName(label: string): string {
  return label.replace(/（\d{6}）$/, '');
}

/** What POST /cross-orders takes from the proposal and the organizations picked per inspected peer. */
export function assignments(
  pairs: Pair[],
  picked: Record<string, string[]>,
): { visitingNode: string; inspectedNode: string; organizationCodes: string[] }[] {
  return pairs.map((p) => ({
    visitingNode: p.visitingNode,
    inspectedNode: p.inspectedNode,
    organizationCodes: picked[p.inspectedNode] ?? [],
  }));
}

/** The peers still lacking an organization to inspect (ordering needs at least one each). */
export function missingOrganizations(
  pairs: Pair[],
  picked: Record<string, string[]>,
  name: Namer,
): string[] {
  return pairs
    .filter((p) => !(picked[p.inspectedNode]?.length > 0))
    .map((p) => name(p.inspectedNode));
}
