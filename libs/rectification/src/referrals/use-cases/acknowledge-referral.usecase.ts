import { Inject, Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
} from '@liandong/messaging';
import { ReferralAcknowledgedV1 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { ReferralView } from '../../dto/referral.views';
import { mapReferral } from '../referral.mapper';
import { lockReceivedReferral, updateReferral } from '../referral.repository';
import { TellSender } from './tell-sender';

/** 签收, by the receiving node; its sender is told. Acknowledging twice changes nothing. */
@Injectable()
export class AcknowledgeReferral {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: TellSender,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(id: string, user: Principal): Promise<ReferralView> {
    const referral = await this.dataSource.transaction(async (manager) => {
      const referral = await lockReceivedReferral(
        manager,
        id,
        this.options.identity.nodeId,
        this.names,
      );
      if (referral.acknowledgedAt) return referral;
      const now = this.clock.now();
      await updateReferral(manager, id, { acknowledgedAt: now, acknowledgedBy: user.username });
      await this.sender.tell<ReferralAcknowledgedV1>(
        manager,
        referral,
        ReferralAcknowledgedV1.type,
        {
          referralId: id,
          acknowledgedAt: now.toISOString(),
          acknowledgedBy: user.username,
        },
      );
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'referral.acknowledged',
        subjectType: 'referral',
        subjectId: id,
      });
      return { ...referral, acknowledgedAt: now, acknowledgedBy: user.username };
    });
    return mapReferral(referral, this.clock.now(), (id) => this.names.label(id));
  }
}
