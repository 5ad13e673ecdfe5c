import { Inject, Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liandong/access';
import { PolicyBook } from '@liandong/directives';
import {
  AuditService,
  Clock,
  KeyRegistryService,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { InspectionDirectory, TeamRoles } from '@liandong/planning';
import {
  AskedBody,
  BODY_LABELS,
  canonicalize,
  chinaDate,
  InformationRequestKind,
  InformationRequestedV2,
  nodeAudience,
  SealedBox,
  seal,
  SealedRequestTextV1,
  uuidv7,
} from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { InformationRequest } from '../../entities';
import { exchangeRefusal } from '../../exchange.errors';
import { REQUEST_KIND_LABELS } from '../../labels';
import { ANSWER_DAYS_POLICY, answerByFor, DEFAULT_ANSWER_DAYS } from '../answer-deadline';
import { RequestRouting } from '../request-routing';
import { mapRequest } from '../request.mapper';
import { insertRequest } from '../request.repository';
import { SendRequestDto } from '../request.dto';
import { InformationRequestView } from '../request.views';

/**
 * 巡前信息沟通 (`information`, by the office) or 巡中监督手段支持 (`support`, by the team's
 * leader): a request about the target of an inspection this node conducts, to a body of this
 * node or of a node on its line, due by the policy in force on the sending day (or earlier).
 */
@Injectable()
export class SendRequest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly policies: PolicyBook,
    private readonly inspections: InspectionDirectory,
    private readonly teams: TeamRoles,
    private readonly routing: RequestRouting,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    private readonly keys: KeyRegistryService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(
    inspectionId: string,
    kind: InformationRequestKind,
    dto: SendRequestDto,
    user: Principal,
  ): Promise<InformationRequestView> {
    const self = this.options.identity.nodeId;
    const request = await this.dataSource.transaction(async (manager) => {
      const inspection = await this.inspections.find(manager, inspectionId, ['conducting']);
      if (!inspection || inspection.conductingNode !== self)
        throw exchangeRefusal(
          'NOT_CONDUCTING',
          {
            zh: `${this.names.label(self)}没有由本级巡察组开展的这项巡察（编号 ${inspectionId}），只能为本级开展的巡察发出${REQUEST_KIND_LABELS[kind]}请求`,
            en: `${self} conducts no inspection ${inspectionId}; requests are sent for inspections this node conducts`,
          },
          404,
        );
      if (inspection.status !== 'planned')
        throw exchangeRefusal('INSPECTION_CLOSED', {
          zh: `这项巡察已${inspection.status === 'refused' ? '被拒绝' : '反馈'}，不能再发出${REQUEST_KIND_LABELS[kind]}请求`,
          en: `inspection ${inspectionId} is ${inspection.status}; requests are sent before and during it`,
        });
      if (kind === 'support') await this.requireLeader(manager, inspectionId, user);
      const target = await this.routing.targetOf(manager, inspection.ownerNode, dto);
      const now = this.clock.now();
      const policy = await this.policies.inForce(ANSWER_DAYS_POLICY, chinaDate(now), manager);
      const days = policy?.value ?? DEFAULT_ANSWER_DAYS;
      const request: InformationRequest = {
        id: uuidv7(now.getTime()),
        kind,
        fromNode: self,
        targetNode: target,
        body: dto.body,
        cadreTier: dto.cadreTier ?? null,
        inspectionId,
        organizationName: inspection.organizationName,
        subject: dto.subject,
        details: dto.details,
        answerBy: answerByFor(now, days, dto.answerBy),
        requestedAt: now,
        requestedBy: user.username,
        answeredAt: null,
        answeredBy: null,
        attachmentCount: null,
        sealed: null,
      };
      await insertRequest(manager, request);
      if (target !== self) {
        const text: SealedRequestTextV1 = { subject: request.subject, details: request.details };
        const payload: InformationRequestedV2 = {
          requestId: request.id,
          kind,
          body: request.body,
          inspectionId,
          organizationName: request.organizationName,
          sealed: await this.sealTo(target, request.body, canonicalize(text)),
          answerBy: request.answerBy,
          requestedAt: now.toISOString(),
        };
        await this.outbox.emit(manager, {
          type: InformationRequestedV2.type,
          audience: nodeAudience(target),
          payload,
        });
      }
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'information_request.sent',
        subjectType: 'information_request',
        subjectId: request.id,
        detail: {
          kind,
          targetNode: target,
          body: request.body,
          inspectionId,
          answerBy: request.answerBy,
          answerDays: days,
        },
      });
      return request;
    });
    return mapRequest(request, this.clock.now(), (id) => this.names.label(id));
  }

  /** The request's words travel sealed to the asked body: the broker and relays read none of it. */
  private sealTo(target: string, body: AskedBody, text: string): Promise<SealedBox> {
    return this.keys.bodyKey(target, body).then(
      (key) => seal(text, { nodeId: target, body, publicKey: key.publicKey }),
      (error: Error) => {
        throw exchangeRefusal('NO_BODY_KEY', {
          zh: `无法加密发给${this.names.label(target)}的请求：尚未取得其${BODY_LABELS[body]}的密钥。请联系${this.names.label(target)}的系统管理员发布密钥后再发送`,
          en: `cannot seal to the ${body} body of ${target}: ${error.message}`,
        });
      },
    );
  }

  /** A support request is the team's: its leader asks. */
  private async requireLeader(
    manager: EntityManager,
    inspectionId: string,
    user: Principal,
  ): Promise<void> {
    const role = await this.teams.roleOf(manager, inspectionId, user.username);
    if (!role)
      throw exchangeRefusal(
        'NOT_ON_TEAM',
        {
          zh: `您（账号 ${user.username}）不在这项巡察的巡察组中，不能为其申请监督手段支持`,
          en: `${user.username} is not on the team of inspection ${inspectionId}`,
        },
        403,
      );
    if (role !== 'leader')
      throw exchangeRefusal(
        'WRONG_TEAM_ROLE',
        {
          zh: '巡中监督手段支持须由本巡察组组长提出',
          en: `a support request is made by the team's leader; ${user.username} is ${role}`,
        },
        403,
      );
  }
}
