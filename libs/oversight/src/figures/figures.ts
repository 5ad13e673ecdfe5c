import type { EngagementFiguresV1 } from '@liandong/protocol';

export const FIGURE_KEYS = [
  'engagementsOpen',
  'engagementsClosed',
  'recommendationsOpen',
  'recommendationsAnswered',
  'recommendationsOverdue',
] as const;

export function emptyEngagementFigures(): EngagementFiguresV1 {
  return {
    engagementsOpen: 0,
    engagementsClosed: 0,
    recommendationsOpen: 0,
    recommendationsAnswered: 0,
    recommendationsOverdue: 0,
  };
}

/** Member by member; a missing member counts 0. */
export function sumEngagementFigures(
  all: Array<Partial<EngagementFiguresV1> | null | undefined>,
): EngagementFiguresV1 {
  const sum = emptyEngagementFigures();
  for (const figures of all) for (const key of FIGURE_KEYS) sum[key] += Number(figures?.[key] ?? 0);
  return sum;
}
