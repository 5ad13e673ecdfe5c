import type { NodeNames } from '@liandong/messaging';
import type { EvaluationItemAggregateV1 } from '@liandong/protocol';
import { MODE_LABELS } from '@liandong/planning';
import { EvaluationRound, ReceivedEvaluation } from '../entities';
import {
  choiceLabels,
  MIN_ANSWERS,
  QUESTIONNAIRES,
  Questionnaire,
  UNDER_MINIMUM_MESSAGE,
} from '../questionnaire';
import {
  EvaluationResultView,
  EvaluationRoundView,
  ItemResultView,
  QuestionnaireView,
  ROUND_STATE_LABELS,
  TeamEvaluationView,
} from './evaluation.views';

/** A node by its name (石家庄市), or its code when the name is not known here. */
export const nodeName = (names: NodeNames, nodeId: string): string =>
  names.name(nodeId) ?? names.label(nodeId);

export function mapQuestionnaire(q: Questionnaire): QuestionnaireView {
  return {
    version: q.version,
    title: q.title,
    intro: q.intro,
    items: q.items.map((item) => ({
      key: item.key,
      kind: item.kind,
      text: item.text,
      choices: choiceLabels(item),
      values: item.kind === 'rating' ? ['1', '2', '3', '4', '5'] : ['yes', 'no'],
    })),
    commentText: q.comment.text,
    commentMaxLength: q.comment.maxLength,
  };
}

/** The aggregate's items with their questions' words (an unknown key keeps its key). */
export function mapItems(version: number, items: EvaluationItemAggregateV1[]): ItemResultView[] {
  const questionnaire = QUESTIONNAIRES.get(version);
  return items.map((item) => {
    const question = questionnaire?.items.find((q) => q.key === item.key);
    return {
      key: item.key,
      text: question?.text ?? item.key,
      kind: question?.kind ?? (item.counts.length === 5 ? 'rating' : 'yes_no'),
      choices: question ? choiceLabels(question) : item.counts.map((_, i) => String(i + 1)),
      counts: item.counts,
      mean: item.mean,
      satisfiedShare: item.satisfiedShare,
    };
  });
}

export function mapResult(round: EvaluationRound): EvaluationResultView | null {
  if (round.state !== 'closed') return null;
  const answers = round.answers ?? 0;
  if (answers < MIN_ANSWERS || !round.aggregate)
    return { answers, shown: false, message: UNDER_MINIMUM_MESSAGE, items: [], comments: [] };
  return {
    answers,
    shown: true,
    message: null,
    items: mapItems(round.questionnaireVersion, round.aggregate),
    comments: round.comments ?? [],
  };
}

export function mapRound(
  round: EvaluationRound,
  answersSoFar: number,
  names: NodeNames,
): EvaluationRoundView {
  return {
    id: round.id,
    inspectionId: round.inspectionId,
    organizationName: round.organizationName,
    mode: round.mode,
    modeLabel: MODE_LABELS[round.mode],
    conductingNode: round.conductingNode,
    conductingNodeName: nodeName(names, round.conductingNode),
    feedbackAt: round.feedbackAt.toISOString(),
    questionnaireVersion: round.questionnaireVersion,
    codesIssued: round.codesIssued,
    answers: round.state === 'closed' ? (round.answers ?? 0) : answersSoFar,
    state: round.state,
    stateLabel: ROUND_STATE_LABELS[round.state],
    openedBy: round.openedBy,
    openedAt: round.openedAt.toISOString(),
    closedAt: round.closedAt?.toISOString() ?? null,
    result: mapResult(round),
    sentTo: round.sentTo,
    sentToName: round.sentTo ? nodeName(names, round.sentTo) : null,
  };
}

const average = (values: number[], places: number): number | null => {
  if (!values.length) return null;
  const f = 10 ** places;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * f) / f;
};

export function mapReceived(row: ReceivedEvaluation, names: NodeNames): TeamEvaluationView {
  return {
    inspectionId: row.inspectionId,
    organizationName: row.organizationName,
    mode: row.mode,
    modeLabel: MODE_LABELS[row.mode],
    fromNode: row.fromNode,
    fromNodeName: nodeName(names, row.fromNode),
    feedbackAt: row.feedbackAt.toISOString(),
    closedOn: row.closedOn,
    codesIssued: row.codesIssued,
    answers: row.answers,
    overallMean: row.items.find((i) => i.key === 'overall')?.mean ?? null,
    satisfiedShare: average(
      row.items.map((i) => i.satisfiedShare),
      1,
    ) as number,
    items: mapItems(row.questionnaireVersion, row.items),
    comments: row.comments,
  };
}

export { average };
