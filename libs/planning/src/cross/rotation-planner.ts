export interface CrossPair {
  visitingNode: string;
  inspectedNode: string;
}

export interface CrossConflict extends CrossPair {
  reason: string;
}

export interface RotationRequest {
  /** Distinct node ids, 2..64. */
  peers: string[];
  /** How a node is named in the Chinese explanations (石家庄市（130100）); the id by default. */
  label?: (nodeId: string) => string;
  /** Pairs used in the previous round: must not repeat. */
  previousPairs?: CrossPair[];
  /** Recusal conflicts: the visiting team may not inspect that peer. */
  conflicts?: CrossConflict[];
}

export type RotationPlan =
  /** Ordered by visitingNode ascending. */
  | { feasible: true; assignments: CrossPair[] }
  /** Specific explanations, in Chinese for the office and in English beside. */
  | { feasible: false; reasons: Reason[] };

/** One explanation, in Chinese (peers named by `label`) and English (by id). */
export interface Reason {
  zh: string;
  en: string;
}

const MIN_PEERS = 2;
const MAX_PEERS = 64;
const SEARCH_BUDGET = 2_000_000;
const HALL_SUBSET_LIMIT = 12;
const NONE = -1;
const EXHAUSTED: Reason = {
  zh: '逐一试过了所有可能的安排，没有一种能同时满足全部条件',
  en: 'no assignment satisfies all constraints: every permutation was tried',
};

/** Why one peer's team may not inspect another peer. */
interface Exclusion {
  previousRound: boolean;
  recusals: string[];
}

/** The constraints of one round; every index refers to the sorted `peers`. */
interface RoundRules {
  peers: string[];
  label: (nodeId: string) => string;
  /** allowed[v][t]: the team of peers[v] may inspect peers[t] (ignoring reciprocity). */
  allowed: boolean[][];
  exclusions: Exclusion[][];
}

type SearchOutcome =
  | { kind: 'found'; targetOf: number[] }
  | { kind: 'exhausted' }
  | { kind: 'gave-up'; steps: number };

/**
 * Plans a cross-inspection (交叉巡察) rotation: each peer's team inspects exactly one other peer
 * and each peer is inspected by exactly one team (a permutation of the peers), with no
 * self-inspection, no reciprocal pair (A inspects B while B inspects A), no pair repeated from
 * the previous round and no recusal conflict. Pairs naming nodes outside `peers` are ignored.
 *
 * Deterministic: peers are sorted; single-cycle shifted rotations are tried first, then a
 * bounded backtracking search. When no plan exists the result explains why.
 *
 * @throws Error when there are fewer than 2 or more than 64 peers, or duplicate ids.
 */
export function planRotation(request: RotationRequest): RotationPlan {
  const rules = buildRules(request);
  const obstacles = obviousObstacles(rules);
  if (obstacles.length > 0) return { feasible: false, reasons: obstacles };

  const visitorOf = maximumMatching(rules.allowed);
  if (visitorOf.includes(NONE)) {
    return { feasible: false, reasons: [EXHAUSTED, hallViolation(rules, visitorOf)] };
  }

  const rotation = findShiftedRotation(rules.allowed);
  if (rotation) return toPlan(rules.peers, rotation);

  const outcome = new AssignmentSearch(rules.allowed, SEARCH_BUDGET).run();
  switch (outcome.kind) {
    case 'found':
      return toPlan(rules.peers, outcome.targetOf);
    case 'exhausted':
      return { feasible: false, reasons: [EXHAUSTED, ...reciprocityReasons(rules)] };
    case 'gave-up':
      return {
        feasible: false,
        reasons: [
          {
            zh: `搜索了 ${outcome.steps} 步仍未找到方案。请放宽回避或轮换条件，或把参与交叉的单位分成几组分别安排`,
            en: `search gave up after ${outcome.steps} steps; relax the constraints or split the peers`,
          },
        ],
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Input

function sortedPeers(peers: string[]): string[] {
  if (peers.length < MIN_PEERS) {
    throw new Error(`a rotation needs at least ${MIN_PEERS} peers, got ${peers.length}`);
  }
  if (peers.length > MAX_PEERS) {
    throw new Error(`a rotation takes at most ${MAX_PEERS} peers, got ${peers.length}`);
  }
  const sorted = [...peers].sort(compareIds);
  const duplicates = sorted.filter((id, i) => i > 0 && id === sorted[i - 1]);
  if (duplicates.length > 0) {
    throw new Error(`duplicate peer ids: ${[...new Set(duplicates)].join(', ')}`);
  }
  return sorted;
}

function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function buildRules(request: RotationRequest): RoundRules {
  const peers = sortedPeers(request.peers);
  const indexOf = new Map(peers.map((id, i) => [id, i]));
  const exclusions = peers.map(() =>
    peers.map((): Exclusion => ({ previousRound: false, recusals: [] })),
  );
  const exclusionFor = (pair: CrossPair): Exclusion | undefined => {
    const v = indexOf.get(pair.visitingNode);
    const t = indexOf.get(pair.inspectedNode);
    return v === undefined || t === undefined || v === t ? undefined : exclusions[v][t];
  };
  for (const pair of request.previousPairs ?? []) {
    const exclusion = exclusionFor(pair);
    if (exclusion) exclusion.previousRound = true;
  }
  for (const conflict of request.conflicts ?? []) {
    const exclusion = exclusionFor(conflict);
    const reason = conflict.reason.trim();
    if (exclusion && !exclusion.recusals.includes(reason)) exclusion.recusals.push(reason);
  }
  const allowed = exclusions.map((row, v) =>
    row.map((exclusion, t) => t !== v && !isExcluded(exclusion)),
  );
  return { peers, allowed, exclusions, label: request.label ?? ((id) => id) };
}

function isExcluded(exclusion: Exclusion): boolean {
  return exclusion.previousRound || exclusion.recusals.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Explanations that need no search

function obviousObstacles(rules: RoundRules): Reason[] {
  const { peers, label } = rules;
  const reasons: Reason[] = [];
  if (peers.length === 2) {
    const [a, b] = peers;
    reasons.push({
      zh: `只有两个单位参与交叉，只能互查（${label(a)}查${label(b)}，${label(b)}又查${label(a)}），而互查是不允许的。请至少列出三个单位`,
      en: `with only 2 peers every rotation is reciprocal (${a} inspects ${b} while ${b} inspects ${a})`,
    });
  }
  peers.forEach((peer, v) => {
    if (!rules.allowed[v].some(Boolean)) {
      const why = peers.flatMap((other, t) =>
        t === v ? [] : [describeExclusion(rules, other, rules.exclusions[v][t], 'visiting')],
      );
      reasons.push({
        zh: `${label(peer)}的巡察组没有可以去查的单位：${why.map((w) => w.zh).join('；')}`,
        en: `${peer} has no peer it may inspect: ${why.map((w) => w.en).join(', ')}`,
      });
    }
  });
  peers.forEach((peer, t) => {
    if (!rules.allowed.some((row) => row[t])) {
      const why = peers.flatMap((other, v) =>
        v === t ? [] : [describeExclusion(rules, other, rules.exclusions[v][t], 'inspected')],
      );
      reasons.push({
        zh: `没有哪个单位的巡察组可以去查${label(peer)}：${why.map((w) => w.zh).join('；')}`,
        en: `no peer may inspect ${peer}: ${why.map((w) => w.en).join(', ')}`,
      });
    }
  });
  return reasons;
}

/**
 * `other (why)`, seen from the peer being explained: as the visiting side ('visiting') or as
 * the inspected side ('inspected').
 */
function describeExclusion(
  rules: RoundRules,
  other: string,
  exclusion: Exclusion,
  side: 'visiting' | 'inspected',
): Reason {
  const zh: string[] = [];
  const en: string[] = [];
  if (exclusion.previousRound) {
    zh.push(side === 'visiting' ? '上一轮已查过它' : '上一轮它已查过');
    en.push(
      side === 'visiting'
        ? 'inspected by it in the previous round'
        : 'inspected it in the previous round',
    );
  }
  for (const reason of exclusion.recusals) {
    zh.push(reason ? `须回避：${reason}` : '须回避');
    en.push(reason ? `recusal: ${reason}` : 'recusal');
  }
  return {
    zh: `${rules.label(other)}（${zh.length > 0 ? zh.join('，') : '可以'}）`,
    en: `${other} (${en.length > 0 ? en.join('; ') : 'allowed'})`,
  };
}

// ---------------------------------------------------------------------------------------------
// Matching and Hall's condition (reciprocity ignored)

/** Maximum bipartite matching visiting -> inspected; returns the visitor of each peer or NONE. */
function maximumMatching(allowed: boolean[][]): number[] {
  const visitorOf = allowed.map(() => NONE);
  allowed.forEach((_, v) => augment(allowed, v, visitorOf, new Set<number>()));
  return visitorOf;
}

function augment(allowed: boolean[][], v: number, visitorOf: number[], seen: Set<number>): boolean {
  for (let t = 0; t < allowed.length; t++) {
    if (!allowed[v][t] || seen.has(t)) continue;
    seen.add(t);
    if (visitorOf[t] === NONE || augment(allowed, visitorOf[t], visitorOf, seen)) {
      visitorOf[t] = v;
      return true;
    }
  }
  return false;
}

/** Names a set of visiting peers whose allowed targets together are fewer than the set. */
function hallViolation(rules: RoundRules, visitorOf: number[]): Reason {
  const [visitors, targets] =
    rules.peers.length <= HALL_SUBSET_LIMIT
      ? (smallestHallViolation(rules.allowed) ?? koenigViolation(rules.allowed, visitorOf))
      : koenigViolation(rules.allowed, visitorOf);
  const name = (indexes: number[]): string => indexes.map((i) => rules.peers[i]).join(', ');
  const nameZh = (indexes: number[]): string =>
    indexes.map((i) => rules.label(rules.peers[i])).join('、');
  const reachable = targets.length === 0 ? 'no peer' : name(targets);
  return {
    zh:
      `${nameZh(visitors)}这 ${visitors.length} 个巡察组合起来只能去查` +
      `${targets.length === 0 ? '0 个单位' : `${nameZh(targets)}这 ${targets.length} 个单位`}，` +
      '组数多于可查的单位。请放宽其中的回避或轮换条件',
    en:
      `peers ${name(visitors)} may together inspect only ${reachable}: ` +
      `${plural(visitors.length, 'visiting team')} for ${plural(targets.length, 'possible target')}`,
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Exhaustive over subsets (n <= 12): the smallest violating set, first in bitmask order. */
function smallestHallViolation(allowed: boolean[][]): [number[], number[]] | undefined {
  const n = allowed.length;
  const neighbours = allowed.map((row) =>
    row.reduce((mask, ok, t) => (ok ? mask | (1 << t) : mask), 0),
  );
  let best: number | undefined;
  let bestSize = n + 1;
  for (let set = 1; set < 1 << n; set++) {
    const size = bitCount(set);
    if (size >= bestSize) continue;
    const reach = bitIndexes(set).reduce((mask, v) => mask | neighbours[v], 0);
    if (bitCount(reach) < size) {
      best = set;
      bestSize = size;
    }
  }
  if (best === undefined) return undefined;
  const reach = bitIndexes(best).reduce((mask, v) => mask | neighbours[v], 0);
  return [bitIndexes(best), bitIndexes(reach)];
}

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

function bitIndexes(mask: number): number[] {
  const indexes: number[] = [];
  for (let i = 0; 1 << i <= mask; i++) if (mask & (1 << i)) indexes.push(i);
  return indexes;
}

/**
 * König's construction: the visitors reachable by alternating paths from the first unmatched
 * visitor reach one target fewer than their number.
 */
function koenigViolation(allowed: boolean[][], visitorOf: number[]): [number[], number[]] {
  const matched = new Set(visitorOf);
  const start = allowed.findIndex((_, v) => !matched.has(v));
  const visitors = new Set([start]);
  const targets = new Set<number>();
  const queue = [start];
  for (let v = queue.shift(); v !== undefined; v = queue.shift()) {
    allowed[v].forEach((ok, t) => {
      if (!ok || targets.has(t)) return;
      targets.add(t);
      const next = visitorOf[t];
      if (next !== NONE && !visitors.has(next)) {
        visitors.add(next);
        queue.push(next);
      }
    });
  }
  const ascending = (a: number, b: number): number => a - b;
  return [[...visitors].sort(ascending), [...targets].sort(ascending)];
}

// ---------------------------------------------------------------------------------------------
// Reciprocity explanations (a matching exists, yet the search found nothing)

function reciprocityReasons(rules: RoundRules): Reason[] {
  const { peers, allowed, label } = rules;
  const forced = (v: number, t: number): boolean =>
    allowed[v].filter(Boolean).length === 1 || allowed.filter((row) => row[t]).length === 1;
  const reasons: Reason[] = [
    {
      zh: '避开自查、上一轮的组合和回避的安排是有的，但每一种都含有互查的一对',
      en:
        'assignments avoiding self-inspection, previous-round pairs and recusals exist, ' +
        'but each of them contains a reciprocal pair',
    },
  ];
  for (let a = 0; a < peers.length; a++) {
    for (let b = a + 1; b < peers.length; b++) {
      if (allowed[a][b] && allowed[b][a] && forced(a, b) && forced(b, a)) {
        reasons.push({
          zh: `${label(peers[a])}只能查${label(peers[b])}，${label(peers[b])}也只能查${label(peers[a])}（各自只剩这一个选择），成了互查`,
          en:
            `${peers[a]} must inspect ${peers[b]} and ${peers[b]} must inspect ${peers[a]} ` +
            '(each is the only option left), which is reciprocal',
        });
      }
    }
  }
  return reasons;
}

// ---------------------------------------------------------------------------------------------
// Shifted rotations: peer i inspects peer i + k (mod n), single cycles first

function findShiftedRotation(allowed: boolean[][]): number[] | undefined {
  const n = allowed.length;
  const shifts = Array.from({ length: n - 1 }, (_, i) => i + 1).filter((k) => 2 * k !== n);
  const singleCycle = shifts.filter((k) => gcd(k, n) === 1);
  const multiCycle = shifts.filter((k) => gcd(k, n) !== 1);
  for (const k of [...singleCycle, ...multiCycle]) {
    const targetOf = allowed.map((_, i) => (i + k) % n);
    if (targetOf.every((t, v) => allowed[v][t])) return targetOf;
  }
  return undefined;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

// ---------------------------------------------------------------------------------------------
// Backtracking search with most-constrained-first branching and forward checking

type Pair = [visitor: number, target: number];

class AssignmentSearch {
  private readonly n: number;
  private readonly targetOf: number[];
  private readonly visitorOf: number[];
  /** Open targets of each visitor still without a target. */
  private readonly openTargets: number[];
  /** Open visitors of each peer still without a visitor. */
  private readonly openVisitors: number[];
  private steps = 0;

  constructor(
    private readonly allowed: boolean[][],
    private readonly budget: number,
  ) {
    this.n = allowed.length;
    this.targetOf = allowed.map(() => NONE);
    this.visitorOf = allowed.map(() => NONE);
    this.openTargets = allowed.map((row) => row.filter(Boolean).length);
    this.openVisitors = allowed.map((_, t) => allowed.filter((row) => row[t]).length);
  }

  run(): SearchOutcome {
    const result = this.extend(this.n);
    if (result === 'found') return { kind: 'found', targetOf: [...this.targetOf] };
    if (result === 'gave-up') return { kind: 'gave-up', steps: this.budget };
    return { kind: 'exhausted' };
  }

  private extend(remaining: number): 'found' | 'dead' | 'gave-up' {
    if (remaining === 0) return 'found';
    for (const [v, t] of this.branches()) {
      if (++this.steps > this.budget) return 'gave-up';
      const closed = this.assign(v, t);
      if (this.stillSolvable(closed)) {
        const result = this.extend(remaining - 1);
        if (result !== 'dead') return result;
      }
      this.undo(v, t, closed);
    }
    return 'dead';
  }

  /** v may still inspect t: both free, allowed, and t does not already inspect v. */
  private isOpen(v: number, t: number): boolean {
    return (
      this.targetOf[v] === NONE &&
      this.visitorOf[t] === NONE &&
      this.allowed[v][t] &&
      this.targetOf[t] !== v
    );
  }

  /** The options of the peer (visiting or inspected side) with the fewest, ascending. */
  private branches(): Pair[] {
    let visitor = NONE;
    let target = NONE;
    let fewest = Infinity;
    for (let i = 0; i < this.n; i++) {
      if (this.targetOf[i] === NONE && this.openTargets[i] < fewest) {
        [visitor, target, fewest] = [i, NONE, this.openTargets[i]];
      }
    }
    for (let i = 0; i < this.n; i++) {
      if (this.visitorOf[i] === NONE && this.openVisitors[i] < fewest) {
        [visitor, target, fewest] = [NONE, i, this.openVisitors[i]];
      }
    }
    const pairs: Pair[] = [];
    for (let other = 0; other < this.n; other++) {
      const pair: Pair = target === NONE ? [visitor, other] : [other, target];
      if (this.isOpen(...pair)) pairs.push(pair);
    }
    return pairs;
  }

  /** Assigns v -> t and returns the pairs this closed (their counts were decremented). */
  private assign(v: number, t: number): Pair[] {
    const closed: Pair[] = [];
    for (let u = 0; u < this.n; u++) {
      if (this.isOpen(v, u)) closed.push([v, u]);
      if (u !== v && this.isOpen(u, t)) closed.push([u, t]);
    }
    if (this.isOpen(t, v)) closed.push([t, v]);
    for (const [a, b] of closed) {
      this.openTargets[a]--;
      this.openVisitors[b]--;
    }
    this.targetOf[v] = t;
    this.visitorOf[t] = v;
    return closed;
  }

  private undo(v: number, t: number, closed: Pair[]): void {
    this.targetOf[v] = NONE;
    this.visitorOf[t] = NONE;
    for (const [a, b] of closed) {
      this.openTargets[a]++;
      this.openVisitors[b]++;
    }
  }

  /** Forward check: every free visitor keeps a target and every free peer keeps a visitor. */
  private stillSolvable(closed: Pair[]): boolean {
    return closed.every(
      ([a, b]) =>
        (this.targetOf[a] !== NONE || this.openTargets[a] > 0) &&
        (this.visitorOf[b] !== NONE || this.openVisitors[b] > 0),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Output

function toPlan(peers: string[], targetOf: number[]): RotationPlan {
  return {
    feasible: true,
    assignments: peers.map((visitingNode, v) => ({
      visitingNode,
      inspectedNode: peers[targetOf[v]],
    })),
  };
}
