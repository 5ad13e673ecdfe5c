import {
  DiscardPolicy,
  jetstream,
  JetStreamManager,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  StreamConfig,
} from '@nats-io/jetstream';
import { KV, Kvm } from '@nats-io/kv';
import { NatsConnection, nanos } from '@nats-io/nats-core';
import {
  keyRegistryBucket,
  MAX_ENVELOPE_BYTES,
  nodeFilter,
  streamName,
  streamSubjects,
} from '@liandong/protocol';
import { DEFAULT_MESSAGING_TIMINGS } from './messaging.options';

/**
 * What the federation keeps on the broker, and how much of it (protocol.md §4): every limit
 * is bounded, so that no node can fill the broker's disk or rewrite the key registry.
 */
export const BROKER_LIMITS = {
  /** The federation stream's size; when full the oldest envelopes go (their senders re-send). */
  streamMaxBytes: 10 * 1024 ** 3,
  /** Envelopes kept per (target, sender) subject: a flooding sender evicts only its own. */
  streamMaxPerSubject: 100_000,
  /** A message: an envelope (MAX_ENVELOPE_BYTES) with its headers, within nats-server's 1 MiB. */
  maxMessageBytes: 1024 * 1024,
  keyRegistryMaxBytes: 64 * 1024 * 1024,
  keyRegistryMaxValueBytes: 64 * 1024,
  /** Revisions kept per registry key. */
  keyRegistryHistory: 10,
} as const;

// An envelope must fit in a broker message with room for its headers.
if (MAX_ENVELOPE_BYTES + 4096 > BROKER_LIMITS.maxMessageBytes)
  throw new Error('MAX_ENVELOPE_BYTES does not fit in a broker message');

/**
 * Where a broker (a JetStream domain: central's cluster, or a province's leaf node) keeps
 * the federation (protocol.md §4.3). Without one, a single broker holds everything.
 */
export interface BrokerPlacement {
  /** Copies of each stream in the domain's cluster (1 on a single server, 3 at central). */
  replicas?: number;
  /**
   * The nodes whose envelopes this domain's stream holds: the nodes that connect to it. Absent:
   * every node's. Each envelope is stored once, in the domain of its receiver; a sender in
   * another domain reaches it across the leaf connection, and re-sends while that is down.
   */
  recipients?: string[];
  /** The stream's size bound (BROKER_LIMITS.streamMaxBytes unless set). */
  streamMaxBytes?: number;
  /** Whether this domain holds the key registry (only one domain does: central's). */
  keyRegistry?: boolean;
}

export function federationStreamConfig(
  federation: string,
  maxAgeMs: number = DEFAULT_MESSAGING_TIMINGS.streamMaxAgeMs,
  maxBytes: number = BROKER_LIMITS.streamMaxBytes,
  placement: BrokerPlacement = {},
): Partial<StreamConfig> & { name: string; subjects: string[] } {
  return {
    name: streamName(federation),
    subjects: placement.recipients
      ? placement.recipients.map((nodeId) => nodeFilter(federation, nodeId))
      : streamSubjects(federation),
    ...(placement.replicas ? { num_replicas: placement.replicas } : {}),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(maxAgeMs),
    max_bytes: maxBytes,
    max_msg_size: BROKER_LIMITS.maxMessageBytes,
    max_msgs_per_subject: BROKER_LIMITS.streamMaxPerSubject,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(120_000),
  };
}

/**
 * The key registry's stream. Built by hand rather than by the KV client so that rollups
 * (which would let one message purge the whole bucket) and purges are refused by the
 * broker itself, and its size is bounded.
 */
export function keyRegistryStreamConfig(
  federation: string,
  replicas = 1,
): Partial<StreamConfig> & { name: string; subjects: string[] } {
  const bucket = keyRegistryBucket(federation);
  return {
    name: `KV_${bucket}`,
    subjects: [`$KV.${bucket}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_msgs_per_subject: BROKER_LIMITS.keyRegistryHistory,
    max_bytes: BROKER_LIMITS.keyRegistryMaxBytes,
    max_msg_size: BROKER_LIMITS.keyRegistryMaxValueBytes,
    discard: DiscardPolicy.Old,
    allow_rollup_hdrs: false,
    deny_delete: true,
    deny_purge: true,
    // Direct gets may be answered by any replica, one that has not yet applied a put: in a
    // cluster, reads go to the leader, so a certificate can be read once its put is acknowledged.
    allow_direct: replicas === 1,
    num_replicas: replicas,
  };
}

/**
 * The key registry bucket: opened when it exists (nodes may read, not create, it on a broker
 * with permissions), created otherwise. `domain`: the JetStream domain that holds it, where
 * that is not the one this connection's server belongs to (a node on a province's leaf node
 * uses central's registry).
 */
export async function openKeyRegistry(
  nc: NatsConnection,
  federation: string,
  domain?: string,
): Promise<KV> {
  const kvm = new Kvm(domain ? jetstream(nc, { domain }) : nc);
  const name = keyRegistryBucket(federation);
  return kvm
    .open(name)
    .then(async (bucket) => {
      const status = await bucket.status();
      if (status.streamInfo.config.allow_rollup_hdrs) {
        // A registry made by an earlier version allowed rollups (one message could wipe it):
        // whoever may, closes that; a node on a broker with permissions may not, the operator does.
        const jsm = await jetstreamManager(nc, { domain });
        await jsm.streams
          .update(status.streamInfo.config.name, {
            ...status.streamInfo.config,
            ...keyRegistryStreamConfig(federation, status.streamInfo.config.num_replicas),
          })
          .catch(() => undefined);
      }
      return bucket;
    })
    .catch(async () => {
      const jsm = await jetstreamManager(nc, { domain });
      await jsm.streams.add(keyRegistryStreamConfig(federation)).catch(async (error: unknown) => {
        // Another node may have created it a moment earlier.
        await jsm.streams.info(`KV_${name}`).catch(() => {
          throw error;
        });
      });
      return kvm.open(name);
    });
}

/**
 * As the operator: the federation's stream and key registry exist and have the settings
 * above (a registry or stream made by an earlier version gets its limits and refusals).
 */
export async function ensureBrokerLayout(
  jsm: JetStreamManager,
  federation: string,
  placement: BrokerPlacement = {},
): Promise<void> {
  const configs = [
    federationStreamConfig(federation, undefined, placement.streamMaxBytes, placement),
  ];
  if (placement.keyRegistry !== false)
    configs.push(keyRegistryStreamConfig(federation, placement.replicas ?? 1));
  for (const config of configs) {
    const existing = await jsm.streams.info(config.name).catch(() => undefined);
    if (!existing) await jsm.streams.add(config);
    else await jsm.streams.update(config.name, { ...existing.config, ...config });
  }
}
