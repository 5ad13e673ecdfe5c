import { NodeIdentity } from './identity';

export interface MessagingOptions {
  /** Scopes stream, subjects and key registry on a shared nats-server. */
  federation: string;
  /** The broker's URL, or several comma-separated (the servers of a cluster). */
  natsUrl: string;
  /**
   * The JetStream domain that holds the key registry, where it is not that of the server this
   * node connects to (a node on a province's leaf node: central's domain, protocol.md §4.3).
   */
  keyRegistryDomain?: string;
  /** NKey seed of this node's broker user, where the broker requires authentication. */
  natsSeed?: string;
  /** TLS to the broker: the CA that signed its certificate, and this node's client certificate. */
  natsTls?: { caFile?: string; certFile?: string; keyFile?: string };
  identity: NodeIdentity;
  /** Envelope lifetime: must outlast the longest outage a node should survive. */
  envelopeTtlMs: number;
  /** First re-send of an unreceipted event after its publish; doubles up to the maximum. */
  resendAfterMs: number;
  resendMaxMs: number;
  /** Fallback poll of the outbox, in case a NOTIFY was missed. */
  relayPollMs: number;
  relayBatchSize: number;
  consumerBatchSize: number;
  /** JetStream delivery attempts for one message before it is dead-lettered. */
  maxDeliver: number;
  /** How long JetStream keeps envelopes for a node that is down. */
  streamMaxAgeMs: number;
  /**
   * The stream's size bound, which the broker reserves on disk when the stream is made
   * (10 GiB unless set: BROKER_LIMITS.streamMaxBytes). Tests, running many federations on
   * one broker at once, set a small one.
   */
  streamMaxBytes?: number;
  /**
   * The nodes whose envelopes the stream of this node's JetStream domain holds, where the
   * domain holds only some (protocol.md §4.3: a domain's stream has the subjects of the nodes
   * that connect to it). Absent: every node's. On a broker with permissions the operator makes
   * the stream and this is not needed; on an open one it keeps a node from widening it.
   */
  streamRecipients?: string[];
  /** How often the audit chain head is sent to the parent when it has moved; 0 turns it off. */
  auditWitnessIntervalMs: number;
  /** How often the stream, consumer and key registry are checked (and re-created when missing); 0 turns it off. */
  brokerCheckMs: number;
  /** How often this node tells its parent where it stands in the sequences the parent delivers; 0 turns it off. */
  syncIntervalMs: number;
  /** Least time between two requests about the same sequence gap. */
  gapAskIntervalMs: number;
  /**
   * Protocol 1.1's batched forms (batch signatures, range receipts): announced, sent to peers
   * that announce them, and read. False makes a node of protocol 1.0, which does none of it.
   */
  batchForms: boolean;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export const DEFAULT_MESSAGING_TIMINGS = {
  envelopeTtlMs: 30 * 24 * 3600_000,
  resendAfterMs: 60_000,
  resendMaxMs: 3600_000,
  relayPollMs: 1000,
  relayBatchSize: 256,
  consumerBatchSize: 256,
  maxDeliver: 8,
  streamMaxAgeMs: 60 * 24 * 3600_000,
  auditWitnessIntervalMs: 60_000,
  brokerCheckMs: 10_000,
  syncIntervalMs: 300_000,
  gapAskIntervalMs: 30_000,
  batchForms: true,
} as const;
