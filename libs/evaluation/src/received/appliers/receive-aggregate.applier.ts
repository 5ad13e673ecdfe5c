import { Inject, Injectable } from '@nestjs/common';
import { AuditService, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { InspectionDirectory } from '@liandong/planning';
import { EvaluationAggregatedV1, RefusalError } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { ReceivedEvaluation } from '../../entities';
import { itemFigures, MIN_ANSWERS, QUESTIONNAIRES } from '../../questionnaire';
import { RecordEvaluation } from '../record-evaluation';

/**
 * A team's post-evaluation aggregate, at the node that conducted the inspection. Only the node
 * that hosts the inspected organization for that very inspection may send it (the inspection's
 * owner node as this node recorded it), once per inspection, after feedback, with at least
 * MIN_ANSWERS answers, and its figures must add up: the receiver trusts no count it can check.
 */
@Injectable()
export class ReceiveAggregate {
  constructor(
    private readonly inspections: InspectionDirectory,
    private readonly record: RecordEvaluation,
    private readonly audit: AuditService,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async apply(
    manager: EntityManager,
    from: string,
    payload: EvaluationAggregatedV1,
  ): Promise<void> {
    const self = this.options.identity.nodeId;
    const inspection = await this.inspections.lock(manager, payload.inspectionId, ['conducting']);
    if (!inspection || inspection.ownerNode !== from || from === self)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `${from} does not host the organization of an inspection ${payload.inspectionId} that ${self} conducts`,
      );
    if (!inspection.feedbackAt)
      throw new RefusalError(
        'CONFLICT',
        `inspection ${payload.inspectionId} has not been given feedback`,
      );
    if (await manager.findOne(ReceivedEvaluation, { where: { inspectionId: inspection.id } }))
      throw new RefusalError(
        'CONFLICT',
        `the evaluation of inspection ${payload.inspectionId} was received already`,
      );
    this.check(payload);
    await this.record.insert(manager, inspection, from, payload);
    await this.audit.record(manager, {
      actor: `node:${from}`,
      action: 'evaluation.received',
      subjectType: 'inspection',
      subjectId: inspection.id,
      detail: { answers: payload.answers },
    });
  }

  private check(payload: EvaluationAggregatedV1): void {
    const invalid = (why: string) => new RefusalError('INVALID_PAYLOAD', why);
    const questionnaire = QUESTIONNAIRES.get(payload.questionnaireVersion);
    if (!questionnaire)
      throw invalid(`questionnaire version ${payload.questionnaireVersion} is not known here`);
    if (payload.answers < MIN_ANSWERS)
      throw invalid(`an aggregate needs at least ${MIN_ANSWERS} answers`);
    if (payload.answers > payload.codesIssued) throw invalid('more answers than codes were issued');
    if (payload.comments.length > payload.answers) throw invalid('more comments than answers');
    const keys = payload.items.map((i) => i.key).join(',');
    if (keys !== questionnaire.items.map((i) => i.key).join(','))
      throw invalid(`the items are not those of questionnaire ${questionnaire.version}`);
    questionnaire.items.forEach((question, n) => {
      const item = payload.items[n];
      if (item.counts.length !== (question.kind === 'rating' ? 5 : 2))
        throw invalid(`item ${item.key} has ${item.counts.length} counts`);
      if (item.counts.reduce((a, b) => a + b, 0) !== payload.answers)
        throw invalid(`item ${item.key}'s counts do not add up to the answers`);
      const figures = itemFigures(question, item.counts);
      if ((item.mean ?? null) !== figures.mean || item.satisfiedShare !== figures.satisfiedShare)
        throw invalid(`item ${item.key}'s mean or share does not follow from its counts`);
    });
  }
}
