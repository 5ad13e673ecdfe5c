import 'reflect-metadata';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { liveSubject, Tier } from '@liandong/protocol';
import { adminDatabaseUrl, databaseUrl } from '@liandong/local-services';
import { verifyNodeAudit } from './audit';
import { runDemo } from './demo';
import { importRegistryFile } from './registry';
import { NATS_USAGE, natsCommand } from './nats-command';
import { Args } from './args';
import { runChaos } from './chaos/chaos';
import { KEYS_USAGE, keysCommand } from './keys-command';
import { ensureUsers, generatePassword } from './users';
import {
  describeFederation,
  isHealthy,
  readCredentials,
  readState,
  runningFederation,
  signIn,
  startLocalFederation,
} from './local-federation';
import { renderTable } from './table';

const USAGE = `liandong — operator tool of the Liandong federation

  npm start                      start the local federation (central, 河北省, 石家庄市, three counties)
  npm run demo                   run the directive showcase against it (or start one just for the demo)
  npm run cli -- status          health and live status of the running local federation
  npm run chaos [-- --seconds 70]  fault injection on a federation of its own: kills, restarts, a late
                                 joiner, a restored backup, a wiped broker, a flood; 0 lost, 0 twice
${KEYS_USAGE}
${NATS_USAGE}
  npm run cli -- registry import --node 130121 --file organizations.xlsx   (CSV or Excel; progress shown)
  npm run cli -- users create-admin --database postgres://…/liandong_130121 [--username admin] [--name 系统管理员]
  npm run cli -- audit verify --node 130121                 (a node of the local federation)
  npm run cli -- audit verify --node 130121 --database postgres://… [--parent-url http://… --token <parent admin token>]
`;

function option(args: string[], name: string, fallback?: string): string {
  const index = args.indexOf(`--${name}`);
  const value = index >= 0 ? args[index + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required\n\n${USAGE}`);
  return value;
}

async function start(): Promise<void> {
  const running = await runningFederation();
  if (running) {
    console.log('the local federation is already running:\n');
    console.log(describeFederation(running));
    return;
  }
  const { state, stop } = await startLocalFederation();
  console.log('\n联动 local federation is running (Ctrl-C stops it):\n');
  console.log(describeFederation(state));
  const credentials = readCredentials();
  console.log(
    `\n登录 sign in: open a console URL above; accounts on every node (passwords in .federation/credentials.json):\n` +
      renderTable(
        ['节点 node', '巡视巡察办 office', '系统管理员 admin'],
        state.nodes.map((n) => [
          `${n.name} ${n.nodeId}`,
          `office / ${credentials[n.nodeId].office}`,
          `admin / ${credentials[n.nodeId].admin}`,
        ]),
      ) +
      `\n\nAPI: POST <url>/auth/login {"username":"office","password":"…"}, then Authorization: Bearer <accessToken>` +
      `\nlogs: .federation/logs/<node>.log   showcase: npm run demo   status: npm run cli -- status`,
  );
  await new Promise<void>((resolve) => {
    const shutdown = () => {
      console.log('\nstopping the federation…');
      void stop().then(resolve);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
}

async function demo(): Promise<boolean> {
  const running = await runningFederation();
  if (running) return runDemo(running);
  console.log('no local federation is running: starting one for the demo\n');
  const { state, stop } = await startLocalFederation();
  console.log(describeFederation(state), '\n');
  try {
    return await runDemo(state);
  } finally {
    await stop();
  }
}

async function status(): Promise<void> {
  const state = readState();
  if (!state) {
    console.log('no local federation has been started here (npm start)');
    return;
  }
  // Live status is an at-most-once request over core NATS through Nest's NATS transport.
  const client = ClientProxyFactory.create({
    transport: Transport.NATS,
    options: { servers: [state.natsUrl] },
  });
  const rows: string[][] = [];
  for (const node of state.nodes) {
    const healthy = await isHealthy(node.url);
    const live = await firstValueFrom(
      client.send(liveSubject(state.federation, node.nodeId, 'status'), {}).pipe(timeout(2000)),
    ).catch(() => undefined);
    rows.push([
      node.nodeId,
      node.name,
      node.tier as Tier,
      node.url,
      healthy ? 'up' : 'DOWN',
      live ? JSON.stringify(live.outbox) : '-',
      live ? String(live.deadLetters) : '-',
    ]);
  }
  client.close();
  console.log(
    renderTable(['node', 'name', 'tier', 'url', 'health', 'outbox', 'dead letters'], rows),
  );
}

async function auditVerify(args: string[]): Promise<number> {
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

/** The usage lines of one command (all of them when it has none of its own). */
function usageOf(command: string | undefined): string {
  const lines = USAGE.split('\n').filter(
    (line) => command && new RegExp(`(-- |npm run |npm )${command}\\b`).test(line),
  );
  if (lines.length === 0) return USAGE;
  // Continuation lines (options wrapped onto the next line) belong to the line before.
  const all = USAGE.split('\n');
  const picked = all.filter((line, i) => {
    for (let j = i; j >= 0; j -= 1) {
      if (lines.includes(all[j])) return true;
      if (!/^ {5,}\S/.test(all[j]) || /^ {2}npm /.test(all[j])) return false;
    }
    return false;
  });
  return picked.join('\n');
}

async function main(args: string[]): Promise<number> {
  const [command, sub, ...rest] = args;
  // `--help` (or `-h`) anywhere prints the usage of that command, and does nothing else.
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usageOf(command === '--help' || command === '-h' ? undefined : command));
    return 0;
  }
  switch (command) {
    case 'start':
      await start();
      return 0;
    case 'demo':
      return (await demo()) ? 0 : 1;
    case 'status':
      await status();
      return 0;
    case 'keys':
      await keysCommand(sub, new Args(rest, USAGE));
      return 0;
    case 'chaos': {
      const seconds = new Args([sub, ...rest].filter(Boolean) as string[], USAGE).optional(
        'seconds',
      );
      const result = await runChaos({ workloadSeconds: seconds ? Number(seconds) : undefined });
      console.log(`\n${result.table}`);
      console.log(
        result.ok
          ? '\n无丢失、无重复 nothing lost, nothing applied twice'
          : '\n混沌测试未通过 something was lost, applied twice, or did not converge',
      );
      return result.ok ? 0 : 1;
    }
    case 'users': {
      if (sub !== 'create-admin') throw new Error(`unknown users command ${sub ?? ''}\n\n${USAGE}`);
      const username = rest.includes('--username') ? option(rest, 'username') : 'admin';
      const password = generatePassword();
      const created = await ensureUsers(option(rest, 'database'), [
        {
          username,
          displayName: rest.includes('--name') ? option(rest, 'name') : '系统管理员',
          password,
          roles: ['admin'],
        },
      ]);
      if (created.length === 0)
        throw new Error(
          `user ${username} already exists on that node; an administrator can reset it`,
        );
      console.log(`administrator ${username} created. Its password, shown only now: ${password}`);
      console.log('sign in with POST /auth/login and change it with POST /auth/password');
      return 0;
    }
    case 'registry': {
      if (sub !== 'import') throw new Error(`unknown registry command ${sub ?? ''}\n\n${USAGE}`);
      const state = readState();
      const node = state?.nodes.find((n) => n.nodeId === option(rest, 'node'));
      if (!node)
        throw new Error(
          'start the local federation first (npm start) and name one of its nodes with --node',
        );
      const token = await signIn(node.url, 'office', readCredentials()[node.nodeId].office);
      return (await importRegistryFile(node.url, token, option(rest, 'file'))) ? 0 : 1;
    }
    case 'nats':
      await natsCommand(sub, new Args(rest, USAGE));
      return 0;
    case 'audit': {
      if (sub !== 'verify') throw new Error(`unknown audit command ${sub ?? ''}\n\n${USAGE}`);
      return auditVerify(rest);
    }
    default:
      console.log(USAGE);
      return command === undefined || command === 'help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
