import 'reflect-metadata';
import { LightHost, LightHostOptions } from './light-host';
import { importRegistries } from './light-registry';

/**
 * A process of the simulation hosting light nodes, driven by the simulation over IPC:
 * `start` (its nodes and where the broker and database are), `import` (registry sizes),
 * `stats`, `stop`.
 */
type Command =
  | { cmd: 'start'; options: LightHostOptions }
  | { cmd: 'import'; sizes: Array<[string, number]> }
  | { cmd: 'stats' }
  | { cmd: 'stop' };

let host: LightHost | undefined;
const send = (message: object) => process.send?.(message);

process.on('message', (command: Command) => {
  void (async () => {
    switch (command.cmd) {
      case 'start':
        host = new LightHost(command.options);
        await host.start();
        return send({ event: 'started', nodes: host.nodes.size });
      case 'import': {
        const started = Date.now();
        const rows = await importRegistries(host as LightHost, new Map(command.sizes));
        return send({ event: 'imported', rows, seconds: (Date.now() - started) / 1000 });
      }
      case 'stats':
        return send({
          event: 'stats',
          rss: process.memoryUsage().rss,
          counts: host?.counts,
        });
      case 'stop':
        await host?.stop();
        send({ event: 'stopped' });
        process.exit(0);
    }
  })().catch((error: unknown) => {
    send({ event: 'failed', error: (error as Error).stack ?? String(error) });
    process.exit(1);
  });
});
