export * from './federation-options';
export * from './in-process-federation';
export * from './sample-tree';
