// The planning events (巡视巡察), one file per group; re-exported here so that every import of
// `planning.v1` keeps working.
export * from './round.v1';
export * from './inspection.v1';
export * from './cross-inspection.v1';
export * from './coverage.v1';
export * from './personnel.v1';
