import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { openKeyRegistry } from '@liandong/messaging';
import { nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  generateSigningKeyPair,
  issueRevocation,
  revocationRegistryKey,
  IdentityBundle,
  issueCertificate,
  keyRegistryBucket,
  NodeSpec,
  TIERS,
  Tier,
} from '@liandong/protocol';

const FIVE_YEARS_MS = 5 * 365 * 24 * 3600_000;

function writeSecret(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2));
  chmodSync(path, 0o600);
}

function validity() {
  const now = Date.now();
  return {
    notBefore: new Date(now - 3600_000).toISOString(),
    notAfter: new Date(now + FIVE_YEARS_MS).toISOString(),
  };
}

/** `keys root`: central's key and self-signed root certificate. */
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
  const bundle: IdentityBundle = { key, chain: [cert], rootPublicKey: key.publicKey };
  writeSecret(out, bundle);
  console.log(
    `central root key ${key.keyId} written to ${out}; distribute rootPublicKey ${key.publicKey}`,
  );
}

/** `keys request`: a new node's key pair plus the request its parent certifies. The private key stays in `out`. */
export function createRequest(spec: NodeSpec, out: string): void {
  if (!TIERS.includes(spec.tier as Tier))
    throw new Error(`tier must be one of ${TIERS.join(', ')}`);
  const key = generateSigningKeyPair();
  writeSecret(out, { key, request: { ...spec, publicKey: key.publicKey } });
  console.log(
    `key ${key.keyId} for ${spec.nodeId} written to ${out}; send its "request" part to the parent ${spec.parentId}`,
  );
}

/** `keys certify`: the parent signs a child's request with its own key and returns the child's identity file. */
export function certify(requestFile: string, parentIdentityFile: string, out: string): void {
  const { key, request } = JSON.parse(readFileSync(requestFile, 'utf8')) as {
    key: IdentityBundle['key'];
    request: NodeSpec & { publicKey: string };
  };
  const parent = JSON.parse(readFileSync(parentIdentityFile, 'utf8')) as IdentityBundle;
  const parentCert = parent.chain[0];
  if (request.parentId !== parentCert.nodeId)
    throw new Error(
      `the request names parent ${request.parentId}, but this identity is ${parentCert.nodeId}`,
    );
  const cert = issueCertificate(
    { ...request, ...validity() },
    { nodeId: parentCert.nodeId, keyId: parent.key.keyId, privateKey: parent.key.privateKey },
  );
  writeSecret(out, {
    key,
    chain: [cert, ...parent.chain],
    rootPublicKey: parent.rootPublicKey,
  } satisfies IdentityBundle);
  console.log(
    `certified ${request.nodeId} (${request.name}) by ${parentCert.nodeId}; identity written to ${out}`,
  );
}

/** `keys register`: publishes an identity's certificate chain to the federation's key registry. */
export async function register(
  identityFile: string,
  natsUrl: string,
  federation: string,
): Promise<void> {
  const bundle = JSON.parse(readFileSync(identityFile, 'utf8')) as IdentityBundle;
  const nc = await connect({ servers: natsUrl });
  try {
    const kv = await openKeyRegistry(nc, federation);
    for (const cert of bundle.chain) await kv.put(cert.keyId, JSON.stringify(cert));
    console.log(
      `registered ${bundle.chain.length} certificate(s) of ${bundle.chain[0].nodeId} in ${keyRegistryBucket(federation)}`,
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
  operatorSeed?: string,
): Promise<void> {
  const parent = JSON.parse(readFileSync(parentIdentityFile, 'utf8')) as IdentityBundle;
  const revocation = issueRevocation(
    { keyId: revoked.keyId, nodeId: revoked.nodeId, revokedAt: revoked.at, reason: revoked.reason },
    { nodeId: parent.chain[0].nodeId, keyId: parent.key.keyId, privateKey: parent.key.privateKey },
  );
  const nc = await connect({
    servers: natsUrl,
    // On a broker with permissions only the operator may publish revocations.
    authenticator: operatorSeed
      ? nkeyAuthenticator(new TextEncoder().encode(operatorSeed))
      : undefined,
  });
  try {
    const kv = await openKeyRegistry(nc, federation);
    await kv.put(revocationRegistryKey(revoked.keyId), JSON.stringify(revocation));
    console.log(
      `key ${revoked.keyId} of ${revoked.nodeId} revoked as of ${revocation.revokedAt} by ${parent.chain[0].nodeId}`,
    );
  } finally {
    await nc.close();
  }
}
