export * from './app.module';
export * from './bootstrap';
export * from './config/identity-file';
export * from './config/node.config';
export * from './migrate';
export * from './schema';
export * from './launch';
