export * from './databases';
export * from './own-services';
export * from './wait-for';
