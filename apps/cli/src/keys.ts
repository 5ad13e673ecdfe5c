import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openKeyRegistry } from '@liandong/messaging';
import { nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  BODIES,
  generateBodyKeys,
  generateSigningKeyPair,
  IdentityBundle,
  inboxPrefix,
  issueCertificate,
  issueRevocation,
  keyRegistryBucket,
  NodeCertificate,
  NodeSpec,
  revocationRegistryKey,
  certificateRegistryKey,
  NODE_TIERS,
} from '@liandong/protocol';

const FIVE_YEARS_MS = 5 * 365 * 24 * 3600_000;

/** What a new node sends its parent: who it is and its public key — nothing secret. */
export interface CertificateRequest extends NodeSpec {
  publicKey: string;
}

/** What the parent sends back: the node's certificate chain and the root key to trust. */
export interface CertificateReply {
  chain: NodeCertificate[];
  rootPublicKey: string;
}

/** A node's private part before its parent certified it: its keys only. */
type PendingIdentity = Pick<IdentityBundle, 'key' | 'bodies'> & Partial<IdentityBundle>;

function writeSecret(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2));
  chmodSync(path, 0o600);
}

function writePublic(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2));
  chmodSync(path, 0o644);
}

function readJson<T>(path: string, what: string): T {
  if (!existsSync(path)) throw new Error(`${what} ${path} does not exist`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function validity() {
  const now = Date.now();
  return {
    notBefore: new Date(now - 3600_000).toISOString(),
    notAfter: new Date(now + FIVE_YEARS_MS).toISOString(),
  };
}

/** `keys root`: central's key, receiving-body keys and self-signed root certificate. */
export function createRoot(out: string): void {
  const key = generateSigningKeyPair();
  const cert = issueCertificate(
    {
      nodeId: '000000',
      name: '中央',
      tier: 'central',
      parentId: null,
      publicKey: key.publicKey,
      ...validity(),
    },
    { nodeId: '000000', keyId: key.keyId, privateKey: key.privateKey },
  );
  const bundle: IdentityBundle = {
    key,
    chain: [cert],
    rootPublicKey: key.publicKey,
    bodies: generateBodyKeys(),
  };
  writeSecret(out, bundle);
  console.log(
    `central root key ${key.keyId} written to ${out}; distribute rootPublicKey ${key.publicKey}`,
  );
}

/**
 * `keys request`: a new node's signing key and receiving-body keys, kept in `identityFile`
 * (0600; it never leaves the node), and the request its parent certifies, in `requestFile`
 * (public: who the node is and its public key).
 */
export function createRequest(spec: NodeSpec, identityFile: string, requestFile: string): void {
  if (!NODE_TIERS.includes(spec.tier))
    throw new Error(`tier must be one of ${NODE_TIERS.join(', ')}`);
  const key = generateSigningKeyPair();
  const pending: PendingIdentity = { key, bodies: generateBodyKeys() };
  writeSecret(identityFile, pending);
  const request: CertificateRequest = { ...spec, publicKey: key.publicKey };
  writePublic(requestFile, request);
  console.log(
    `key ${key.keyId} for ${spec.nodeId}: private part in ${identityFile} (keep it on the node); send ${requestFile} to the parent ${spec.parentId}`,
  );
}

/**
 * `keys certify`: at the parent, signs a child's request with the parent's key and writes the
 * child's certificate chain. It reads only the public request: a file holding a private key
 * is refused, so no child's secret ever passes through the parent's hands.
 */
export function certify(requestFile: string, parentIdentityFile: string, out: string): void {
  const request = readJson<CertificateRequest & { key?: unknown; request?: unknown }>(
    requestFile,
    'request',
  );
  if ('key' in request || 'request' in request || /privateKey/.test(JSON.stringify(request)))
    throw new Error(
      `${requestFile} holds a private key: send the parent only the .request.json that "keys request" wrote`,
    );
  const parent = readJson<IdentityBundle>(parentIdentityFile, 'parent identity');
  const parentCert = parent.chain[0];
  if (request.parentId !== parentCert.nodeId)
    throw new Error(
      `the request names parent ${request.parentId}, but this identity is ${parentCert.nodeId}`,
    );
  const { publicKey, nodeId, name, tier, parentId } = request;
  const cert = issueCertificate(
    { nodeId, name, tier, parentId, publicKey, ...validity() },
    { nodeId: parentCert.nodeId, keyId: parent.key.keyId, privateKey: parent.key.privateKey },
  );
  const reply: CertificateReply = {
    chain: [cert, ...parent.chain],
    rootPublicKey: parent.rootPublicKey,
  };
  writePublic(out, reply);
  console.log(
    `certified ${nodeId} (${name}) by ${parentCert.nodeId}; certificate written to ${out} — send it back to the node, which runs "keys accept"`,
  );
}

/** `keys accept`: at the node, puts the parent's certificate into the node's own identity file. */
export function accept(identityFile: string, certificateFile: string): void {
  const identity = readJson<PendingIdentity>(identityFile, 'identity');
  const reply = readJson<CertificateReply>(certificateFile, 'certificate');
  if (reply.chain[0]?.publicKey !== identity.key.publicKey)
    throw new Error(`${certificateFile} certifies another key than the one in ${identityFile}`);
  const bundle: IdentityBundle = {
    key: identity.key,
    chain: reply.chain,
    rootPublicKey: reply.rootPublicKey,
    bodies: identity.bodies ?? generateBodyKeys(),
  };
  writeSecret(identityFile, bundle);
  console.log(
    `${identityFile} is now the identity of ${reply.chain[0].nodeId} (LIANDONG_IDENTITY_FILE); register it with "keys register"`,
  );
}

/**
 * `keys bodies`: receiving-body keys (X25519) for an identity file that has none (one made
 * before they existed). The node certifies them with its own key and publishes them at start.
 */
export function addBodyKeys(identityFile: string): void {
  const identity = readJson<IdentityBundle>(identityFile, 'identity');
  const missing = BODIES.filter((body) => !identity.bodies?.[body]);
  if (missing.length === 0) {
    console.log(`${identityFile} already holds keys for every receiving body`);
    return;
  }
  identity.bodies = { ...generateBodyKeys(), ...identity.bodies };
  writeSecret(identityFile, identity);
  console.log(
    `added keys for ${missing.join(', ')} to ${identityFile}; restart the node to certify and publish them`,
  );
}

/**
 * A connection as a node's own broker user (its NKey seed): replies come to that node's own
 * inbox prefix, the only one its user may subscribe to (protocol.md §4.2).
 */
function connectAs(nodeId: string, natsUrl: string, federation: string, seed?: string) {
  return connect({
    servers: natsUrl,
    inboxPrefix: inboxPrefix(federation, nodeId),
    authenticator: seed ? nkeyAuthenticator(new TextEncoder().encode(seed)) : undefined,
  });
}

/** `keys register`: publishes a node's own certificate to the federation's key registry, as that node. */
export async function register(
  identityFile: string,
  natsUrl: string,
  federation: string,
  seed?: string,
  /** The registry's JetStream domain, for a node on a leaf node (protocol.md §4.3: hub). */
  domain?: string,
): Promise<void> {
  const bundle = readJson<IdentityBundle>(identityFile, 'identity');
  const nc = await connectAs(bundle.chain[0].nodeId, natsUrl, federation, seed);
  try {
    const kv = await openKeyRegistry(nc, federation, domain);
    const own = bundle.chain[0];
    await kv.put(certificateRegistryKey(own.nodeId, own.keyId), JSON.stringify(own));
    console.log(
      `registered the certificate of ${own.nodeId} (key ${own.keyId}) in ${keyRegistryBucket(federation)}; its ancestors publish their own`,
    );
  } finally {
    await nc.close();
  }
}

/** `keys revoke`: the parent revokes a child's key as of a time; published to the key registry. */
export async function revoke(
  revoked: { keyId: string; nodeId: string; at: Date; reason: string },
  parentIdentityFile: string,
  natsUrl: string,
  federation: string,
  seed?: string,
  domain?: string,
): Promise<void> {
  const parent = readJson<IdentityBundle>(parentIdentityFile, 'parent identity');
  const revocation = issueRevocation(
    { keyId: revoked.keyId, nodeId: revoked.nodeId, revokedAt: revoked.at, reason: revoked.reason },
    { nodeId: parent.chain[0].nodeId, keyId: parent.key.keyId, privateKey: parent.key.privateKey },
  );
  const nc = await connectAs(parent.chain[0].nodeId, natsUrl, federation, seed);
  try {
    const kv = await openKeyRegistry(nc, federation, domain);
    await kv.put(
      revocationRegistryKey(parent.chain[0].nodeId, revoked.keyId),
      JSON.stringify(revocation),
    );
    console.log(
      `key ${revoked.keyId} of ${revoked.nodeId} revoked as of ${revocation.revokedAt} by ${parent.chain[0].nodeId}`,
    );
  } finally {
    await nc.close();
  }
}
