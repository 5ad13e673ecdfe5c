import { uuidv7 } from '@liandong/protocol';
import { EntityManager } from 'typeorm';
import { UserAccount } from './entities';
import { hashPassword, passwordProblems } from './password';
import { ROLE_LABELS, Role } from './roles';
import { UserView } from './dto/access.dto';
import { accessRefusal } from './access.errors';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
}

/**
 * Creates a user in the caller's transaction. Used by the API (by an administrator) and
 * by the operator CLI, which creates a node's first administrator: there is no default
 * account and no default password.
 */
export async function createUser(
  manager: EntityManager,
  user: NewUser,
  now: Date,
): Promise<UserAccount> {
  const problems = passwordProblems(user.password);
  if (problems.length > 0)
    throw accessRefusal(
      'WEAK_PASSWORD',
      { zh: '密码太短：至少 12 个字符', en: problems.join('; ') },
      400,
    );
  if (await manager.findOne(UserAccount, { where: { username: user.username } })) {
    throw accessRefusal(
      'USERNAME_TAKEN',
      {
        zh: `账号 ${user.username} 在本节点已有人使用，请换一个`,
        en: `user name ${user.username} is already in use on this node`,
      },
      409,
    );
  }
  const account = manager.create(UserAccount, {
    id: uuidv7(now.getTime()),
    username: user.username,
    displayName: user.displayName,
    passwordHash: await hashPassword(user.password),
    roles: user.roles,
    active: true,
    createdAt: now,
  });
  await manager.insert(UserAccount, account);
  return account;
}

export function mapUser(user: UserAccount): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    roleLabels: user.roles.map((role) => ROLE_LABELS[role]),
    active: user.active,
  };
}
