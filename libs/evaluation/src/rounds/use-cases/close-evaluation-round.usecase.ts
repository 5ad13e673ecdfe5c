import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@liandong/access';
import { actorOf } from '@liandong/access';
import {
  AuditService,
  Clock,
  MESSAGING_OPTIONS,
  MessagingOptions,
  OutboxService,
} from '@liandong/messaging';
import { InspectionDirectory } from '@liandong/planning';
import { chinaDate, EvaluationAggregatedV1, nodeAudience } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { EvaluationAnswer, EvaluationRound } from '../../entities';
import { evaluationRefusal } from '../../evaluation.errors';
import { aggregate, MIN_ANSWERS, QUESTIONNAIRES } from '../../questionnaire';
import { RecordEvaluation } from '../../received/record-evaluation';
import { roundOrFail } from '../evaluation.repository';
import { EvaluationQueries } from '../evaluation.queries';
import { EvaluationRoundView } from '../evaluation.views';

/**
 * 结束评价: no more answers; only now the aggregate is counted. With at least MIN_ANSWERS
 * answers it is kept here and goes to the conducting node's office (an event), or, for this
 * node's own team, into its own team records; under the minimum nothing is counted, kept or
 * sent — only the number of answers is shown. A round is closed once and never reopened.
 */
@Injectable()
export class CloseEvaluationRound {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: EvaluationQueries,
    private readonly inspections: InspectionDirectory,
    private readonly record: RecordEvaluation,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async execute(id: string, user: Principal): Promise<EvaluationRoundView> {
    const self = this.options.identity.nodeId;
    return this.dataSource.transaction(async (manager) => {
      const round = await roundOrFail(manager, id, true);
      if (round.state === 'closed')
        throw evaluationRefusal('ROUND_CLOSED', {
          zh: `对${round.organizationName}巡视巡察组的评价已经结束`,
          en: `evaluation round ${id} is closed already`,
        });
      // In the order of their random ids: no order at all.
      const answers = await manager.find(EvaluationAnswer, {
        where: { roundId: id },
        order: { id: 'ASC' },
      });
      const now = this.clock.now();
      const enough = answers.length >= MIN_ANSWERS;
      const questionnaire = QUESTIONNAIRES.get(round.questionnaireVersion);
      const items =
        enough && questionnaire
          ? aggregate(
              questionnaire,
              answers.map((a) => a.choices),
            )
          : null;
      const comments = items
        ? answers
            .map((a) => a.comment)
            .filter((c): c is string => Boolean(c))
            .sort((a, b) => a.localeCompare(b, 'zh-CN'))
        : null;
      const sentTo = items && round.conductingNode !== self ? round.conductingNode : null;
      await manager.update(EvaluationRound, id, {
        state: 'closed',
        closedBy: user.username,
        closedAt: now,
        answers: answers.length,
        aggregate: items,
        comments,
        sentTo,
      });
      if (items && comments) {
        const payload: EvaluationAggregatedV1 = {
          inspectionId: round.inspectionId,
          roundId: round.id,
          questionnaireVersion: round.questionnaireVersion,
          codesIssued: round.codesIssued,
          answers: answers.length,
          closedOn: chinaDate(now),
          items,
          comments,
        };
        if (sentTo)
          await this.outbox.emit(manager, {
            type: EvaluationAggregatedV1.type,
            audience: nodeAudience(sentTo),
            payload,
          });
        else {
          const inspection = await this.inspections.get(manager, round.inspectionId);
          await this.record.insert(manager, inspection, self, payload);
        }
      }
      await this.audit.record(manager, {
        actor: actorOf(user),
        action: 'evaluation.round_closed',
        subjectType: 'evaluation_round',
        subjectId: id,
        detail: { answers: answers.length, counted: Boolean(items), sentTo },
      });
      return this.queries.round(id, manager);
    });
  }
}
