import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { AuditWitnessService } from './audit-witness.service';
import { InboxConsumerService } from './inbox-consumer.service';
import { JetStreamService } from './jetstream.service';
import { KeyRegistryService } from './key-registry.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxRecovery } from './outbox-recovery.service';
import { NodeNames } from './node-names';
import { LiveQueries } from './live-queries.service';
import { DataSource } from 'typeorm';
import { RegistrationService } from './registration.service';
import { RestoreCheck } from './restore-check.service';
import { RevocationsService } from './revocations.service';
import { SequenceSyncService } from './sequence-sync.service';

/** Starts the moving parts in dependency order once every handler is registered, and stops them in reverse. */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MessagingLifecycle.name);

  constructor(
    private readonly jetstream: JetStreamService,
    private readonly keys: KeyRegistryService,
    private readonly restore: RestoreCheck,
    private readonly revocations: RevocationsService,
    private readonly recovery: OutboxRecovery,
    private readonly dataSource: DataSource,
    private readonly names: NodeNames,
    private readonly liveQueries: LiveQueries,
    private readonly registration: RegistrationService,
    private readonly relay: OutboxRelayService,
    private readonly consumer: InboxConsumerService,
    private readonly sync: SequenceSyncService,
    private readonly witness: AuditWitnessService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Trust first: what this node verified before, and its own chain.
    await this.keys.load();
    await this.names.load();
    await this.jetstream.start();
    await this.keys.publishOwn();
    await this.revocations.start();
    await this.restore.run();
    const resigned = await this.dataSource.transaction((m) =>
      this.recovery.resignWithCurrentKey(m),
    );
    if (resigned > 0)
      this.logger.log({ msg: 'signed unreceipted envelopes again with the current key', resigned });
    await this.registration.ensureRegistered();
    await this.relay.start();
    await this.consumer.start();
    this.liveQueries.start();
    // Where this node stands, to those who deliver its sequences: they re-send what it lacks.
    await this.sync.announce(true);
    this.sync.startPeriodic();
    this.jetstream.onHealed(async ({ keyRegistry }) => {
      if (keyRegistry) await this.keys.publishOwn();
      await this.relay.resendUnreceipted();
      this.consumer.restartPull();
    });
    this.jetstream.startChecks();
    this.witness.start();
    this.logger.log({ msg: 'messaging started', node: this.options.identity.nodeId });
  }

  async onModuleDestroy(): Promise<void> {
    this.witness.stop();
    this.sync.stop();
    this.revocations.stop();
    this.liveQueries.stop();
    await this.consumer.stop();
    await this.relay.stop();
    await this.jetstream.close();
  }
}
