import { Inject, Injectable } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions, NodeNames } from '@liandong/messaging';
import { InspectionDirectory, MODE_LABELS } from '@liandong/planning';
import { DataSource, EntityManager, In } from 'typeorm';
import { EvaluationRound } from '../entities';
import { mapQuestionnaire, mapRound, nodeName } from './evaluation.mapper';
import { answerCounts, roundOrFail } from './evaluation.repository';
import {
  EvaluableInspectionView,
  EvaluationRoundView,
  QuestionnaireView,
} from './evaluation.views';
import { CURRENT_QUESTIONNAIRE } from '../questionnaire';

/** 后评估 at the inspected organization's node: the inspections given feedback, their rounds. */
@Injectable()
export class EvaluationQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: InspectionDirectory,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  questionnaire(): QuestionnaireView {
    return mapQuestionnaire(CURRENT_QUESTIONNAIRE);
  }

  /** Every inspection of this node's organizations given feedback, newest first, with its round. */
  async inspections(): Promise<EvaluableInspectionView[]> {
    const manager = this.dataSource.manager;
    const given = await this.directory.feedbackGivenTo(manager, this.options.identity.nodeId);
    const rounds = given.length
      ? await manager.find(EvaluationRound, {
          where: { inspectionId: In(given.map((i) => i.id)) },
        })
      : [];
    const counts = await answerCounts(
      manager,
      rounds.map((r) => r.id),
    );
    return given.map((inspection) => {
      const round = rounds.find((r) => r.inspectionId === inspection.id);
      return {
        inspectionId: inspection.id,
        organizationName: inspection.organizationName,
        mode: inspection.mode,
        modeLabel: MODE_LABELS[inspection.mode],
        conductingNode: inspection.conductingNode,
        conductingNodeName: nodeName(this.names, inspection.conductingNode),
        feedbackAt: (inspection.feedbackAt as Date).toISOString(),
        round: round ? mapRound(round, counts.get(round.id) ?? 0, this.names) : null,
      };
    });
  }

  async round(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<EvaluationRoundView> {
    const round = await roundOrFail(manager, id);
    const counts = await answerCounts(manager, [id]);
    return mapRound(round, counts.get(id) ?? 0, this.names);
  }
}
