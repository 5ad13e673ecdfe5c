import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import {
  AuditService,
  Clock,
  KeyRegistryService,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import {
  ANSWER_MAX_ATTACHMENT_BYTES,
  InformationAnsweredV1,
  nodeAudience,
  seal,
  SealedBox,
} from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { exchangeRefusal } from '../../exchange.errors';
import { SealedAnswer } from '../sealed-answer';
import { mapRequest } from '../request.mapper';
import { lockReceivedRequest, updateRequest } from '../request.repository';
import { AnswerDto } from '../request.dto';
import { InformationRequestView } from '../request.views';

/**
 * 答复: the asked body's summary and attachments, sealed to the requesting node's inspection
 * office key (so only that node can open them, for its inspection's team), sent back by event.
 * Answered once; the asked node keeps the time and the count, never the box.
 */
@Injectable()
export class AnswerRequest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly keys: KeyRegistryService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(id: string, dto: AnswerDto, user: Principal): Promise<InformationRequestView> {
    const self = this.options.identity.nodeId;
    const sealedAnswer = sealedAnswerOf(dto);
    const request = await this.dataSource.transaction(async (manager) => {
      const request = await lockReceivedRequest(manager, id, self, this.names);
      if (request.answeredAt)
        throw exchangeRefusal('ALREADY_ANSWERED', {
          zh: '这项请求已经答复，不能重复答复',
          en: `information request ${id} is already answered`,
        });
      const sealed = await this.sealTo(request.fromNode, JSON.stringify(sealedAnswer));
      const now = this.clock.now();
      const change = {
        answeredAt: now,
        answeredBy: user.username,
        attachmentCount: sealedAnswer.attachments.length,
        // Kept only where it can be opened: a request to this node's own bodies.
        sealed: request.fromNode === self ? sealed : null,
      };
      await updateRequest(manager, id, change);
      if (request.fromNode !== self) {
        const payload: InformationAnsweredV1 = {
          requestId: id,
          answeredAt: now.toISOString(),
          answeredBy: user.username,
          attachmentCount: change.attachmentCount,
          sealed,
        };
        await this.outbox.emit(manager, {
          type: InformationAnsweredV1.type,
          audience: nodeAudience(request.fromNode),
          payload,
        });
      }
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'information_request.answered',
        subjectType: 'information_request',
        subjectId: id,
        detail: { fromNode: request.fromNode, attachments: change.attachmentCount },
      });
      return { ...request, ...change };
    });
    return mapRequest(request, this.clock.now(), (n) => this.names.label(n));
  }

  private async sealTo(requester: string, text: string): Promise<SealedBox> {
    return this.keys.bodyKey(requester, 'inspection_office').then(
      (key) =>
        seal(text, { nodeId: requester, body: 'inspection_office', publicKey: key.publicKey }),
      (error: Error) => {
        throw exchangeRefusal('NO_INSPECTION_OFFICE_KEY', {
          zh: `无法加密答复给${this.names.label(requester)}：尚未取得其巡视巡察机构的密钥。请联系${this.names.label(requester)}的系统管理员发布密钥后再答复`,
          en: `cannot seal to the inspection office of ${requester}: ${error.message}`,
        });
      },
    );
  }
}

/** The answer as it is sealed: the summary and each file with its size and SHA-256. */
function sealedAnswerOf(dto: AnswerDto): SealedAnswer {
  const attachments = (dto.attachments ?? []).map((a, index) => {
    const data = Buffer.from(a.contentBase64, 'base64');
    if (data.length === 0)
      throw exchangeRefusal(
        'BAD_ATTACHMENT',
        {
          zh: `第${index + 1}个附件（${a.filename}）是空文件`,
          en: `attachment ${index + 1} (${a.filename}) is empty`,
        },
        400,
      );
    return {
      filename: a.filename,
      contentType: a.contentType,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      contentBase64: data.toString('base64'),
    };
  });
  const total = attachments.reduce((sum, a) => sum + a.size, 0);
  if (total > ANSWER_MAX_ATTACHMENT_BYTES)
    throw exchangeRefusal(
      'ATTACHMENTS_TOO_LARGE',
      {
        zh: `附件合计${Math.ceil(total / 1024)} KB，超过${ANSWER_MAX_ATTACHMENT_BYTES / 1024} KB 的上限。请压缩或分项说明，较大的材料请线下移送`,
        en: `attachments total ${total} bytes; at most ${ANSWER_MAX_ATTACHMENT_BYTES} travel sealed in one answer`,
      },
      400,
    );
  return { summary: dto.summary, attachments };
}
