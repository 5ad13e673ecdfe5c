export * from './audit-chain';
export * from './audit-witness.service';
export * from './audit.service';
export * from './broker-permissions';
export * from './clock';
export * from './periodic';
export * from './entities';
export * from './event-handlers';
export * from './federation-nodes';
export * from './identity';
export * from './inbox-processor.service';
export * from './jetstream.service';
export * from './broker-layout';
export * from './key-registry.service';
export * from './messaging.module';
export * from './messaging.options';
export * from './outbox-relay.service';
export * from './outbox.service';
export * from './peer-protocol.service';
export { MessagingSchema1764115200000 } from './migrations/1764115200000-messaging-schema';
export { AuditChain1764115400000 } from './migrations/1764115400000-audit-chain';
export * from './node-names';
export * from './live-queries.service';
export * from './transient';
export { SequenceSync1764116000000 } from './migrations/1764116000000-sequence-sync';
export { TrustStore1764116100000 } from './migrations/1764116100000-trust-store';
export { PeerProtocol1764116200000 } from './migrations/1764116200000-peer-protocol';
import { MessagingSchema1764115200000 } from './migrations/1764115200000-messaging-schema';
import { AuditChain1764115400000 } from './migrations/1764115400000-audit-chain';
import { SequenceSync1764116000000 } from './migrations/1764116000000-sequence-sync';
import { TrustStore1764116100000 } from './migrations/1764116100000-trust-store';
import { PeerProtocol1764116200000 } from './migrations/1764116200000-peer-protocol';

/** The messaging library's migrations, in order (a node interleaves them with the others by timestamp). */
export const MESSAGING_MIGRATIONS = [
  MessagingSchema1764115200000,
  AuditChain1764115400000,
  SequenceSync1764116000000,
  TrustStore1764116100000,
  PeerProtocol1764116200000,
];
export * from './broker-tls';
export * from './work-item';
export { judge } from './inbox-judgement';
export type { Settlement } from './inbox-settlement';
export type { Authentic } from './envelope-admission';
export { nodeConsumerConfig } from './node-broker-layout';
export { registrationOf } from './registration.service';
