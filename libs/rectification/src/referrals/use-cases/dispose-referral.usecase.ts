import { Inject, Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
} from '@liandong/messaging';
import { ReferralDisposedV1 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { DispositionDto } from '../../dto/referral.dto';
import { ReferralView } from '../../dto/referral.views';
import { rectificationRefusal } from '../../rectification.errors';
import { mapReferral } from '../referral.mapper';
import { lockReceivedReferral, updateReferral } from '../referral.repository';
import { TellSender } from './tell-sender';

/** 处置: the disposition, after acknowledgement, once; its sender is told. */
@Injectable()
export class DisposeReferral {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: TellSender,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(id: string, dto: DispositionDto, user: Principal): Promise<ReferralView> {
    const { disposition } = dto;
    const referral = await this.dataSource.transaction(async (manager) => {
      const referral = await lockReceivedReferral(
        manager,
        id,
        this.options.identity.nodeId,
        this.names,
      );
      if (!referral.acknowledgedAt)
        throw rectificationRefusal('NOT_ACKNOWLEDGED', {
          zh: '这件移交尚未签收。请先签收，再填写处置情况',
          en: `acknowledge referral ${id} before its disposition`,
        });
      if (referral.disposedAt)
        throw rectificationRefusal('ALREADY_DISPOSED', {
          zh: '这件移交已经填写了处置情况，不能重复填写',
          en: `referral ${id} already has its disposition`,
        });
      const now = this.clock.now();
      await updateReferral(manager, id, { disposedAt: now, disposition });
      await this.sender.tell<ReferralDisposedV1>(manager, referral, ReferralDisposedV1.type, {
        referralId: id,
        disposedAt: now.toISOString(),
        disposition,
      });
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'referral.disposed',
        subjectType: 'referral',
        subjectId: id,
      });
      return { ...referral, disposedAt: now, disposition };
    });
    return mapReferral(referral, this.clock.now(), (id) => this.names.label(id));
  }
}
