import { Injectable } from '@nestjs/common';
import { AuditService, Clock } from '@liandong/messaging';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { RefreshToken, UserAccount } from './entities';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { Principal } from './principal';
import { TokensView } from './dto/access.dto';
import { TokenService } from './token.service';
import { accessRefusal } from './access.errors';

/** A hash to compare against when the user does not exist, so both cases take as long. */
let decoy: Promise<string> | undefined;

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Sign-in through the OpenID Connect provider: the code redeemed, the person recorded. */
  async signInWithProvider(
    code: { code: string; codeVerifier: string; redirectUri: string },
    address: string,
  ): Promise<{ idToken: string; expiresAt: string }> {
    const { idToken, principal, expiresAt } = await this.tokens.redeemOidcCode(code);
    await this.dataSource.transaction((m) =>
      this.audit.record(m, {
        actor: `user:${principal.username}`,
        action: 'auth.login',
        subjectType: 'user',
        subjectId: principal.userId,
        detail: { address, via: 'oidc' },
      }),
    );
    return { idToken, expiresAt: expiresAt.toISOString() };
  }

  async login(username: string, password: string, address: string): Promise<TokensView> {
    const keys = [`user:${username.toLowerCase()}`, `address:${address}`];
    const wait = this.throttle.retryAfter(keys);
    if (wait > 0) {
      await this.dataSource.transaction((m) =>
        this.audit.record(m, {
          actor: 'anonymous',
          action: 'auth.login_throttled',
          subjectType: 'user',
          subjectId: username,
          detail: { address },
        }),
      );
      throw accessRefusal(
        'TOO_MANY_ATTEMPTS',
        {
          zh: `登录失败次数过多，请 ${wait} 秒后再试`,
          en: `too many failed sign-ins; try again in ${wait} seconds`,
        },
        429,
      );
    }
    const user = await this.dataSource.getRepository(UserAccount).findOne({ where: { username } });
    decoy ??= hashPassword('decoy password for timing');
    const valid = await verifyPassword(password, user?.passwordHash ?? (await decoy));
    if (!user || !valid || !user.active) {
      this.throttle.fail(keys);
      await this.dataSource.transaction((m) =>
        this.audit.record(m, {
          actor: 'anonymous',
          action: 'auth.login_failed',
          subjectType: 'user',
          subjectId: username,
          detail: {
            address,
            reason: !user ? 'unknown user' : !valid ? 'wrong password' : 'account disabled',
          },
        }),
      );
      throw accessRefusal(
        'BAD_CREDENTIALS',
        {
          zh: '账号或密码不对，或该账号已停用',
          en: 'user name or password is wrong, or the account is disabled',
        },
        401,
      );
    }
    this.throttle.succeed(keys);
    return this.dataSource.transaction(async (m) => {
      await this.audit.record(m, {
        actor: `user:${user.username}`,
        action: 'auth.login',
        subjectType: 'user',
        subjectId: user.id,
        detail: { address },
      });
      return this.issue(m, user);
    });
  }

  /** Exchanges a refresh token (once) for a new pair. Re-use of a spent token revokes them all. */
  async refresh(refreshToken: string): Promise<TokensView> {
    const hash = this.tokens.hashRefreshToken(refreshToken);
    const outcome = await this.dataSource.transaction(async (m) => {
      const row = await m.findOne(RefreshToken, {
        where: { tokenHash: hash },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.expiresAt <= this.clock.now()) return 'invalid' as const;
      if (row.usedAt) {
        await m.update(
          RefreshToken,
          { userId: row.userId, usedAt: IsNull() },
          { usedAt: this.clock.now() },
        );
        await this.audit.record(m, {
          actor: 'anonymous',
          action: 'auth.refresh_reused',
          subjectType: 'user',
          subjectId: row.userId,
        });
        return 'reused' as const;
      }
      const user = await m.findOne(UserAccount, { where: { id: row.userId } });
      if (!user?.active) return 'invalid' as const;
      await m.update(RefreshToken, { tokenHash: hash }, { usedAt: this.clock.now() });
      return this.issue(m, user);
    });
    if (outcome === 'reused')
      throw accessRefusal(
        'UNAUTHENTICATED',
        {
          zh: '该登录凭据已被使用过，为安全起见已退出此账号的全部登录，请重新登录',
          en: 'this refresh token was already used: every session of the user has been closed; sign in again',
        },
        401,
      );
    if (outcome === 'invalid')
      throw accessRefusal(
        'UNAUTHENTICATED',
        {
          zh: '登录已过期，请重新登录',
          en: 'refresh token is unknown or expired; sign in again',
        },
        401,
      );
    return outcome;
  }

  async logout(refreshToken: string): Promise<void> {
    await this.dataSource
      .getRepository(RefreshToken)
      .update(
        { tokenHash: this.tokens.hashRefreshToken(refreshToken), usedAt: IsNull() },
        { usedAt: this.clock.now() },
      );
  }

  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const user = await m.findOneOrFail(UserAccount, {
        where: { id: principal.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!(await verifyPassword(current, user.passwordHash)))
        throw accessRefusal(
          'BAD_CREDENTIALS',
          { zh: '当前密码不对', en: 'the current password is wrong' },
          401,
        );
      await m.update(UserAccount, { id: user.id }, { passwordHash: await hashPassword(next) });
      await m.update(
        RefreshToken,
        { userId: user.id, usedAt: IsNull() },
        { usedAt: this.clock.now() },
      );
      await this.audit.record(m, {
        actor: `user:${user.username}`,
        action: 'auth.password_changed',
        subjectType: 'user',
        subjectId: user.id,
      });
    });
  }

  private async issue(m: EntityManager, user: UserAccount): Promise<TokensView> {
    const access = this.tokens.issueAccessToken({
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
    });
    const refresh = this.tokens.newRefreshToken();
    await m.insert(RefreshToken, {
      tokenHash: refresh.hash,
      userId: user.id,
      expiresAt: refresh.expiresAt,
      usedAt: null,
    });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt.toISOString(),
    };
  }
}
