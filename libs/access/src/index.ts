export * from './access.decorators';
export * from './access.module';
export * from './dto/access.dto';
export * from './entities';
export * from './principal';
export * from './roles';
export * from './users';
export { AccessSchema1764115500000 } from './migrations/1764115500000-access-schema';
