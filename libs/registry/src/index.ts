export * from './categories';
export * from './dto/registry.dto';
export * from './entities';
export * from './files/csv';
export * from './files/xlsx';
export * from './registry.module';
export { XLSX_TYPE } from './registry.controller';
export { RegistrySchema1764115700000 } from './migrations/1764115700000-registry-schema';
