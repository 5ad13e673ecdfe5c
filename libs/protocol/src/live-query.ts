import { canonicalize } from './canonical-json';
import { uuidv7 } from './ids';
import { signBytes, verifyBytes } from './keys';

const LIVE_QUERY_DOMAIN = 'liandong-live-query-v1\n';

/** How long a live query may be answered after it was signed. */
export const LIVE_QUERY_TTL_MS = 60_000;

/**
 * A signed, at-most-once question from one node to another over core NATS
 * (`ld.<f>.live.<target>.<what>`), e.g. an ancestor reading a descendant's registry to pick
 * the organization it escalates. Nothing durable travels this way; the answerer checks the
 * asker's key and its place in the tree before it answers (protocol.md §10).
 */
export interface LiveQuery<B = unknown> {
  version: 1;
  id: string;
  what: string;
  asker: string;
  keyId: string;
  target: string;
  issuedAt: string;
  body: B;
  signature: string;
}

function signingInput(query: Omit<LiveQuery, 'signature'>): Buffer {
  return Buffer.from(LIVE_QUERY_DOMAIN + canonicalize(query), 'utf8');
}

export function signLiveQuery<B>(
  spec: { what: string; asker: string; target: string; body: B; at: Date },
  key: { keyId: string; privateKey: string },
): LiveQuery<B> {
  const unsigned: Omit<LiveQuery<B>, 'signature'> = {
    version: 1,
    id: uuidv7(spec.at.getTime()),
    what: spec.what,
    asker: spec.asker,
    keyId: key.keyId,
    target: spec.target,
    issuedAt: spec.at.toISOString(),
    body: spec.body,
  };
  return { ...unsigned, signature: signBytes(key.privateKey, signingInput(unsigned)) };
}

export function liveQuerySignatureValid(query: LiveQuery, publicKey: string): boolean {
  const { signature, ...unsigned } = query;
  return verifyBytes(publicKey, signingInput(unsigned), signature);
}
