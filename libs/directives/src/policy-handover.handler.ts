import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { nodeAudience, PolicyBookV1, PolicyVersionV1, RefusalError } from '@liandong/protocol';
import {
  AuditService,
  Clock,
  EventHandlerRegistry,
  InboundEvent,
  MESSAGING_OPTIONS,
  MessagingOptions,
  OutboxService,
} from '@liandong/messaging';
import { EntityManager, IsNull, Not } from 'typeorm';
import { PolicyVersion } from './entities';

/**
 * Rules outlive the directives that carried them. A child that joined late (or skipped
 * directives whose envelopes have expired) gets from its parent the policy versions in force
 * here — each still naming the tier that set it — so its deadlines follow the same rules as
 * everyone else's (protocol.md §5.5, policy.book.v1).
 */
@Injectable()
export class PolicyHandoverHandler implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlerRegistry,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    this.handlers.onCatchUp((manager, child) => this.handOver(manager, child));
    this.handlers.on<PolicyBookV1>(PolicyBookV1.type, (event) => this.received(event));
  }

  private async handOver(manager: EntityManager, child: string): Promise<void> {
    const versions = await manager.find(PolicyVersion, {
      where: { directiveId: Not(IsNull()) },
      order: { id: 'ASC' },
    });
    const policies: PolicyVersionV1[] = versions.map((v) => ({
      key: v.key,
      value: v.value,
      effectiveFrom: v.effectiveFrom,
      setByNode: v.setByNode as string,
      directiveId: v.directiveId as string,
    }));
    await this.outbox.emit(manager, {
      type: PolicyBookV1.type,
      audience: nodeAudience(child),
      payload: { policies },
    });
  }

  private async received({ envelope, manager }: InboundEvent<PolicyBookV1>): Promise<void> {
    const self = this.options.identity;
    if (envelope.issuer !== self.parentId)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `policy versions come only from the parent ${self.parentId}, not from ${envelope.issuer}`,
      );
    const ancestors = self.path.slice(0, -1);
    const foreign = envelope.payload.policies.find((p) => !ancestors.includes(p.setByNode));
    if (foreign)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${foreign.key} was set by ${foreign.setByNode}, which is not above ${self.nodeId}`,
      );
    let added = 0;
    for (const policy of envelope.payload.policies) {
      const known = await manager.findOne(PolicyVersion, {
        where: {
          key: policy.key,
          effectiveFrom: policy.effectiveFrom,
          directiveId: policy.directiveId,
        },
      });
      if (known) continue;
      await manager.insert(PolicyVersion, { ...policy, recordedAt: this.clock.now() });
      added += 1;
    }
    await this.audit.record(manager, {
      actor: `node:${envelope.issuer}`,
      action: 'policy.handed_over',
      subjectType: 'node',
      subjectId: self.nodeId,
      detail: { eventId: envelope.id, versions: envelope.payload.policies.length, added },
    });
  }
}
