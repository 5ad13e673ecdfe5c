import { randomBytes } from 'node:crypto';
import { ACCESS_ENTITIES, createUser, NewUser, UserAccount } from '@liandong/access';
import { DataSource } from 'typeorm';

/** A password to hand to a person once: 18 random bytes, base64url (24 characters). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Creates the users that do not exist yet, straight in a node's database (the operator's
 * way in: there is no default account). Returns the user names it created.
 */
export async function ensureUsers(databaseUrl: string, users: NewUser[]): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ACCESS_ENTITIES,
  });
  await dataSource.initialize();
  try {
    return await dataSource.transaction(async (m) => {
      const created: string[] = [];
      for (const user of users) {
        if (await m.findOne(UserAccount, { where: { username: user.username } })) continue;
        const account = await createUser(m, user, new Date());
        await m.query(
          `INSERT INTO audit_entry (occurred_at, actor, action, subject_type, subject_id, detail) VALUES (now(), 'operator:cli', 'user.created', 'user', $1, $2)`,
          [account.id, JSON.stringify({ username: user.username, roles: user.roles })],
        );
        created.push(user.username);
      }
      return created;
    });
  } finally {
    await dataSource.destroy();
  }
}
