import {
  EvaluationAnswer,
  EvaluationCode,
  EvaluationRound,
  ReceivedEvaluation,
} from './evaluation.entities';

export * from './evaluation.entities';

export const EVALUATION_ENTITIES = [
  EvaluationRound,
  EvaluationCode,
  EvaluationAnswer,
  ReceivedEvaluation,
];
