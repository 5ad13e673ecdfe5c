export * from './in-process-federation';
export * from './sample-tree';
