import { Inject, Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
  registeredNode,
} from '@liandong/messaging';
import { nodeAudience, OversightEngagementOpenedV1, uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { Engagement } from '../../entities';
import { OversightReporter } from '../../figures/oversight-reporter';
import { oversightRefusal } from '../../oversight.errors';
import { OpenEngagementDto } from '../engagement.dto';
import { mapEngagement } from '../engagement.mapper';
import { EngagementView } from '../engagement.views';

/** 开展指导督导: an ancestor opens an engagement over a registered descendant, and tells it. */
@Injectable()
export class OpenEngagement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly reporter: OversightReporter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(dto: OpenEngagementDto, actor: string): Promise<EngagementView> {
    const self = this.options.identity.nodeId;
    if (dto.windowEnd < dto.windowStart)
      throw oversightRefusal(
        'WINDOW_INVALID',
        {
          zh: `督导结束日期（${dto.windowEnd}）早于开始日期（${dto.windowStart}）。请改正日期`,
          en: `windowEnd ${dto.windowEnd} is before windowStart ${dto.windowStart}`,
        },
        400,
      );
    const roundId = dto.roundId ?? null;
    if ((dto.form === 'on_site') !== (roundId !== null))
      throw oversightRefusal(
        'ROUND_REQUIRED',
        {
          zh:
            dto.form === 'on_site'
              ? '现场跟进指导须指明被督导节点正在进行的巡视巡察轮次（roundId）'
              : '只有现场跟进指导才指明轮次；专题培训辅导和工作调研督导请不填 roundId',
          en:
            dto.form === 'on_site'
              ? "an on_site engagement names the overseen node's live round (roundId)"
              : 'only an on_site engagement names a round; leave roundId out',
        },
        400,
      );
    const engagement = await this.dataSource.transaction(async (manager) => {
      const node = await registeredNode(manager, dto.overseenNode);
      if (!node || dto.overseenNode === self || !node.path.includes(self))
        throw oversightRefusal(
          'NOT_A_DESCENDANT',
          {
            zh: `${this.names.label(dto.overseenNode)}不是本节点${this.names.label(self)}的下级（或尚未接入联动）。指导督导只能由上级对下级开展；同级或上级的巡视巡察工作不能由本节点督导`,
            en: `node ${dto.overseenNode} is not a registered descendant of ${self}: only an ancestor oversees a node's inspection work`,
          },
          409,
        );
      const now = this.clock.now();
      const payload: OversightEngagementOpenedV1 = {
        engagementId: uuidv7(now.getTime()),
        form: dto.form,
        roundId,
        title: dto.title,
        windowStart: dto.windowStart,
        windowEnd: dto.windowEnd,
        people: dto.people.map((p) => ({ name: p.name, post: p.post })),
        checklist: dto.checklist,
      };
      const envelope = await this.outbox.emit(manager, {
        type: OversightEngagementOpenedV1.type,
        audience: nodeAudience(dto.overseenNode),
        payload,
      });
      const engagement = manager.create(Engagement, {
        id: payload.engagementId,
        role: 'overseeing',
        overseeingNode: self,
        overseenNode: dto.overseenNode,
        form: payload.form,
        roundId,
        title: payload.title,
        windowStart: payload.windowStart,
        windowEnd: payload.windowEnd,
        people: payload.people,
        checklist: payload.checklist,
        status: 'opened',
        acknowledgedAt: null,
        acknowledgedBy: null,
        grantedAreas: null,
        grantFrom: null,
        grantUntil: null,
        grantedAt: null,
        assessment: null,
        closedAt: null,
        eventId: envelope.id,
        refusalReason: null,
        createdBy: actor,
        createdAt: now,
      });
      await manager.insert(Engagement, engagement);
      await this.reporter.report(manager);
      await this.audit.record(manager, {
        actor,
        action: 'oversight.engagement_opened',
        subjectType: 'oversight_engagement',
        subjectId: engagement.id,
        detail: { overseenNode: dto.overseenNode, form: dto.form, checklist: dto.checklist },
      });
      return engagement;
    });
    return mapEngagement(engagement, this.clock.now(), this.names);
  }
}
