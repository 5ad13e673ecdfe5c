/**
 * Names on the broker. A federation name scopes everything, so several federations
 * (or test runs) can share one nats-server without seeing each other.
 */
export const FEDERATION_PATTERN = /^[a-z0-9_]{1,32}$/;

export function streamName(federation: string): string {
  return `LD_${federation.toUpperCase()}`;
}

export function streamSubjects(federation: string): string[] {
  return [`ld.${federation}.node.>`];
}

/**
 * Every envelope for a node, whatever its type, travels under that node's subject; the
 * last token names the node that published it, so the broker's permissions can make a
 * node publish only as itself (`ld.<f>.node.<target>.from.<sender>`).
 */
export function nodeSubject(
  federation: string,
  targetNodeId: string,
  senderNodeId: string,
): string {
  return `ld.${federation}.node.${targetNodeId}.from.${senderNodeId}`;
}

/** What a node's consumer takes: everything addressed to it, from anyone. */
export function nodeFilter(federation: string, nodeId: string): string {
  return `ld.${federation}.node.${nodeId}.>`;
}

/** The publishing node of a message on a node subject, or null for any other subject. */
export function senderOf(subject: string): string | null {
  const match = /^ld\.[a-z0-9_]+\.node\.\d{6}\.from\.(\d{6})$/.exec(subject);
  return match ? match[1] : null;
}

/** Reply subjects of a node's own requests; its broker user may subscribe only there. */
export function inboxPrefix(federation: string, nodeId: string): string {
  return `_INBOX_${federation}_${nodeId}`;
}

export function consumerName(nodeId: string): string {
  return `node-${nodeId}`;
}

export function keyRegistryBucket(federation: string): string {
  return `ld_${federation}_keys`;
}

/**
 * Nats-Msg-Id of one publish attempt of an event to one target. A relay that crashes
 * after publishing and before recording it repeats the same attempt, which the broker's
 * duplicate window drops; a deliberate re-send (no receipt yet) is a new attempt that
 * must reach the receiver, whose inbox drops it and answers with a receipt again.
 */
export function messageId(eventId: string, targetNodeId: string, attempt: number): string {
  return `${eventId}:${targetNodeId}:${attempt}`;
}

/** Core-NATS (at-most-once) subject for live requests answered by a running node. */
export function liveSubject(federation: string, nodeId: string, what: string): string {
  return `ld.${federation}.live.${nodeId}.${what}`;
}
