import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditHeadV1, nodeAudience, RefusalError } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { AuditWitnessMark } from './audit-chain';
import { Clock } from './clock';
import { AuditWitness } from './entities';
import { EventHandlerRegistry, InboundEvent } from './event-handlers';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxService } from './outbox.service';

/**
 * Sends this node's audit chain head to its parent (signed, exactly once like any event)
 * whenever it has moved, and keeps the heads its children send as witnesses.
 */
@Injectable()
export class AuditWitnessService implements OnModuleInit {
  private readonly logger = new Logger(AuditWitnessService.name);
  private lastSent?: string;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly handlers: EventHandlerRegistry,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    this.handlers.on<AuditHeadV1>(AuditHeadV1.type, (event) => this.witness(event));
  }

  start(): void {
    if (this.options.auditWitnessIntervalMs <= 0 || !this.options.identity.parentId) return;
    const tick = () =>
      void this.sendHead().catch((error: unknown) =>
        this.logger.warn({ msg: 'could not send the audit head', error: (error as Error).message }),
      );
    tick();
    this.timer = setInterval(tick, this.options.auditWitnessIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Sends the current head to the parent unless it was already sent; returns what was sent. */
  async sendHead(): Promise<AuditHeadV1 | undefined> {
    const parentId = this.options.identity.parentId;
    if (!parentId) return undefined;
    return this.dataSource.transaction(async (manager) => {
      const [head]: Array<{ seq: string; hash: string }> = await manager.query(
        `SELECT seq::text AS seq, hash FROM audit_head WHERE id = 1`,
      );
      if (!head || head.hash === this.lastSent) return undefined;
      const payload: AuditHeadV1 = {
        seq: Number(head.seq),
        hash: head.hash,
        at: this.clock.now().toISOString(),
      };
      await this.outbox.emit(manager, {
        type: AuditHeadV1.type,
        audience: nodeAudience(parentId),
        payload,
      });
      this.lastSent = head.hash;
      return payload;
    });
  }

  async witnessesOf(nodeId: string): Promise<AuditWitnessMark[]> {
    const rows = await this.dataSource
      .getRepository(AuditWitness)
      .find({ where: { nodeId }, order: { seq: 'ASC', id: 'ASC' } });
    return rows.map((row) => ({ seq: Number(row.seq), hash: row.hash }));
  }

  private async witness({
    envelope,
    issuerPath,
    manager,
  }: InboundEvent<AuditHeadV1>): Promise<void> {
    if (issuerPath[issuerPath.length - 2] !== this.options.identity.nodeId) {
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `only a direct child sends its audit head here; ${envelope.issuer} is not a child of ${this.options.identity.nodeId}`,
      );
    }
    await manager.insert(AuditWitness, {
      nodeId: envelope.issuer,
      seq: String(envelope.payload.seq),
      hash: envelope.payload.hash,
      signedAt: new Date(envelope.payload.at),
      eventId: envelope.id,
      recordedAt: this.clock.now(),
    });
  }
}
