import type { JsMsg } from '@nats-io/jetstream';
import { Authentic, judge, Settlement } from '@liandong/messaging';
import {
  Envelope,
  EVENT_CATALOGUE,
  payloadProblems,
  ReceiptV1,
  senderOf,
} from '@liandong/protocol';
import { handle } from './light-handlers';
import { LightNode } from './light-node';
import { Writes } from './light-store';
import { LightTrust } from './light-trust';

/** How one host's light nodes settle what they are delivered (§5.2), into a batch's writes. */
export class LightSettler {
  constructor(
    private readonly trust: LightTrust,
    private readonly counts: { settled: number; receipts: number; refused: number },
  ) {}

  /** §5.2 for one delivery; false: held back (a gap before it), delivered again later. */
  async settle(node: LightNode, message: JsMsg, w: Writes, now: Date): Promise<boolean> {
    const raw = message.string();
    const letter = (code: string, reason: string, eventId: string | null = null) => {
      w.push(w.deadLetters, node.nodeId, eventId, code, reason, raw);
      this.counts.refused += 1;
      return true;
    };
    const admitted = await this.trust.admit(message, node.identity, now);
    if (admitted === 'transient') return false;
    if ('refused' in admitted) {
      const { code, reason, eventId } = admitted.refused;
      return letter(code, reason, eventId);
    }
    const { envelope, verified } = admitted;
    const kind = EVENT_CATALOGUE.get(envelope.type)?.kind;
    if (kind === 'receipt') return this.receipted(node, envelope, w, letter);
    if (kind === 'control' || envelope.seq === 0)
      return letter('UNKNOWN_TYPE', `${envelope.type} is not taken by a light node`, envelope.id);
    const hopFrom = senderOf(message.subject);
    const before = node.inbox.get(envelope.id);
    if (before) {
      const outcome = before.outcome === 'applied' ? 'duplicate' : before.outcome;
      node.receipt(w, envelope, hopFrom, outcome, now, before.code ?? null, before.reason ?? null);
      return true;
    }
    const sequence = `${envelope.issuer} ${envelope.audience}`;
    const last = node.cursors.get(sequence) ?? 0;
    if (envelope.seq <= last) {
      node.receipt(w, envelope, hopFrom, 'rejected', now, 'STALE_SEQUENCE', `already at ${last}`);
      return true;
    }
    if (envelope.seq > last + 1) return false;
    const event: Authentic = { envelope, raw, verified, hopFrom };
    const settlement: Settlement = judge(event, now, node.identity) ?? handle(node, event, w, now);
    node.inbox.set(envelope.id, settlement);
    node.cursors.set(sequence, envelope.seq);
    w.cursors.set(`${node.nodeId} ${sequence}`, [
      node.nodeId,
      envelope.issuer,
      envelope.audience,
      envelope.seq,
    ]);
    w.push(
      w.inbox,
      node.nodeId,
      envelope.id,
      envelope.issuer,
      envelope.audience,
      envelope.seq,
      envelope.type,
      settlement.outcome,
      settlement.code ?? null,
      settlement.reason ?? null,
    );
    if (settlement.outcome !== 'applied')
      w.push(w.deadLetters, node.nodeId, envelope.id, settlement.code, settlement.reason, raw);
    const outcome = settlement.outcome === 'applied' ? 'applied' : settlement.outcome;
    node.receipt(w, envelope, hopFrom, outcome as never, now, settlement.code, settlement.reason);
    if (envelope.audience.startsWith('subtree:')) node.forward(w, envelope, raw);
    this.counts.settled += 1;
    return true;
  }

  private receipted(
    node: LightNode,
    envelope: Envelope,
    w: Writes,
    letter: (code: string, reason: string, eventId: string) => boolean,
  ): boolean {
    const problems = payloadProblems(envelope.type, envelope.payload);
    if (problems.length > 0) return letter('INVALID_PAYLOAD', problems.join('; '), envelope.id);
    if (envelope.type !== ReceiptV1.type)
      return letter('UNKNOWN_TYPE', `light nodes speak protocol 1.0`, envelope.id);
    const p = envelope.payload as ReceiptV1;
    const status = p.outcome === 'applied' || p.outcome === 'duplicate' ? 'delivered' : 'refused';
    w.push(w.settled, node.nodeId, p.eventId, envelope.issuer, status);
    this.counts.receipts += 1;
    return true;
  }
}
