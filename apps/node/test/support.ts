import { headers } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  buildEnvelope,
  consumerName,
  DirectiveIssuedV1,
  Envelope,
  HOP_HEADER,
  nodeSubject,
  signEnvelope,
  SigningKeyPair,
  streamName,
  uuidv7,
} from '@liandong/protocol';
import { HEBEI_COUNTIES, HEBEI_SAMPLE_TREE, waitFor } from '@liandong/testing';
import { InProcessFederation } from '../src/harness/in-process-federation';

export { HEBEI_COUNTIES, HEBEI_SAMPLE_TREE, waitFor };

/** Waits until `nodeId` knows every node below it in the tree as registered. */
export async function waitForRegistrations(
  federation: InProcessFederation,
  nodeId: string,
): Promise<void> {
  const below = [...federation.nodes.values()]
    .filter((n) => n.identity.path.slice(0, -1).includes(nodeId))
    .map((n) => n.spec.nodeId);
  await waitFor(`${nodeId} to know its subtree`, async () => {
    const { body } = await federation.http<Array<{ nodeId: string }>>(
      nodeId,
      'GET',
      '/federation/nodes',
    );
    const known = new Set(body.map((n) => n.nodeId));
    return below.every((id) => known.has(id));
  });
}

export const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600_000).toISOString();

export interface Craft {
  issuer: string;
  audience: string;
  seq: number;
  type?: string;
  payload?: object;
  issuedAt?: Date;
  ttlMs?: number;
  /** Sign with this key instead of the issuer's own (for forgeries). */
  key?: SigningKeyPair;
}

export function directivePayload(title = '测试部署'): DirectiveIssuedV1 {
  return {
    directiveId: uuidv7(),
    title,
    body: '正文',
    scope: 'children',
    reportDueAt: inAMonth(),
    parentDirectiveId: null,
    policies: [],
  };
}

/** A signed envelope made outside any node, with the issuer's real key unless told otherwise. */
export function craft(federation: InProcessFederation, spec: Craft): Envelope {
  const key = spec.key ?? federation.node(spec.issuer).bundle.key;
  return signEnvelope(
    buildEnvelope({
      type: spec.type ?? DirectiveIssuedV1.type,
      issuer: spec.issuer,
      keyId: key.keyId,
      audience: spec.audience,
      seq: spec.seq,
      payload: spec.payload ?? directivePayload(),
      issuedAt: spec.issuedAt ?? new Date(),
      ttlMs: spec.ttlMs ?? 24 * 3600_000,
    }),
    key.privateKey,
  );
}

/** Puts a message straight on a node's subject, as a relay (or an attacker) would. */
export async function publishRaw(
  federation: InProcessFederation,
  target: string,
  body: string,
  hop: string,
  msgId = uuidv7(),
): Promise<void> {
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  try {
    const h = headers();
    h.set(HOP_HEADER, hop);
    await jetstream(nc).publish(nodeSubject(federation.federation, target), body, {
      msgID: msgId,
      headers: h,
    });
  } finally {
    await nc.close();
  }
}

/** Waits until a node's consumer has nothing pending or unacknowledged. */
export async function waitForDrained(
  federation: InProcessFederation,
  nodeId: string,
): Promise<void> {
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  try {
    const jsm = await jetstreamManager(nc);
    await waitFor(`${nodeId} to drain its consumer`, async () => {
      const info = await jsm.consumers.info(
        streamName(federation.federation),
        consumerName(nodeId),
      );
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
  } finally {
    await nc.close();
  }
}

export async function count(
  federation: InProcessFederation,
  nodeId: string,
  sql: string,
  params: unknown[] = [],
): Promise<number> {
  const rows: Array<{ n: string }> = await federation
    .dataSource(nodeId)
    .query(`SELECT count(*) AS n FROM (${sql}) q`, params);
  return Number(rows[0].n);
}
