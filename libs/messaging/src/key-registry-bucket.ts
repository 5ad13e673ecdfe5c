import { JetStreamClient } from '@nats-io/jetstream';
import { KV, Kvm } from '@nats-io/kv';
import { NatsConnection } from '@nats-io/nats-core';
import { keyRegistryBucket } from '@liandong/protocol';

/**
 * The federation's key registry bucket: opened when it exists (a broker with permissions
 * lets nodes read, not create, it), created otherwise. One place for its settings.
 */
export async function openKeyRegistry(
  connection: JetStreamClient | NatsConnection,
  federation: string,
): Promise<KV> {
  const kvm = new Kvm(connection);
  const name = keyRegistryBucket(federation);
  return kvm
    .open(name)
    .then(async (bucket) => (await bucket.status(), bucket))
    .catch(() => kvm.create(name, { history: 5 }));
}
