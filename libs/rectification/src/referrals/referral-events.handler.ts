import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  AuditService,
  Clock,
  EventHandlerRegistry,
  InboundEvent,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
} from '@liandong/messaging';
import { CoverageReporter } from '@liandong/planning';
import {
  ReferralAcknowledgedV1,
  ReferralDisposedV1,
  ReferralMadeV1,
  RefusalError,
} from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Referral } from '../entities';
import { insertReferral, recordAnswer } from './referral.repository';

/**
 * What referral events do on the node that receives them: a referral made to this node is
 * recorded (only along the tree, only content sealed to this node); an acknowledgement or a
 * disposition updates what this node sent, and its figures. Each is audited.
 */
@Injectable()
export class ReferralEventsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlerRegistry,
    private readonly coverage: CoverageReporter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  onModuleInit(): void {
    this.handlers.on<ReferralMadeV1>(ReferralMadeV1.type, (event) => this.made(event));
    this.handlers.on<ReferralAcknowledgedV1>(ReferralAcknowledgedV1.type, ({ envelope, manager }) =>
      this.answered(
        manager,
        envelope.issuer,
        envelope.payload.referralId,
        'referral.acknowledged',
        {
          acknowledgedAt: new Date(envelope.payload.acknowledgedAt),
          acknowledgedBy: envelope.payload.acknowledgedBy,
        },
      ),
    );
    this.handlers.on<ReferralDisposedV1>(ReferralDisposedV1.type, ({ envelope, manager }) =>
      this.answered(manager, envelope.issuer, envelope.payload.referralId, 'referral.disposed', {
        disposedAt: new Date(envelope.payload.disposedAt),
        disposition: envelope.payload.disposition,
      }),
    );
  }

  private async made({
    envelope,
    manager,
    issuerPath,
  }: InboundEvent<ReferralMadeV1>): Promise<void> {
    const from = envelope.issuer;
    const payload = envelope.payload;
    const inLine =
      this.options.identity.path.slice(0, -1).includes(from) ||
      issuerPath.slice(0, -1).includes(this.self);
    if (!inLine)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${this.names.label(from)} is neither an ancestor nor a descendant of ${this.names.label(this.self)}; referrals follow the tree`,
      );
    if (payload.sealed && payload.sealed.recipientNode !== this.self)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `the content is sealed to ${this.names.label(payload.sealed.recipientNode)}, not to ${this.names.label(this.self)}`,
      );
    await insertReferral(manager, {
      id: payload.referralId,
      fromNode: from,
      targetNode: this.self,
      kind: payload.kind,
      body: payload.body ?? null,
      sealed: payload.sealed ?? null,
      recommendation: payload.recommendation ?? null,
      cadreTier: payload.cadreTier ?? null,
      inspectionId: payload.inspectionId,
      findingId: payload.findingId,
      organizationName: payload.organizationName,
      sentAt: this.clock.now(),
      acknowledgeBy: new Date(payload.acknowledgeBy),
    });
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'referral.received',
      subjectType: 'referral',
      subjectId: payload.referralId,
      detail: { kind: payload.kind, body: payload.body },
    });
  }

  private async answered(
    manager: EntityManager,
    from: string,
    referralId: string,
    action: string,
    change: Partial<Referral>,
  ): Promise<void> {
    const recorded = await recordAnswer(
      manager,
      { id: referralId, fromNode: this.self, targetNode: from },
      change,
    );
    if (!recorded)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${this.names.label(this.self)} sent no referral ${referralId} to ${this.names.label(from)}`,
      );
    await this.coverage.report(manager);
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action,
      subjectType: 'referral',
      subjectId: referralId,
    });
  }
}
