import type { NodeIdentity, Settlement } from '@liandong/messaging';
import {
  buildEnvelope,
  Envelope,
  nodeAudience,
  nodeSubject,
  ReceiptOutcome,
  ReceiptV1,
  RefusalCode,
  signEnvelope,
} from '@liandong/protocol';
import type { CoverageFiguresV1 } from '@liandong/protocol';
import { emptyFigures, sumFigures } from '@liandong/planning';
import { OutboxRow, Writes } from './light-store';

const ENVELOPE_TTL_MS = 30 * 24 * 3600_000;

/**
 * One light node: an office of the simulation with its own identity and keys, inbox,
 * cursors, counters and outbox (rows of the light database under its id, mirrored here so a
 * batch decides without reading), its children as their registrations named them, and the
 * coverage they last reported. What it does with an envelope is the LightHost's.
 */
export class LightNode {
  /** Event ids settled here (the inbox). */
  readonly inbox = new Map<string, Settlement>();
  /** Last settled sequence number per `<issuer> <audience>`. */
  readonly cursors = new Map<string, number>();
  /** Last number issued per own audience. */
  readonly counters = new Map<string, number>();
  readonly children = new Map<string, string>();
  readonly childCoverage = new Map<string, CoverageFiguresV1>();
  own: CoverageFiguresV1 = emptyFigures();
  directives: string[] = [];
  reportDue: Array<{ directiveId: string; issuer: string }> = [];
  coverageDirty = false;

  constructor(
    readonly identity: NodeIdentity,
    private readonly federation: string,
  ) {}

  get nodeId(): string {
    return this.identity.nodeId;
  }

  /** A sequenced event of this node to one node, signed, in this batch's outbox. */
  emit(w: Writes, type: string, target: string, payload: unknown, now: Date): Envelope {
    const audience = nodeAudience(target);
    const seq = (this.counters.get(audience) ?? 0) + 1;
    this.counters.set(audience, seq);
    w.counters.set(`${this.nodeId} ${audience}`, [this.nodeId, audience, seq]);
    const envelope = this.sign(type, audience, seq, payload, now);
    w.outbox.push(this.row(envelope, JSON.stringify(envelope), target, 'event'));
    return envelope;
  }

  /** A receipt (§6) to the event's issuer and to the node that published this copy. */
  receipt(
    w: Writes,
    event: Envelope,
    hopFrom: string | null,
    outcome: ReceiptOutcome,
    now: Date,
    code: RefusalCode | null = null,
    reason: string | null = null,
  ): void {
    const payload: ReceiptV1 = { eventId: event.id, outcome, reasonCode: code, reason };
    for (const target of new Set([event.issuer, hopFrom ?? event.issuer])) {
      if (target === this.nodeId) continue;
      const envelope = this.sign(ReceiptV1.type, nodeAudience(target), 0, payload, now, {
        correlationId: event.correlationId,
        causationId: event.id,
      });
      w.outbox.push(this.row(envelope, JSON.stringify(envelope), target, 'receipt'));
    }
  }

  /** A subtree envelope passed on to every child, byte for byte (§5.4). */
  forward(w: Writes, event: Envelope, raw: string): void {
    for (const child of this.children.keys()) w.outbox.push(this.row(event, raw, child, 'forward'));
  }

  /** This node and its subtree's figures, and each child's as it last reported. */
  coverageReport(now: Date) {
    const children = [...this.childCoverage].map(([nodeId, figures]) => ({
      nodeId,
      name: this.children.get(nodeId) ?? nodeId,
      figures,
    }));
    const subtree = sumFigures([this.own, ...children.map((c) => c.figures)]);
    return {
      asOf: now.toISOString(),
      termStartsOn: null,
      termEndsOn: null,
      own: this.own,
      subtree,
      children,
    };
  }

  private sign(
    type: string,
    audience: string,
    seq: number,
    payload: unknown,
    now: Date,
    links: { correlationId?: string; causationId?: string } = {},
  ): Envelope {
    const { key } = this.identity;
    return signEnvelope(
      buildEnvelope({
        type,
        issuer: this.nodeId,
        keyId: key.keyId,
        audience,
        seq,
        payload,
        issuedAt: now,
        ttlMs: ENVELOPE_TTL_MS,
        ...links,
      }),
      key.privateKey,
    );
  }

  private row(
    envelope: Envelope,
    body: string,
    target: string,
    kind: OutboxRow['kind'],
  ): OutboxRow {
    return {
      nodeId: this.nodeId,
      eventId: envelope.id,
      target,
      kind,
      type: envelope.type,
      subject: nodeSubject(this.federation, target, this.nodeId),
      body,
    };
  }
}
