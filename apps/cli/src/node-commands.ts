import { adminDatabaseUrl, databaseUrl } from '@liandong/local-services';
import { verifyNodeAudit } from './audit';
import { readCredentials, readState, signIn } from './local-federation';
import { importRegistryFile } from './registry';
import { option } from './usage';
import { ensureUsers, generatePassword } from './users';

// The commands about one node: an administrator for it, a registry file into it, its audit chain.

/** `users create-admin`: an administrator on a node's database, its password shown only now. */
export async function createAdmin(args: string[]): Promise<void> {
  const username = args.includes('--username') ? option(args, 'username') : 'admin';
  const password = generatePassword();
  const created = await ensureUsers(option(args, 'database'), [
    {
      username,
      displayName: args.includes('--name') ? option(args, 'name') : '系统管理员',
      password,
      roles: ['admin'],
    },
  ]);
  if (created.length === 0)
    throw new Error(`user ${username} already exists on that node; an administrator can reset it`);
  console.log(`administrator ${username} created. Its password, shown only now: ${password}`);
  console.log('sign in with POST /auth/login and change it with POST /auth/password');
}

/** `registry import`: a registry file into a node of the local federation; true when it was taken. */
export async function importRegistry(args: string[]): Promise<boolean> {
  const state = readState();
  const node = state?.nodes.find((n) => n.nodeId === option(args, 'node'));
  if (!node)
    throw new Error(
      'start the local federation first (npm start) and name one of its nodes with --node',
    );
  const token = await signIn(node.url, 'office', readCredentials()[node.nodeId].office);
  return importRegistryFile(node.url, token, option(args, 'file'));
}

/** `audit verify`: a node's audit chain and its witnesses at the parent; 0 when intact. */
export async function auditVerify(args: string[]): Promise<number> {
  const nodeId = option(args, 'node');
  let database = args.includes('--database') ? option(args, 'database') : undefined;
  let parentUrl = args.includes('--parent-url') ? option(args, 'parent-url') : undefined;
  let token = args.includes('--token') ? option(args, 'token') : undefined;
  if (!database) {
    const state = readState();
    const node = state?.nodes.find((n) => n.nodeId === nodeId);
    if (!state || !node)
      throw new Error(
        `node ${nodeId} is not in the local federation; pass --database (and --parent-url)`,
      );
    database = databaseUrl(adminDatabaseUrl(), node.database);
    const parent = state.nodes.find((n) => n.nodeId === node.parentId);
    parentUrl = parent?.url;
    if (parent) token = await signIn(parent.url, 'admin', readCredentials()[parent.nodeId].admin);
  }
  const result = await verifyNodeAudit(nodeId, database, parentUrl, token);
  console.log(
    `${nodeId}: ${result.entries} audit entries, head ${result.head.seq} ${result.head.hash.slice(0, 16)}…, ${result.witnessesChecked} witnesses checked`,
  );
  for (const problem of result.problems) console.log(`  ✗ ${problem.problem}`);
  console.log(
    result.ok
      ? '审计链完整 the audit chain is intact'
      : '审计链被篡改 the audit chain has been tampered with',
  );
  return result.ok ? 0 : 1;
}
