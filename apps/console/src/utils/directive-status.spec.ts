import { describe, expect, it } from 'vitest';
import {
  receivedState,
  SHOWN_STATES,
  shownState,
  stateCounts,
  statusTree,
  stepTime,
  type Directive,
  type Recipient,
  type StatusTreeNode,
} from './directive-status';

function recipient(over: Partial<Recipient> & Pick<Recipient, 'nodeId'>): Recipient {
  return {
    name: `节点${over.nodeId}`,
    tier: 'county',
    tierLabel: '县级',
    parentId: null,
    state: 'delivered',
    receivedAt: null,
    acknowledgedAt: null,
    relayedAt: null,
    received: true,
    acknowledged: false,
    relayed: false,
    reported: false,
    overdue: false,
    statusLabel: '已送达',
    acknowledgedBy: null,
    reportedAt: null,
    reportSummary: null,
    ...over,
  };
}

function directive(over: Partial<Directive> = {}): Directive {
  return {
    id: 'd-1',
    origin: 'received',
    issuerNode: '130000',
    title: '关于开展新一轮巡视巡察工作的部署',
    body: '正文',
    scope: 'children',
    reportDueAt: '2026-12-31T15:59:59.000Z',
    parentDirectiveId: null,
    policies: [],
    issuedAt: '2026-11-01T02:00:00.000Z',
    receivedAt: '2026-11-01T02:00:05.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    relayedDirectiveId: null,
    reportedAt: null,
    reportSummary: null,
    overdue: false,
    confidentialAnnexes: [],
    ...over,
  };
}

/** The tree as nested ids, to compare shapes. */
function shape(nodes: StatusTreeNode[]): unknown[] {
  return nodes.map((n) => (n.children.length ? { [n.id]: shape(n.children) } : n.id));
}

describe('shownState', () => {
  it('shows the furthest step of a node on time', () => {
    expect(shownState({ state: 'acknowledged', overdue: false })).toBe('acknowledged');
    expect(shownState({ state: 'not_delivered', overdue: false })).toBe('not_delivered');
  });

  it('shows 逾期 for a late node at any step before reporting', () => {
    for (const state of ['not_delivered', 'delivered', 'acknowledged', 'relayed'] as const)
      expect(shownState({ state, overdue: true })).toBe('overdue');
  });

  it('shows 已报告 once a late node reports', () => {
    expect(shownState({ state: 'reported', overdue: true })).toBe('reported');
  });
});

describe('SHOWN_STATES', () => {
  it('labels each of the six states in Chinese', () => {
    expect(Object.fromEntries(Object.entries(SHOWN_STATES).map(([k, v]) => [k, v.label]))).toEqual({
      not_delivered: '未送达',
      delivered: '已送达',
      acknowledged: '已签收',
      relayed: '已转发',
      reported: '已报告',
      overdue: '逾期',
    });
  });
});

describe('stepTime', () => {
  const times = {
    receivedAt: '2026-11-01T02:00:00Z',
    acknowledgedAt: '2026-11-02T02:00:00Z',
    relayedAt: '2026-11-03T02:00:00Z',
    reportedAt: '2026-11-04T02:00:00Z',
  };

  it('gives the time of the furthest step', () => {
    const at = (state: Recipient['state']) => stepTime(recipient({ nodeId: '1', state, ...times }));
    expect(at('delivered')).toBe(times.receivedAt);
    expect(at('acknowledged')).toBe(times.acknowledgedAt);
    expect(at('relayed')).toBe(times.relayedAt);
    expect(at('reported')).toBe(times.reportedAt);
  });

  it('gives no time for a node not yet delivered', () => {
    expect(stepTime(recipient({ nodeId: '1', state: 'not_delivered', ...times }))).toBeNull();
  });
});

describe('statusTree', () => {
  it('hangs nodes under their parents and sorts children by code', () => {
    const tree = statusTree([
      recipient({ nodeId: '130200', parentId: '130000' }),
      recipient({ nodeId: '130121', parentId: '130100' }),
      recipient({ nodeId: '130100', parentId: '130000' }),
      recipient({ nodeId: '130102', parentId: '130100' }),
      recipient({ nodeId: '130203', parentId: '130200' }),
    ]);
    // 130000 is the issuer, not a recipient: its children are the roots.
    expect(shape(tree)).toEqual([{ '130100': ['130102', '130121'] }, { '130200': ['130203'] }]);
  });

  it('makes a node with no parent a root', () => {
    const tree = statusTree([
      recipient({ nodeId: '130100', parentId: null }),
      recipient({ nodeId: '130102', parentId: '130100' }),
    ]);
    expect(shape(tree)).toEqual([{ '130100': ['130102'] }]);
  });

  it('labels each node with name and code, and carries its shown state', () => {
    const node = recipient({
      nodeId: '130121',
      name: '井陉县',
      parentId: '130100',
      state: 'acknowledged',
      overdue: true,
    });
    const [item] = statusTree([node]);
    expect(item.id).toBe('130121');
    expect(item.label).toBe('井陉县（130121）');
    expect(item.shown).toBe('overdue');
    expect(item.node).toBe(node);
    expect(item.children).toEqual([]);
  });

  it('is empty for no recipients', () => {
    expect(statusTree([])).toEqual([]);
  });
});

describe('stateCounts', () => {
  it('counts nodes by the state they show, zero for the rest', () => {
    const counts = stateCounts([
      recipient({ nodeId: '1', state: 'delivered' }),
      recipient({ nodeId: '2', state: 'delivered' }),
      recipient({ nodeId: '3', state: 'delivered', overdue: true }),
      recipient({ nodeId: '4', state: 'reported', overdue: true }),
      recipient({ nodeId: '5', state: 'relayed' }),
    ]);
    expect(counts).toEqual({
      not_delivered: 0,
      delivered: 2,
      acknowledged: 0,
      relayed: 1,
      reported: 1,
      overdue: 1,
    });
  });
});

describe('receivedState', () => {
  it('is 已送达 for a directive just received', () => {
    expect(receivedState(directive())).toBe('delivered');
  });

  it('follows the furthest step taken here', () => {
    const acknowledgedAt = '2026-11-02T02:00:00Z';
    expect(receivedState(directive({ acknowledgedAt }))).toBe('acknowledged');
    expect(receivedState(directive({ acknowledgedAt, relayedDirectiveId: 'd-2' }))).toBe('relayed');
    expect(
      receivedState(
        directive({
          acknowledgedAt,
          relayedDirectiveId: 'd-2',
          reportedAt: '2026-11-05T02:00:00Z',
        }),
      ),
    ).toBe('reported');
  });

  it('is 逾期 when late and not reported, 已报告 once reported', () => {
    expect(
      receivedState(directive({ overdue: true, acknowledgedAt: '2026-11-02T02:00:00Z' })),
    ).toBe('overdue');
    expect(receivedState(directive({ overdue: true, reportedAt: '2027-01-05T02:00:00Z' }))).toBe(
      'reported',
    );
  });
});
