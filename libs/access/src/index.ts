export * from './access.decorators';
export * from './access.options';
export * from './oidc';
export * from './access.module';
export * from './dto/access.dto';
export * from './entities';
export * from './principal';
export * from './roles';
export * from './users';
export { AccessSchema1764115500000 } from './migrations/1764115500000-access-schema';
export * from './openapi';

import { AccessSchema1764115500000 as AccessSchema } from './migrations/1764115500000-access-schema';
/** The access library's migrations (a node interleaves them with the others by timestamp). */
export const ACCESS_MIGRATIONS = [AccessSchema];
