import 'reflect-metadata';
import { ConfigError } from './config/node.config';
import { readHostFile } from './host/host-file';
import { NodeHost } from './host/node-host';

// One process, many nodes (集约化部署): the program a city runs for its counties' nodes.
// LIANDONG_HOST_FILE names the host file (host/host-file.ts; docs/operations.md).

const line = (fields: Record<string, unknown>) =>
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'log', node: 'host', ...fields })}\n`,
  );

async function main(): Promise<void> {
  const path = process.env.LIANDONG_HOST_FILE;
  if (!path)
    throw new ConfigError(['LIANDONG_HOST_FILE must name the host file (JSON: httpPort, nodes)']);
  const plan = readHostFile(path);
  const host = new NodeHost();
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      line({ msg: 'stopping every node', signal });
      await host.close();
      line({ msg: 'stopped' });
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  try {
    for (const { settings, options } of plan.nodes) {
      const hosted = await host.start(settings, options);
      line({ msg: 'node started', nodeId: hosted.nodeId, ownUrl: hosted.url });
    }
    const origin = await host.listen(plan.httpPort, plan.httpHost);
    line({
      msg: 'host listening',
      url: origin,
      nodes: host.nodeIds().map((nodeId) => ({ nodeId, api: host.apiUrl(nodeId) })),
    });
  } catch (error) {
    await host.close().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(1);
});
