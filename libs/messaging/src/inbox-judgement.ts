import { EVENT_CATALOGUE, payloadProblems } from '@liandong/protocol';
import { Authentic } from './envelope-admission';
import { NodeIdentity } from './identity';
import { Settlement } from './inbox-settlement';

const CLOCK_SKEW_MS = 5 * 60_000;

/** Checks that need no database: expiry, authority for the type, payload. */
export function judge(event: Authentic, at: Date, self: NodeIdentity): Settlement | undefined {
  const { envelope, verified } = event;
  const now = at.getTime();
  if (Date.parse(envelope.notAfter) < now) {
    return {
      outcome: 'rejected',
      code: 'EXPIRED',
      reason: `envelope expired at ${envelope.notAfter}`,
    };
  }
  if (Date.parse(envelope.issuedAt) > now + CLOCK_SKEW_MS) {
    return {
      outcome: 'rejected',
      code: 'NOT_YET_VALID',
      reason: `envelope is issued in the future (${envelope.issuedAt})`,
    };
  }
  const definition = EVENT_CATALOGUE.get(envelope.type);
  if (!definition)
    return {
      outcome: 'dead_lettered',
      code: 'UNKNOWN_TYPE',
      reason: `${envelope.type} is not in this node's event catalogue`,
    };
  if (definition.direction === 'down' && !self.path.slice(0, -1).includes(envelope.issuer)) {
    return {
      outcome: 'rejected',
      code: 'NOT_AUTHORIZED',
      reason: `${envelope.type} may come only from an ancestor; ${envelope.issuer} is not an ancestor of ${self.nodeId}`,
    };
  }
  if (definition.direction === 'up' && !(verified?.path ?? []).slice(0, -1).includes(self.nodeId)) {
    return {
      outcome: 'rejected',
      code: 'NOT_AUTHORIZED',
      reason: `${envelope.type} may come only from a descendant; ${envelope.issuer} is not below ${self.nodeId}`,
    };
  }
  const problems = payloadProblems(envelope.type, envelope.payload);
  if (problems.length > 0)
    return { outcome: 'dead_lettered', code: 'INVALID_PAYLOAD', reason: problems.join('; ') };
  return undefined;
}
