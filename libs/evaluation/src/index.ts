export * from './entities';
export * from './questionnaire';
export * from './evaluation.module';
export * from './rounds/evaluation.dto';
export * from './rounds/evaluation.views';
export { EvaluationSchema1764117460000 } from './migrations/1764117460000-evaluation-schema';

import { EvaluationSchema1764117460000 } from './migrations/1764117460000-evaluation-schema';
/** The evaluation library's migrations (a node interleaves them with the others by timestamp). */
export const EVALUATION_MIGRATIONS = [EvaluationSchema1764117460000];
