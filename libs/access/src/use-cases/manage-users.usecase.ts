import { Injectable } from '@nestjs/common';
import { AuditService, Clock } from '@liandong/messaging';
import { DataSource, EntityManager } from 'typeorm';
import {
  CreateUserDto,
  ResetPasswordDto,
  UpdateUserDto,
  UserNameView,
  UserView,
} from '../dto/access.dto';
import { RefreshToken, UserAccount } from '../entities';
import { hashPassword, passwordProblems } from '../password';
import { actorOf, Principal } from '../principal';
import { createUser, mapUser } from '../users';
import { accessRefusal } from '../access.errors';

const userNotFound = (id: string) =>
  accessRefusal(
    'USER_NOT_FOUND',
    { zh: '本节点没有这个用户', en: `no user ${id} on this node` },
    404,
  );

/**
 * 用户管理, by a node's administrator: each change in one transaction with its audit row;
 * disabling a user or resetting the password closes their sessions.
 */
@Injectable()
export class ManageUsers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<UserView[]> {
    const users = await this.dataSource
      .getRepository(UserAccount)
      .find({ order: { username: 'ASC' } });
    return users.map(mapUser);
  }

  /**
   * Every account's name beside its user name, disabled ones too (they still appear in the
   * records of what they did), for showing people by name rather than by account.
   */
  async names(): Promise<UserNameView[]> {
    const users = await this.dataSource
      .getRepository(UserAccount)
      .find({ select: { username: true, displayName: true }, order: { username: 'ASC' } });
    return users.map((u) => ({ username: u.username, displayName: u.displayName }));
  }

  create(admin: Principal, dto: CreateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (m) => {
      const user = await createUser(m, dto, this.clock.now());
      await this.record(m, admin, 'user.created', user.id, {
        username: user.username,
        roles: user.roles,
      });
      return mapUser(user);
    });
  }

  update(admin: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (m) => {
      const user = await this.lock(m, id);
      if (
        id === admin.userId &&
        (dto.active === false || (dto.roles && !dto.roles.includes('admin')))
      ) {
        throw accessRefusal(
          'SELF_LOCKOUT',
          {
            zh: '系统管理员不能停用自己或取消自己的管理员角色，请由另一位管理员办理',
            en: 'an administrator cannot disable or demote themselves; ask another administrator',
          },
          409,
        );
      }
      Object.assign(user, {
        roles: dto.roles ?? user.roles,
        active: dto.active ?? user.active,
        displayName: dto.displayName ?? user.displayName,
      });
      await m.update(
        UserAccount,
        { id },
        { roles: user.roles, active: user.active, displayName: user.displayName },
      );
      if (dto.active === false) await this.closeSessions(m, id);
      await this.record(m, admin, 'user.updated', id, {
        roles: dto.roles,
        active: dto.active,
        displayName: dto.displayName,
      });
      return mapUser(user);
    });
  }

  /** Sets a new password for a user who forgot theirs; their sessions end. */
  resetPassword(admin: Principal, id: string, dto: ResetPasswordDto): Promise<void> {
    const problems = passwordProblems(dto.newPassword);
    if (problems.length > 0)
      throw accessRefusal(
        'WEAK_PASSWORD',
        { zh: '密码太短：至少 12 个字符', en: problems.join('; ') },
        400,
      );
    return this.dataSource.transaction(async (m) => {
      const user = await this.lock(m, id);
      await m.update(UserAccount, { id }, { passwordHash: await hashPassword(dto.newPassword) });
      await this.closeSessions(m, id);
      await this.record(m, admin, 'user.password_reset', id, { username: user.username });
    });
  }

  private async lock(m: EntityManager, id: string): Promise<UserAccount> {
    const user = await m.findOne(UserAccount, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!user) throw userNotFound(id);
    return user;
  }

  private async closeSessions(m: EntityManager, userId: string): Promise<void> {
    await m.update(RefreshToken, { userId }, { usedAt: this.clock.now() });
  }

  private record(
    m: EntityManager,
    admin: Principal,
    action: string,
    subjectId: string,
    detail: Record<string, unknown>,
  ): Promise<unknown> {
    return this.audit.record(m, {
      actor: actorOf(admin),
      action,
      subjectType: 'user',
      subjectId,
      detail,
    });
  }
}
