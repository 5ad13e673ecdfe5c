export * from './domain-error';
export * from './errors';
export * from './find-or-fail';
export * from './paging';
export * from './files/csv';
export * from './files/xlsx';
export * from './files/table-file';
export * from './files/export-query';
