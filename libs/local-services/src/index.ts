export * from './databases';
export * from './own-services';
export * from './wait-for';
export * from './schema-template';
