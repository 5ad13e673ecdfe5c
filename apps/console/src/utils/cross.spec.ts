import { describe, expect, it } from 'vitest';
import {
  assignments,
  crossActions,
  missingOrganizations,
  namer,
  nodeName,
  ordersBySide,
  pairRows,
  ringOrder,
  rotationGraph,
  rotationOption,
  type CrossOrder,
} from './cross';

const name = namer([
  { nodeId: '130121', name: '井陉县' },
  { nodeId: '130123', name: '正定县' },
  { nodeId: '130125', name: '行唐县' },
]);
const ring = [
  { visitingNode: '130123', inspectedNode: '130125' },
  { visitingNode: '130121', inspectedNode: '130123' },
  { visitingNode: '130125', inspectedNode: '130121' },
];

describe('the rotation ring', () => {
  it('follows the visitors round the ring from the first pair', () => {
    expect(ringOrder(ring).map((p) => p.visitingNode)).toEqual(['130123', '130125', '130121']);
  });

  it('reads each pair as visitor and inspected, in Chinese', () => {
    expect(pairRows(ring, name).map((r) => r.text)).toEqual([
      '正定县巡察组 → 巡察行唐县',
      '行唐县巡察组 → 巡察井陉县',
      '井陉县巡察组 → 巡察正定县',
    ]);
  });

  it('puts the peers on a circle, the first at the top, with one arrow per pair', () => {
    const graph = rotationGraph(ring, name, 100);
    expect(graph.nodes.map((n) => n.name)).toEqual(['正定县', '行唐县', '井陉县']);
    expect(graph.nodes[0]).toMatchObject({ x: 0, y: -100 });
    expect(graph.links).toContainEqual({
      source: '130121',
      target: '130123',
      value: '井陉县 巡察 正定县',
    });
    expect(graph.links).toHaveLength(3);
  });

  it('makes a graph series with arrows from visitor to inspected', () => {
    const option = rotationOption(ring, name) as { series: Record<string, unknown>[] };
    expect(option.series[0]).toMatchObject({
      type: 'graph',
      layout: 'none',
      edgeSymbol: ['none', 'arrow'],
    });
    expect((option.series[0].data as { name: string }[]).map((d) => d.name)).toContain('井陉县');
  });

  it('names a node it does not know by its code', () => {
    expect(name('130102')).toBe('130102');
    expect(nodeName('井陉县（130121）')).toBe('井陉县');
    expect(nodeName('130102')).toBe('130102');
  });
});

describe('ordering a rotation', () => {
  it('is offered to the office with two peers or more; planning also to the leading group', () => {
    const office = (r: string) => ['POST /cross-orders/plan', 'POST /cross-orders'].includes(r);
    const group = (r: string) => r === 'POST /cross-orders/plan';
    expect(crossActions(office, 3)).toEqual({ plan: true, order: true });
    expect(crossActions(group, 3)).toEqual({ plan: true, order: false });
    expect(crossActions(office, 1)).toEqual({ plan: false, order: false });
  });

  it('sends the organizations picked for each inspected peer, and names a peer with none', () => {
    const picked = { '130123': ['A'], '130125': ['B', 'C'] };
    expect(assignments(ring, picked)[0]).toEqual({
      visitingNode: '130123',
      inspectedNode: '130125',
      organizationCodes: ['B', 'C'],
    });
    expect(missingOrganizations(ring, picked, name)).toEqual(['井陉县']);
  });

  it('splits the orders by this node’s side', () => {
    const o = (role: CrossOrder['role']) => ({ role }) as CrossOrder;
    const side = ordersBySide([o('ordering'), o('inspected'), o('inspected')]);
    expect([side.ordering.length, side.visiting.length, side.inspected.length]).toEqual([1, 0, 2]);
  });
});
