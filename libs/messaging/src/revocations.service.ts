import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  CENTRAL_NODE_ID,
  KeyRevocation,
  KeyRevokedV1,
  nodeAudience,
  RefusalError,
  subtreeAudience,
} from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from './audit.service';
import { EventHandlerRegistry, InboundEvent } from './event-handlers';
import { KeyRegistryService } from './key-registry.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxService } from './outbox.service';

/**
 * Revocations reach every node exactly once, as events, whatever happens to the key registry
 * (protocol.md §2.4). The revoking parent finds its own signed revocation in the registry
 * (put there by `keys revoke`) and sends it to central; central sends every revocation it
 * takes to its whole subtree. Each node keeps what it takes in its database.
 */
@Injectable()
export class RevocationsService implements OnModuleInit {
  private readonly logger = new Logger(RevocationsService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: KeyRegistryService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly handlers: EventHandlerRegistry,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    this.handlers.on<KeyRevokedV1>(KeyRevokedV1.type, (event) => this.received(event));
    this.handlers.onCatchUp((manager, child) => this.handOver(manager, child));
  }

  /** A child that skipped expired envelopes gets every revocation this node holds. */
  private async handOver(manager: EntityManager, child: string): Promise<void> {
    const revocations = this.keys.allRevocations();
    if (revocations.length === 0) return;
    await this.outbox.emitMany(
      manager,
      revocations.map((revocation) => ({
        type: KeyRevokedV1.type,
        audience: nodeAudience(child),
        payload: { revocation },
      })),
    );
  }

  /** Looks in the registry now and every `brokerCheckMs`. */
  async start(): Promise<void> {
    await this.poll();
    if (this.options.brokerCheckMs > 0)
      this.timer = setInterval(
        () =>
          void this.poll().catch((error: unknown) =>
            this.logger.warn({ msg: 'revocation poll failed', error: (error as Error).message }),
          ),
        this.options.brokerCheckMs,
      );
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Takes new revocations from the registry, and puts this node's certificate back if it went missing. */
  async poll(): Promise<void> {
    await this.keys.ensureOwnPublished();
    await this.keys.pollRevocations((revocation) =>
      this.dataSource.transaction(async (manager) => {
        if ((await this.keys.accept(revocation, manager)) !== 'taken') return false;
        await this.taken(manager, revocation, 'registry');
        return true;
      }),
    );
  }

  private async received({ envelope, manager }: InboundEvent<KeyRevokedV1>): Promise<void> {
    const { revocation } = envelope.payload;
    const passers = [revocation.signerNodeId, CENTRAL_NODE_ID, this.options.identity.parentId];
    if (!passers.includes(envelope.issuer))
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `a revocation is passed on only by its signer, central or this node's parent, not by ${envelope.issuer}`,
      );
    const outcome = await this.keys.accept(revocation as KeyRevocation, manager);
    if (outcome === 'invalid')
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `the revocation of key ${revocation.keyId} is not signed by a certified key of ${revocation.signerNodeId}`,
      );
    if (outcome === 'taken')
      await this.taken(manager, revocation as KeyRevocation, envelope.issuer);
  }

  /** Recorded, and passed on: the signer to central, central to everyone. */
  private async taken(manager: EntityManager, revocation: KeyRevocation, from: string) {
    const self = this.options.identity.nodeId;
    await this.audit.record(manager, {
      actor: from === 'registry' ? 'system' : `node:${from}`,
      action: 'key.revocation_taken',
      subjectType: 'key',
      subjectId: revocation.keyId,
      detail: {
        node: revocation.nodeId,
        signer: revocation.signerNodeId,
        revokedAt: revocation.revokedAt,
        from,
      },
    });
    const audience =
      self === CENTRAL_NODE_ID
        ? subtreeAudience(CENTRAL_NODE_ID)
        : revocation.signerNodeId === self
          ? nodeAudience(CENTRAL_NODE_ID)
          : undefined;
    if (!audience) return;
    // To central's subtree even before any child registered: its sequence log keeps it for them.
    await this.outbox.emit(manager, {
      type: KeyRevokedV1.type,
      audience,
      payload: { revocation },
    });
  }
}
