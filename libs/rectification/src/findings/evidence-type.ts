// Moved to libs/common (oversight's observation evidence checks files the same way).
export { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, evidenceProblem } from '@liandong/common';
