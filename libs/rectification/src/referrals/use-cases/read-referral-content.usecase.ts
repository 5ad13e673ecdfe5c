import { Inject, Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, MESSAGING_OPTIONS, MessagingOptions, NodeNames } from '@liandong/messaging';
import { BODY_LABELS, open } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { ReferralContentView } from '../../dto/referral.views';
import { rectificationRefusal } from '../../rectification.errors';
import { lockReceivedReferral } from '../referral.repository';

/**
 * Opens a received referral's content: sealed content only with the key of the receiving
 * body it was sealed to, the reading audited; a recommendation is plain.
 */
@Injectable()
export class ReadReferralContent {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(id: string, user: Principal): Promise<ReferralContentView> {
    const self = this.options.identity.nodeId;
    return this.dataSource.transaction(async (manager) => {
      const referral = await lockReceivedReferral(manager, id, self, this.names);
      if (!referral.sealed || !referral.body)
        return {
          body: 'functional',
          bodyLabel: referral.recommendation?.department ?? '',
          text: referral.recommendation?.text ?? '',
        };
      const key = this.options.identity.bodies[referral.body];
      if (!key || key.keyId !== referral.sealed.kid)
        throw rectificationRefusal(
          'NO_BODY_KEY',
          {
            zh: `${this.names.label(self)}的${BODY_LABELS[referral.body]}没有能打开这件移交的密钥（可能密钥已更换）。请联系本节点系统管理员`,
            en: `${this.names.label(self)} holds no key of its ${referral.body} body that opens referral ${id}`,
          },
          409,
        );
      const text = open(referral.sealed, key);
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'referral.content_read',
        subjectType: 'referral',
        subjectId: id,
        detail: { body: referral.body },
      });
      return { body: referral.body, bodyLabel: BODY_LABELS[referral.body], text };
    });
  }
}
