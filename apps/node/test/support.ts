import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  buildEnvelope,
  consumerName,
  DirectiveIssuedV1,
  Envelope,
  nodeSubject,
  signEnvelope,
  SigningKeyPair,
  streamName,
  uuidv7,
} from '@liandong/protocol';
import { HEBEI_COUNTIES, HEBEI_SAMPLE_TREE } from '@liandong/local-federation';
import { freePort, OwnNatsServer, OwnPostgres, waitFor } from '@liandong/local-services';
import { InProcessFederation } from '@liandong/local-federation';

export { freePort, HEBEI_COUNTIES, HEBEI_SAMPLE_TREE, OwnNatsServer, OwnPostgres, waitFor };

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
    await jetstream(nc).publish(nodeSubject(federation.federation, target, hop), body, {
      msgID: msgId,
    });
  } finally {
    await nc.close();
  }
}

/** Puts a crafted envelope on the subject of the node its audience names, as published by `hop`. */
export function publishEnvelope(
  federation: InProcessFederation,
  envelope: Envelope,
  hop: string,
): Promise<void> {
  const target = /^node:(\d{6})$/.exec(envelope.audience)?.[1];
  if (!target) throw new Error(`publishEnvelope needs a node audience, not ${envelope.audience}`);
  return publishRaw(federation, target, JSON.stringify(envelope), hop);
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

/** Imports organization rows (code, name, category, parent code, cadre tier) as a CSV and waits for the job. */
export async function importOrganizations(
  federation: InProcessFederation,
  nodeId: string,
  rows: Array<[string, string, string, string, string]>,
): Promise<void> {
  const csv = ['代码,名称,类别,上级代码,干部管理层级', ...rows.map((r) => r.join(','))].join('\n');
  const { url, token } = federation.node(nodeId);
  const response = await fetch(`${url}/organizations/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    body: csv,
  });
  const started = (await response.json()) as { id: string };
  if (response.status !== 202) throw new Error(`import refused: ${JSON.stringify(started)}`);
  const job = await waitFor(`${nodeId}'s registry import`, async () => {
    const { body } = await federation.http(nodeId, 'GET', `/organizations/imports/${started.id}`);
    return ['done', 'refused', 'failed'].includes(body.status) ? body : undefined;
  });
  if (job.status !== 'done')
    throw new Error(`import ${job.status}: ${JSON.stringify(job.problems)}`);
}

export interface DeadLetterSeen {
  eventId: string;
  reasonCode: string;
  reason: string;
}

/** Waits until a node lists the dead letter of an event (GET /dead-letters). */
export function deadLetterFor(
  federation: InProcessFederation,
  nodeId: string,
  eventId: string,
): Promise<DeadLetterSeen> {
  return waitFor(`${nodeId} to record the refusal of ${eventId}`, async () => {
    const { body } = await federation.http<DeadLetterSeen[]>(nodeId, 'GET', '/dead-letters');
    return body.find((d) => d.eventId === eventId);
  });
}

/** Signs an event as `issuer` (with its real key), puts it on `target`'s subject, and waits for the refusal. */
export async function refusedBy(
  federation: InProcessFederation,
  spec: {
    target: string;
    issuer: string;
    type: string;
    payload: object;
    seq?: number;
    issuedAt?: Date;
  },
): Promise<DeadLetterSeen> {
  const forged = craft(federation, {
    issuer: spec.issuer,
    audience: `node:${spec.target}`,
    seq: spec.seq ?? 1,
    type: spec.type,
    payload: spec.payload,
    issuedAt: spec.issuedAt,
  });
  await publishEnvelope(federation, forged, spec.issuer);
  return deadLetterFor(federation, spec.target, forged.id);
}
