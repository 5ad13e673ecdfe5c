import { DynamicModule, FactoryProvider, Global, Module, ModuleMetadata } from '@nestjs/common';
import { AuditWitnessService } from './audit-witness.service';
import { AuditService } from './audit.service';
import { Clock, SystemClock } from './clock';
import { EnvelopeAdmission } from './envelope-admission';
import { EventHandlerRegistry } from './event-handlers';
import { InboxConsumerService } from './inbox-consumer.service';
import { InboxControl } from './inbox-control.service';
import { InboxFlush } from './inbox-flush.service';
import { InboxHandling } from './inbox-handling.service';
import { InboxProcessorService } from './inbox-processor.service';
import { InboxSequencing } from './inbox-sequencing.service';
import { JetStreamService } from './jetstream.service';
import { KeyRegistryBucket } from './key-registry-bucket.service';
import { KeyRegistryService } from './key-registry.service';
import { LiveQueries } from './live-queries.service';
import { MessagingLifecycle } from './messaging.lifecycle';
import { NodeNames } from './node-names';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRecovery } from './outbox-recovery.service';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxRows } from './outbox-rows.service';
import { OutboxService } from './outbox.service';
import { PeerProtocolService } from './peer-protocol.service';
import { RegistrationService } from './registration.service';
import { RestoreCheck } from './restore-check.service';
import { RevocationsService } from './revocations.service';
import { SequenceSyncService } from './sequence-sync.service';
import { SyncAnswers } from './sync-answers.service';
import { TrustStore } from './trust-store.service';

export interface MessagingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => MessagingOptions | Promise<MessagingOptions>;
  inject?: FactoryProvider['inject'];
  /** The node's clock; tests pass a settable one. */
  clock?: Clock;
}

/**
 * The exactly-once event path between nodes. Expects a TypeORM DataSource; provides the
 * node's Clock and what domain modules need to emit and handle events.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: MESSAGING_OPTIONS,
          useFactory: options.useFactory,
          inject: options.inject ?? [],
        },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        AuditService,
        AuditWitnessService,
        EnvelopeAdmission,
        EventHandlerRegistry,
        InboxConsumerService,
        InboxControl,
        InboxFlush,
        InboxHandling,
        InboxProcessorService,
        InboxSequencing,
        JetStreamService,
        KeyRegistryBucket,
        KeyRegistryService,
        LiveQueries,
        MessagingLifecycle,
        NodeNames,
        OutboxRecovery,
        OutboxRelayService,
        OutboxRows,
        OutboxService,
        PeerProtocolService,
        RegistrationService,
        RestoreCheck,
        RevocationsService,
        SequenceSyncService,
        SyncAnswers,
        TrustStore,
      ],
      exports: [
        MESSAGING_OPTIONS,
        Clock,
        AuditService,
        AuditWitnessService,
        EventHandlerRegistry,
        JetStreamService,
        OutboxService,
        KeyRegistryService,
        LiveQueries,
        NodeNames,
        OutboxRelayService,
      ],
    };
  }
}
