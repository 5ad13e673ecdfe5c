import {
  CrossConflict,
  CrossPair,
  RotationPlan,
  RotationRequest,
  planRotation,
} from './rotation-planner';

const key = (visiting: string, inspected: string): string => `${visiting}->${inspected}`;

/** Independent check of a plan against every rule; returns what is wrong (empty when valid). */
function violations(request: RotationRequest, assignments: CrossPair[]): string[] {
  const problems: string[] = [];
  const peers = new Set(request.peers);
  const forbidden = new Set(
    [...(request.previousPairs ?? []), ...(request.conflicts ?? [])].map((p) =>
      key(p.visitingNode, p.inspectedNode),
    ),
  );
  const targetOf = new Map<string, string>();
  const visitorOf = new Map<string, string>();
  for (const { visitingNode: a, inspectedNode: b } of assignments) {
    if (!peers.has(a) || !peers.has(b)) problems.push(`unknown node in ${key(a, b)}`);
    if (targetOf.has(a)) problems.push(`${a} inspects twice`);
    if (visitorOf.has(b)) problems.push(`${b} inspected twice`);
    if (a === b) problems.push(`self-inspection ${a}`);
    if (forbidden.has(key(a, b))) problems.push(`forbidden pair ${key(a, b)}`);
    targetOf.set(a, b);
    visitorOf.set(b, a);
  }
  for (const peer of peers) {
    if (!targetOf.has(peer)) problems.push(`${peer} inspects nobody`);
    if (!visitorOf.has(peer)) problems.push(`${peer} is not inspected`);
    const target = targetOf.get(peer);
    if (target !== undefined && targetOf.get(target) === peer) {
      problems.push(`reciprocal ${key(peer, target)}`);
    }
  }
  if (assignments.length !== peers.size) problems.push(`${assignments.length} assignments`);
  const order = assignments.map((p) => p.visitingNode);
  if (order.join() !== [...order].sort().join()) problems.push('not ordered by visitingNode');
  return problems;
}

/** Brute force over permutations (pruned only by the rules themselves): does any plan exist? */
function bruteForceExists(request: RotationRequest): boolean {
  const peers = request.peers;
  const forbidden = new Set(
    [...(request.previousPairs ?? []), ...(request.conflicts ?? [])].map((p) =>
      key(p.visitingNode, p.inspectedNode),
    ),
  );
  const targetOf = new Map<string, string>();
  const used = new Set<string>();
  const place = (i: number): boolean => {
    if (i === peers.length) return true;
    const a = peers[i];
    for (const b of peers) {
      if (b === a || used.has(b) || forbidden.has(key(a, b)) || targetOf.get(b) === a) continue;
      targetOf.set(a, b);
      used.add(b);
      if (place(i + 1)) return true;
      targetOf.delete(a);
      used.delete(b);
    }
    return false;
  };
  return place(0);
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n distinct six-digit ids in random order, each ordered pair forbidden with `density`. */
function randomRequest(random: () => number, n: number, density: number): RotationRequest {
  const ids = new Set<string>();
  while (ids.size < n) ids.add(String(130100 + Math.floor(random() * 900)));
  const peers = [...ids];
  const previousPairs: CrossPair[] = [];
  const conflicts: CrossConflict[] = [];
  for (const visitingNode of peers) {
    for (const inspectedNode of peers) {
      if (visitingNode === inspectedNode || random() >= density) continue;
      if (random() < 0.5) previousPairs.push({ visitingNode, inspectedNode });
      else conflicts.push({ visitingNode, inspectedNode, reason: 'relative in leadership' });
    }
  }
  // Pairs naming nodes outside the round are ignored by the planner.
  previousPairs.push({ visitingNode: '999999', inspectedNode: peers[0] });
  conflicts.push({ visitingNode: peers[0], inspectedNode: '999998', reason: 'not a peer' });
  return { peers, previousPairs, conflicts };
}

function expectFeasible(request: RotationRequest, plan: RotationPlan): CrossPair[] {
  if (!plan.feasible)
    throw new Error(`expected a plan, got: ${plan.reasons.map((r) => r.en).join(' | ')}`);
  expect(violations(request, plan.assignments)).toEqual([]);
  return plan.assignments;
}

/** The English explanations (each has its Chinese beside it). */
function expectInfeasible(plan: RotationPlan): string[] {
  if (plan.feasible) throw new Error(`expected no plan, got ${JSON.stringify(plan.assignments)}`);
  expect(plan.reasons.length).toBeGreaterThan(0);
  for (const reason of plan.reasons) expect(reason.zh).toMatch(/[\u4e00-\u9fff]/);
  return plan.reasons.map((reason) => reason.en);
}

describe('planRotation', () => {
  it('plans a 3-cycle for 3 unconstrained peers', () => {
    const request = { peers: ['130123', '130121', '130122'] };
    const assignments = expectFeasible(request, planRotation(request));
    expect(assignments).toEqual([
      { visitingNode: '130121', inspectedNode: '130122' },
      { visitingNode: '130122', inspectedNode: '130123' },
      { visitingNode: '130123', inspectedNode: '130121' },
    ]);
  });

  it('explains that 2 peers can only inspect each other', () => {
    const reasons = expectInfeasible(planRotation({ peers: ['130122', '130121'] }));
    expect(reasons[0]).toBe(
      'with only 2 peers every rotation is reciprocal ' +
        '(130121 inspects 130122 while 130122 inspects 130121)',
    );
    const names: Record<string, string> = { '130121': '井陉县', '130122': '井陉矿区' };
    const plan = planRotation({
      peers: ['130122', '130121'],
      label: (id) => `${names[id]}（${id}）`,
    });
    expect(plan.feasible ? [] : plan.reasons[0].zh).toBe(
      '只有两个单位参与交叉，只能互查（井陉县（130121）查井陉矿区（130122），井陉矿区（130122）又查井陉县（130121）），而互查是不允许的。请至少列出三个单位',
    );
  });

  it('does not repeat the previous 4-cycle', () => {
    const [a, b, c, d] = ['130121', '130122', '130123', '130124'];
    const request: RotationRequest = {
      peers: [a, b, c, d],
      previousPairs: [
        { visitingNode: a, inspectedNode: b },
        { visitingNode: b, inspectedNode: c },
        { visitingNode: c, inspectedNode: d },
        { visitingNode: d, inspectedNode: a },
      ],
    };
    const assignments = expectFeasible(request, planRotation(request));
    const previous = new Set(
      request.previousPairs?.map((p) => key(p.visitingNode, p.inspectedNode)),
    );
    for (const p of assignments)
      expect(previous.has(key(p.visitingNode, p.inspectedNode))).toBe(false);
  });

  it('names every excluded target of a peer that may inspect nobody', () => {
    const request: RotationRequest = {
      peers: ['130121', '130122', '130123', '130124'],
      previousPairs: [{ visitingNode: '130121', inspectedNode: '130123' }],
      conflicts: [
        {
          visitingNode: '130121',
          inspectedNode: '130122',
          reason: 'team leader is a former director',
        },
        { visitingNode: '130121', inspectedNode: '130124', reason: 'spouse works there' },
        { visitingNode: '130121', inspectedNode: '130123', reason: 'same county' },
      ],
    };
    const reasons = expectInfeasible(planRotation(request));
    expect(reasons).toEqual([
      '130121 has no peer it may inspect: ' +
        '130122 (recusal: team leader is a former director), ' +
        '130123 (inspected by it in the previous round; recusal: same county), ' +
        '130124 (recusal: spouse works there)',
    ]);
  });

  it('names a peer that nobody may inspect', () => {
    const request: RotationRequest = {
      peers: ['130121', '130122', '130123'],
      previousPairs: [{ visitingNode: '130122', inspectedNode: '130121' }],
      conflicts: [{ visitingNode: '130123', inspectedNode: '130121', reason: 'audit overlap' }],
    };
    expect(expectInfeasible(planRotation(request))).toEqual([
      'no peer may inspect 130121: ' +
        '130122 (inspected it in the previous round), 130123 (recusal: audit overlap)',
    ]);
  });

  it('reports a Hall violation: two teams that may only inspect the same peer', () => {
    const [a, b, c, d] = ['130121', '130122', '130123', '130124'];
    const conflict = (visitingNode: string, inspectedNode: string): CrossConflict => ({
      visitingNode,
      inspectedNode,
      reason: 'conflict of interest',
    });
    const request: RotationRequest = {
      peers: [a, b, c, d],
      conflicts: [conflict(a, b), conflict(a, d), conflict(b, a), conflict(b, d)],
    };
    expect(bruteForceExists(request)).toBe(false);
    const reasons = expectInfeasible(planRotation(request));
    expect(reasons).toEqual([
      'no assignment satisfies all constraints: every permutation was tried',
      `peers ${a}, ${b} may together inspect only ${c}: 2 visiting teams for 1 possible target`,
    ]);
  });

  it('finds a Hall violation among many peers from a maximum matching', () => {
    const peers = Array.from({ length: 20 }, (_, i) => String(130101 + i));
    const [open1, open2] = [peers[10], peers[11]];
    const conflicts = peers
      .slice(0, 3)
      .flatMap((visitingNode) =>
        peers
          .filter((inspectedNode) => ![visitingNode, open1, open2].includes(inspectedNode))
          .map((inspectedNode) => ({ visitingNode, inspectedNode, reason: 'same township' })),
      );
    const request: RotationRequest = { peers, conflicts };
    expect(bruteForceExists(request)).toBe(false);
    expect(expectInfeasible(planRotation(request))).toEqual([
      'no assignment satisfies all constraints: every permutation was tried',
      `peers 130101, 130102, 130103 may together inspect only ${open1}, ${open2}: ` +
        '3 visiting teams for 2 possible targets',
    ]);
  });

  it('explains when only reciprocal assignments remain', () => {
    const [a, b, c, d] = ['130121', '130122', '130123', '130124'];
    const request: RotationRequest = {
      peers: [a, b, c, d],
      previousPairs: [
        { visitingNode: a, inspectedNode: c },
        { visitingNode: a, inspectedNode: d },
        { visitingNode: b, inspectedNode: c },
        { visitingNode: b, inspectedNode: d },
      ],
    };
    const reasons = expectInfeasible(planRotation(request));
    expect(reasons[0]).toBe('no assignment satisfies all constraints: every permutation was tried');
    expect(reasons).toContain(
      `${a} must inspect ${b} and ${b} must inspect ${a} (each is the only option left), ` +
        'which is reciprocal',
    );
  });

  it('rejects invalid peer lists and ignores pairs naming other nodes', () => {
    expect(() => planRotation({ peers: ['130121'] })).toThrow(/at least 2 peers/);
    expect(() => planRotation({ peers: ['130121', '130122', '130121'] })).toThrow(
      /duplicate peer ids: 130121/,
    );
    const many = Array.from({ length: 65 }, (_, i) => String(130000 + i));
    expect(() => planRotation({ peers: many })).toThrow(/at most 64 peers/);
    const request: RotationRequest = {
      peers: ['130121', '130122', '130123'],
      previousPairs: [{ visitingNode: '130121', inspectedNode: '999999' }],
      conflicts: [{ visitingNode: '999999', inspectedNode: '130122', reason: 'elsewhere' }],
    };
    expectFeasible(request, planRotation(request));
  });

  it('is deterministic regardless of input order', () => {
    const random = mulberry32(7);
    const request = randomRequest(random, 9, 0.3);
    const reversed: RotationRequest = {
      peers: [...request.peers].reverse(),
      previousPairs: [...(request.previousPairs ?? [])].reverse(),
      conflicts: [...(request.conflicts ?? [])].reverse(),
    };
    expect(planRotation(reversed)).toEqual(planRotation(request));
  });

  it('agrees with brute force on 300 random instances', () => {
    const random = mulberry32(20240611);
    let feasible = 0;
    let infeasible = 0;
    for (let i = 0; i < 300; i++) {
      const n = 3 + Math.floor(random() * 7);
      const request = randomRequest(random, n, 0.1 + random() * 0.6);
      const plan = planRotation(request);
      const label = JSON.stringify(request);
      if (plan.feasible) {
        feasible++;
        expect([label, violations(request, plan.assignments)]).toEqual([label, []]);
      } else {
        infeasible++;
        expect(plan.reasons.length).toBeGreaterThan(0);
        expect(plan.reasons.map((r) => r.en).join()).not.toMatch(/gave up/);
        expect([label, bruteForceExists(request)]).toEqual([label, false]);
      }
    }
    // Both outcomes must be exercised for the comparison to mean anything.
    expect(feasible).toBeGreaterThan(50);
    expect(infeasible).toBeGreaterThan(50);
  });

  it('handles 64 peers with about 30% of pairs forbidden', () => {
    const request = randomRequest(mulberry32(64), 64, 0.3);
    const plan = planRotation(request);
    if (plan.feasible) expect(violations(request, plan.assignments)).toEqual([]);
    else expect(plan.reasons.length).toBeGreaterThan(0);
  });
});
