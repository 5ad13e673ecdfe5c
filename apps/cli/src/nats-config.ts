import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser } from '@nats-io/nkeys';
import { natsServerConfig } from '@liandong/messaging';

/**
 * `nats config`: an NKey user per node (its seed in <out>/<node>.nk, for the node's
 * NATS_NKEY_SEED_FILE), one for the operator, and the nats-server configuration that
 * gives each node only its own subjects and consumer.
 */
export function writeNatsConfig(options: {
  federation: string;
  listen: string;
  storeDir: string;
  nodes: string[];
  out: string;
}): string {
  mkdirSync(options.out, { recursive: true });
  const seedFile = (name: string, seed: Uint8Array) => {
    const file = join(options.out, `${name}.nk`);
    writeFileSync(file, `${new TextDecoder().decode(seed)}\n`);
    chmodSync(file, 0o600);
  };
  const operator = createUser();
  seedFile('operator', operator.getSeed());
  const nodes = options.nodes.map((nodeId) => {
    const user = createUser();
    seedFile(nodeId, user.getSeed());
    return { nodeId, publicKey: user.getPublicKey() };
  });
  const file = join(options.out, 'nats-server.conf');
  writeFileSync(
    file,
    natsServerConfig({
      federation: options.federation,
      listen: options.listen,
      storeDir: options.storeDir,
      operatorPublicKey: operator.getPublicKey(),
      nodes,
    }),
  );
  return file;
}
