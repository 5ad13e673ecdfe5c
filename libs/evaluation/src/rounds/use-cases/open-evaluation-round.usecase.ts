import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@liandong/access';
import { actorOf } from '@liandong/access';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
} from '@liandong/messaging';
import { InspectionDirectory } from '@liandong/planning';
import { DataSource } from 'typeorm';
import { EvaluationCode, EvaluationRound } from '../../entities';
import { evaluationRefusal } from '../../evaluation.errors';
import { CURRENT_QUESTIONNAIRE } from '../../questionnaire';
import { hashCode, newCode, normalizeCode } from '../codes';
import { OpenEvaluationRoundDto } from '../evaluation.dto';
import { mapRound } from '../evaluation.mapper';
import { OpenedEvaluationRoundView } from '../evaluation.views';

/**
 * 发起后评估: after feedback to one of this node's organizations — by this node's team or,
 * hosted here, by another node's — the office opens the one questionnaire round of that
 * inspection with N one-time answer codes. The codes are returned this once, to be printed and
 * handed out; only their hashes are kept, and nothing records who received which.
 */
@Injectable()
export class OpenEvaluationRound {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(dto: OpenEvaluationRoundDto, user: Principal): Promise<OpenedEvaluationRoundView> {
    const self = this.options.identity.nodeId;
    return this.dataSource.transaction(async (manager) => {
      const inspection = await this.inspections.lock(manager, dto.inspectionId, [
        'conducting',
        'hosted',
      ]);
      if (!inspection || inspection.ownerNode !== self)
        throw evaluationRefusal(
          'INSPECTION_NOT_FOUND',
          {
            zh: '本节点没有对本级党组织的这次巡视巡察。后评估由被巡察党组织所在的巡察办组织，请检查所选巡察',
            en: `there is no inspection ${dto.inspectionId} of an organization of this node`,
          },
          404,
        );
      if (!inspection.feedbackAt)
        throw evaluationRefusal('NO_FEEDBACK_YET', {
          zh: `对${inspection.organizationName}的巡察尚未反馈。后评估在反馈之后开展`,
          en: `inspection ${inspection.id} has not been given feedback yet`,
        });
      const existing = await manager.findOne(EvaluationRound, {
        where: { inspectionId: inspection.id },
      });
      if (existing)
        throw evaluationRefusal('EVALUATION_ROUND_EXISTS', {
          zh: `对${inspection.organizationName}的巡察已发起过后评估（每次巡察只评价一次），请在列表中查看`,
          en: `inspection ${inspection.id} already has its evaluation round`,
        });
      const codes = new Set<string>();
      while (codes.size < dto.codes) codes.add(newCode());
      const now = this.clock.now();
      const round = manager.create(EvaluationRound, {
        id: randomUUID(),
        inspectionId: inspection.id,
        mode: inspection.mode,
        conductingNode: inspection.conductingNode,
        organizationCode: inspection.organizationCode,
        organizationName: inspection.organizationName,
        feedbackAt: inspection.feedbackAt,
        questionnaireVersion: CURRENT_QUESTIONNAIRE.version,
        codesIssued: dto.codes,
        state: 'open',
        openedBy: user.username,
        openedAt: now,
        closedBy: null,
        closedAt: null,
        answers: null,
        aggregate: null,
        comments: null,
        sentTo: null,
      });
      await manager.insert(EvaluationRound, round);
      await manager.insert(
        EvaluationCode,
        [...codes].map((code) => ({
          codeHash: hashCode(normalizeCode(code) as string),
          roundId: round.id,
          used: false,
        })),
      );
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'evaluation.round_opened',
        subjectType: 'evaluation_round',
        subjectId: round.id,
        detail: { inspectionId: inspection.id, codes: dto.codes },
      });
      return { ...mapRound(round, 0, this.names), codes: [...codes] };
    });
  }
}
