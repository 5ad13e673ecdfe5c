import { Inject, Injectable } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions, OutboxService } from '@liandong/messaging';
import { CoverageReporter } from '@liandong/planning';
import { nodeAudience } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { Referral } from '../../entities';

/**
 * The sender learns of an acknowledgement or a disposition by event; a referral to this
 * node's own bodies changes this node's own figures instead. Shared by 签收 and 处置.
 */
@Injectable()
export class TellSender {
  constructor(
    private readonly outbox: OutboxService,
    private readonly coverage: CoverageReporter,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async tell<P extends object>(
    manager: EntityManager,
    referral: Referral,
    type: string,
    payload: P,
  ): Promise<void> {
    if (referral.fromNode === this.options.identity.nodeId) return this.coverage.report(manager);
    await this.outbox.emit(manager, { type, audience: nodeAudience(referral.fromNode), payload });
  }
}
