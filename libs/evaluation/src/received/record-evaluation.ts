import { Injectable } from '@nestjs/common';
import { Clock } from '@liandong/messaging';
import { Inspection, InspectionDirectory } from '@liandong/planning';
import type { EvaluationAggregatedV1 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { ReceivedEvaluation } from '../entities';

/** Keeps an aggregate in the conducting node's team records, by the inspection's team leader. */
@Injectable()
export class RecordEvaluation {
  constructor(
    private readonly inspections: InspectionDirectory,
    private readonly clock: Clock,
  ) {}

  async insert(
    manager: EntityManager,
    inspection: Inspection,
    fromNode: string,
    payload: EvaluationAggregatedV1,
  ): Promise<void> {
    const leader = await this.inspections.leader(manager, inspection.id);
    await manager.insert(ReceivedEvaluation, {
      inspectionId: inspection.id,
      roundId: payload.roundId,
      fromNode,
      mode: inspection.mode,
      organizationName: inspection.organizationName,
      feedbackAt: inspection.feedbackAt as Date,
      leaderId: leader?.personId ?? null,
      leaderName: leader?.name ?? null,
      questionnaireVersion: payload.questionnaireVersion,
      codesIssued: payload.codesIssued,
      answers: payload.answers,
      closedOn: payload.closedOn,
      items: payload.items,
      comments: payload.comments,
      receivedAt: this.clock.now(),
    });
  }
}
