import 'reflect-metadata';
import { LightHost, LightHostOptions } from './light-host';
import { importRegistries } from './light-registry';

/**
 * What the simulation asks a light host: `start` (its nodes and where the broker and database
 * are), `import` (registry sizes), `stats`, `stop`. Answered in a process of its own (this
 * file, forked) or, for a small tree in a test, in the simulation's process.
 */
export type HostCommand =
  | { cmd: 'start'; options: LightHostOptions }
  | { cmd: 'import'; sizes: Array<[string, number]> }
  | { cmd: 'stats' }
  | { cmd: 'stop' };

export class HostCommands {
  private host?: LightHost;

  async answer(command: HostCommand): Promise<{ event: string } & Record<string, unknown>> {
    switch (command.cmd) {
      case 'start':
        this.host = new LightHost(command.options);
        await this.host.start();
        return { event: 'started', nodes: this.host.nodes.size };
      case 'import': {
        const started = Date.now();
        const rows = await importRegistries(this.host as LightHost, new Map(command.sizes));
        return { event: 'imported', rows, seconds: (Date.now() - started) / 1000 };
      }
      case 'stats':
        return { event: 'stats', rss: process.memoryUsage().rss, counts: this.host?.counts };
      case 'stop':
        await this.host?.stop();
        return { event: 'stopped' };
    }
  }
}

if (require.main === module) {
  const commands = new HostCommands();
  const send = (message: object) => process.send?.(message);
  process.on('message', (command: HostCommand) => {
    commands.answer(command).then(
      (answer) => {
        send(answer);
        if (command.cmd === 'stop') process.exit(0);
      },
      (error: unknown) => {
        send({ event: 'failed', error: (error as Error).stack ?? String(error) });
        process.exit(1);
      },
    );
  });
}
