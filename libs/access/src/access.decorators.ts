import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Principal } from './principal';
import { AccessRule, Role } from './roles';

export const ACCESS_RULE = 'liandong:access';
export type RouteAccess = AccessRule | 'public';

/** The rule, for the guard and in the OpenAPI document (`x-access`: who may call the route). */
const rule = (access: RouteAccess) =>
  applyDecorators(SetMetadata(ACCESS_RULE, access), ApiExtension('x-access', access));

/** No sign-in needed (login, health). Everything else must say who may call it. */
export const Public = () => rule('public');
/** Any signed-in user of this node. */
export const Authenticated = () => rule('authenticated');
/** Signed-in users holding at least one of these roles. */
export const Allow = (...roles: Role[]) => rule(roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
    if (!request.principal) throw new Error('CurrentUser used on a route without an access rule');
    return request.principal;
  },
);
