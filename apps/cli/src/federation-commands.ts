import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { liveSubject, Tier } from '@liandong/protocol';
import { Args } from './args';
import { runNetns } from './netns/netns';
import { runChaos } from './chaos/chaos';
import { runDemo } from './demo';
import {
  describeFederation,
  isHealthy,
  readCredentials,
  readState,
  runningFederation,
  startLocalFederation,
} from './local-federation';
import { renderTable } from './table';
import { USAGE } from './usage';

// The commands about the local federation as a whole: start it, show it, watch it, shake one.

/** `start`: the local federation until Ctrl-C (or, if one is running, what it is). */
export async function start(): Promise<void> {
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

/** `demo`: the directive showcase, on the running federation or on one started for it. */
export async function demo(): Promise<boolean> {
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

/** `status`: health and live status of each node of the running local federation. */
export async function status(): Promise<void> {
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

/** `chaos`: fault injection on a federation of its own; true when nothing was lost or applied twice. */
export async function chaos(args: string[]): Promise<boolean> {
  const seconds = new Args(args, USAGE).optional('seconds');
  const result = await runChaos({ workloadSeconds: seconds ? Number(seconds) : undefined });
  console.log(`\n${result.table}`);
  console.log(
    result.ok
      ? '\n无丢失、无重复 nothing lost, nothing applied twice'
      : '\n混沌测试未通过 something was lost, applied twice, or did not converge',
  );
  return result.ok;
}

/** `npm run netns`: the federation across hosts of their own; false when something was lost (or it could not run). */
export async function netns(): Promise<boolean> {
  const result = await runNetns();
  if (result.skipped) {
    console.error(`netns: cannot run here: ${result.skipped}`);
    return false;
  }
  console.log(`\n${result.table}`);
  console.log(
    result.ok
      ? '\n断网分区后无丢失、无重复 links cut and healed, a cluster server killed: nothing lost, nothing applied twice'
      : '\n分区测试未通过 something was lost, applied twice, did not converge, or the cut-off city could not direct its counties',
  );
  return result.ok;
}
