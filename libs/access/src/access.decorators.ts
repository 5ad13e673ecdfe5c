import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal } from './principal';
import { AccessRule, Role } from './roles';

export const ACCESS_RULE = 'liandong:access';
export type RouteAccess = AccessRule | 'public';

/** No sign-in needed (login, health). Everything else must say who may call it. */
export const Public = () => SetMetadata(ACCESS_RULE, 'public' satisfies RouteAccess);
/** Any signed-in user of this node. */
export const Authenticated = () => SetMetadata(ACCESS_RULE, 'authenticated' satisfies RouteAccess);
/** Signed-in users holding at least one of these roles. */
export const Allow = (...roles: Role[]) => SetMetadata(ACCESS_RULE, roles satisfies RouteAccess);

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
    if (!request.principal) throw new Error('CurrentUser used on a route without an access rule');
    return request.principal;
  },
);
