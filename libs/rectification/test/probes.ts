import { StreamableFile } from '@nestjs/common';
import { openKeyRegistry } from '@liandong/messaging';
import type { Body, BoxKeyPair } from '@liandong/protocol';
import { bodyKeyRegistryKey, certifyBodyKey } from '@liandong/protocol';
import { NodeFixture } from '@liandong/testing';
import { connect } from '@nats-io/transport-node';

/** What the rectification module tests read off the node: audit trails, rows, downloads, keys. */

/** `actor action` of every audit entry about `subjectId`, oldest first. */
export async function trail(node: NodeFixture, subjectId: string): Promise<string[]> {
  const rows: Array<{ actor: string; action: string }> = await node.dataSource.query(
    'SELECT actor, action FROM audit_entry WHERE subject_id = $1 ORDER BY seq',
    [subjectId],
  );
  return rows.map((r) => `${r.actor} ${r.action}`);
}

/** The rows of `table` matching `where` (column = value), to compare before and after a refusal. */
export async function rows(
  node: NodeFixture,
  table: string,
  column: string,
  value: string,
): Promise<unknown[]> {
  return node.dataSource.query(`SELECT * FROM ${table} WHERE ${column} = $1 ORDER BY 1`, [value]);
}

/** The bytes of a download, with the headers it goes out with. */
export async function download(
  file: StreamableFile,
): Promise<{ data: Buffer; type: string; disposition: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.getStream()) chunks.push(Buffer.from(chunk as Uint8Array));
  const headers = file.getHeaders();
  return {
    data: Buffer.concat(chunks),
    type: String(headers.type),
    disposition: String(headers.disposition),
  };
}

/**
 * Publishes another node's receiving-body keys in the federation's key registry, certified
 * by that node's own key, as that node does when it starts: what is sealed to its bodies.
 */
export async function publishBodyKeys(node: NodeFixture, nodeId: string): Promise<void> {
  const bundle = node.bundle(nodeId);
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  try {
    const kv = await openKeyRegistry(nc, node.federation);
    const validity = {
      notBefore: new Date(node.clock.now().getTime() - 3600_000).toISOString(),
      notAfter: bundle.chain[0].notAfter,
    };
    for (const [body, pair] of Object.entries(bundle.bodies ?? {}) as Array<[Body, BoxKeyPair]>)
      await kv.put(
        bodyKeyRegistryKey(nodeId, body),
        JSON.stringify(
          certifyBodyKey({ nodeId, body, publicKey: pair.publicKey, ...validity }, bundle.key),
        ),
      );
  } finally {
    await nc.close();
  }
}

/** A receiving body's key pair of a node of the tree (what only that body can open with). */
export function bodyKey(node: NodeFixture, nodeId: string, body: Body): BoxKeyPair {
  const key = node.bundle(nodeId).bodies?.[body];
  if (!key) throw new Error(`no ${body} key for ${nodeId}`);
  return key;
}
