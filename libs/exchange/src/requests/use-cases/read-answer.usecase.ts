import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { AuditService, MESSAGING_OPTIONS, MessagingOptions, NodeNames } from '@liandong/messaging';
import { TeamRoles } from '@liandong/planning';
import { open } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { exchangeRefusal } from '../../exchange.errors';
import { requestState } from '../request-state';
import { findSentRequest } from '../request.repository';
import { AnswerView } from '../request.views';
import type { SealedAnswer } from '../sealed-answer';

/**
 * Opens an answer on the requesting node, for a member of the requesting inspection's team
 * only (planning's TeamRoles: the person record names the account); every opening audited.
 */
@Injectable()
export class ReadAnswer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamRoles,
    private readonly audit: AuditService,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(id: string, user: Principal): Promise<AnswerView> {
    const { nodeId: self, bodies } = this.options.identity;
    return this.dataSource.transaction(async (manager) => {
      const request = await findSentRequest(manager, id, self, this.names);
      const role = await this.teams.roleOf(manager, request.inspectionId, user.username);
      if (!role)
        throw exchangeRefusal(
          'NOT_ON_TEAM',
          {
            zh: `您（账号 ${user.username}）不在这项巡察的巡察组中。答复只有提出请求的巡察组成员才能查看`,
            en: `${user.username} is not on the team of inspection ${request.inspectionId}; only its team reads the answer`,
          },
          403,
        );
      if (!request.answeredAt || !request.answeredBy || !request.sealed)
        throw exchangeRefusal('NOT_ANSWERED', {
          zh: '这项请求尚未收到答复',
          en: `information request ${id} has no answer yet`,
        });
      const key = bodies.inspection_office;
      if (!key || key.keyId !== request.sealed.kid)
        throw exchangeRefusal('CANNOT_OPEN', {
          zh: `${this.names.label(self)}的巡视巡察机构没有能打开这份答复的密钥（可能密钥已更换）。请联系本节点系统管理员`,
          en: `${self} holds no inspection office key that opens the answer to ${id}`,
        });
      const answer = JSON.parse(open(request.sealed, key)) as SealedAnswer;
      for (const a of answer.attachments)
        if (
          createHash('sha256').update(Buffer.from(a.contentBase64, 'base64')).digest('hex') !==
          a.sha256
        )
          throw exchangeRefusal('CANNOT_OPEN', {
            zh: `答复的附件${a.filename}与其校验值不符`,
            en: `attachment ${a.filename} does not match its SHA-256`,
          });
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'information_request.answer_read',
        subjectType: 'information_request',
        subjectId: id,
        detail: { inspectionId: request.inspectionId, teamRole: role },
      });
      return {
        requestId: id,
        summary: answer.summary,
        attachments: answer.attachments,
        answeredAt: request.answeredAt,
        answeredBy: request.answeredBy,
        late: requestState(request, request.answeredAt) === 'answered_late',
      };
    });
  }
}
