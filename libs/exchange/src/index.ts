import { InformationRequests1764116600000 } from './migrations/1764116600000-information-requests';

export * from './entities';
export * from './exchange.module';
export * from './labels';
export * from './requests/request.dto';
export * from './requests/request.views';
export * from './requests/request-state';
export { ANSWER_DAYS_POLICY, DEFAULT_ANSWER_DAYS } from './requests/answer-deadline';
export { InformationRequests1764116600000 };

/** The exchange library's migrations, in order (a node interleaves them with the others by timestamp). */
export const EXCHANGE_MIGRATIONS = [InformationRequests1764116600000];
