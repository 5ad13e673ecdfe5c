export * from './databases';
export * from './sample-tree';
export * from './wait-for';
export * from './own-services';
