import { parseAudience } from './audience';
import { canonicalize } from './canonical-json';
import { UUID_PATTERN, uuidv7 } from './ids';
import { BATCH_SIGNATURE_PATTERN, batchSignatureValid, isBatchSignature } from './batch-signature';
import { signBytes, verifyBytes } from './keys';
import { NODE_ID_PATTERN } from './tier';

const ENVELOPE_DOMAIN = 'liandong-envelope-v1\n';
export const EVENT_TYPE_PATTERN = /^[a-z]+(?:\.[a-z_]+)*\.v[1-9][0-9]*$/;

export interface Envelope<P = unknown> {
  id: string;
  type: string;
  issuer: string;
  keyId: string;
  audience: string;
  seq: number;
  issuedAt: string;
  notAfter: string;
  correlationId: string;
  causationId: string | null;
  payload: P;
  signature: string;
}

export type UnsignedEnvelope<P = unknown> = Omit<Envelope<P>, 'signature'>;

export function envelopeSigningInput(envelope: UnsignedEnvelope): Buffer {
  return Buffer.from(ENVELOPE_DOMAIN + canonicalize(envelope), 'utf8');
}

export function signEnvelope<P>(envelope: UnsignedEnvelope<P>, privateKey: string): Envelope<P> {
  return { ...envelope, signature: signBytes(privateKey, envelopeSigningInput(envelope)) };
}

/**
 * Whether the signature holds: a single signature (§3), or — unless `batchForms` is false, as
 * on a node of protocol 1.0 — a batch signature (§3.1).
 */
export function envelopeSignatureValid(
  envelope: Envelope,
  publicKey: string,
  batchForms = true,
): boolean {
  const { signature, ...unsigned } = envelope;
  if (isBatchSignature(signature))
    return batchForms && batchSignatureValid(unsigned, signature, publicKey);
  return verifyBytes(publicKey, envelopeSigningInput(unsigned), signature);
}

export interface NewEnvelope<P> {
  type: string;
  issuer: string;
  keyId: string;
  audience: string;
  seq: number;
  payload: P;
  issuedAt: Date;
  /** How long the envelope may be applied; long enough to outlast a node's outage. */
  ttlMs: number;
  correlationId?: string;
  causationId?: string | null;
  id?: string;
}

export function buildEnvelope<P>(spec: NewEnvelope<P>): UnsignedEnvelope<P> {
  const id = spec.id ?? uuidv7(spec.issuedAt.getTime());
  return {
    id,
    type: spec.type,
    issuer: spec.issuer,
    keyId: spec.keyId,
    audience: spec.audience,
    seq: spec.seq,
    issuedAt: spec.issuedAt.toISOString(),
    notAfter: new Date(spec.issuedAt.getTime() + spec.ttlMs).toISOString(),
    correlationId: spec.correlationId ?? id,
    causationId: spec.causationId ?? null,
    payload: spec.payload,
  };
}

const ENVELOPE_FIELDS = [
  'id',
  'type',
  'issuer',
  'keyId',
  'audience',
  'seq',
  'issuedAt',
  'notAfter',
  'correlationId',
  'causationId',
  'payload',
  'signature',
];

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Structural problems, one message per bad field; empty when the envelope is well formed. */
export function envelopeShapeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return ['envelope must be a JSON object'];
  const e = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(e))
    if (!ENVELOPE_FIELDS.includes(key)) problems.push(`${key}: unknown field`);
  const str = (key: string, test: (s: string) => boolean, what: string) => {
    if (typeof e[key] !== 'string' || !test(e[key] as string))
      problems.push(`${key}: must be ${what}`);
  };
  str('id', (s) => UUID_PATTERN.test(s), 'a lowercase UUID');
  str(
    'type',
    (s) => EVENT_TYPE_PATTERN.test(s),
    'a versioned event type such as directive.issued.v1',
  );
  str('issuer', (s) => NODE_ID_PATTERN.test(s), 'a six-digit division code');
  str('keyId', (s) => /^[0-9a-f]{32}$/.test(s), '32 lowercase hex digits');
  str('audience', (s) => parseAudience(s) !== undefined, 'node:<code> or subtree:<code>');
  str('issuedAt', (s) => ISO_TIMESTAMP.test(s), 'an RFC 3339 UTC timestamp');
  str('notAfter', (s) => ISO_TIMESTAMP.test(s), 'an RFC 3339 UTC timestamp');
  str('correlationId', (s) => UUID_PATTERN.test(s), 'a lowercase UUID');
  str(
    'signature',
    (s) => /^[A-Za-z0-9_-]{86}$/.test(s) || BATCH_SIGNATURE_PATTERN.test(s),
    'a base64url Ed25519 signature or a batch signature (mt1.…)',
  );
  if (!Number.isSafeInteger(e.seq) || (e.seq as number) < 0)
    problems.push('seq: must be a non-negative integer');
  if (
    e.causationId !== null &&
    (typeof e.causationId !== 'string' || !UUID_PATTERN.test(e.causationId))
  ) {
    problems.push('causationId: must be a lowercase UUID or null');
  }
  if (typeof e.payload !== 'object' || e.payload === null || Array.isArray(e.payload)) {
    problems.push('payload: must be a JSON object');
  }
  return problems;
}
