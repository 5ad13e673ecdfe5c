import { AuditEntry } from './audit-entry.entity';
import { AuditWitness } from './audit-witness.entity';
import { DeadLetter } from './dead-letter.entity';
import { FederationNode } from './federation-node.entity';
import { HeldEvent } from './held-event.entity';
import { InboxCursor } from './inbox-cursor.entity';
import { InboxEntry } from './inbox-entry.entity';
import { NodeState } from './node-state.entity';
import { OutboxEntry } from './outbox-entry.entity';
import { PeerProtocol } from './peer-protocol.entity';
import { SequenceCounter } from './sequence-counter.entity';
import { SequenceLog } from './sequence-log.entity';
import { KeyRevocationRecord, TrustedCertificate } from './trust.entities';

export {
  AuditEntry,
  AuditWitness,
  DeadLetter,
  FederationNode,
  HeldEvent,
  InboxCursor,
  InboxEntry,
  NodeState,
  OutboxEntry,
  PeerProtocol,
  SequenceCounter,
  SequenceLog,
  KeyRevocationRecord,
  TrustedCertificate,
};
export * from './dead-letter.entity';
export * from './inbox-entry.entity';
export * from './outbox-entry.entity';

export const MESSAGING_ENTITIES = [
  AuditEntry,
  AuditWitness,
  DeadLetter,
  FederationNode,
  HeldEvent,
  InboxCursor,
  InboxEntry,
  NodeState,
  OutboxEntry,
  PeerProtocol,
  SequenceCounter,
  SequenceLog,
  KeyRevocationRecord,
  TrustedCertificate,
];
