export * from './node-fixture';
