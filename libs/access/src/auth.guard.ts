import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE, RouteAccess } from './access.decorators';
import { Principal } from './principal';
import { ROLE_LABELS } from './roles';
import { TokenService } from './token.service';
import { accessRefusal } from './access.errors';

/**
 * Default deny: a route without an access rule is refused (403), a route with one
 * needs a valid bearer token of this node (401) carrying one of its roles (403).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Core-NATS live queries are not HTTP; the broker's permissions guard them.
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule === undefined)
      throw accessRefusal(
        'NO_ACCESS_RULE',
        {
          zh: '该接口未声明访问规则，已关闭',
          en: 'this route declares no access rule and is closed',
        },
        403,
      );
    if (rule === 'public') return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    if (!match)
      throw accessRefusal(
        'UNAUTHENTICATED',
        {
          zh: '请先登录',
          en: 'sign in first (POST /auth/login) and send Authorization: Bearer <accessToken>',
        },
        401,
      );
    const principal = await this.tokens.verify(match[1]);
    request.principal = principal; // named in the audit of a refusal, too
    if (rule !== 'authenticated' && !principal.roles.some((role) => rule.includes(role))) {
      throw accessRefusal(
        'FORBIDDEN',
        {
          zh: `没有权限：此操作需要以下角色之一：${rule.map((r) => ROLE_LABELS[r]).join('、')}。如需办理，请联系本节点系统管理员`,
          en: `this needs one of the roles: ${rule.map((r) => `${r} (${ROLE_LABELS[r]})`).join(', ')}`,
        },
        403,
      );
    }
    return true;
  }
}
