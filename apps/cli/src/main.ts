import 'reflect-metadata';
import { Args } from './args';
import { chaos, demo, netns, start, status } from './federation-commands';
import { keysCommand } from './keys-command';
import { natsCommand } from './nats-command';
import { auditVerify, createAdmin, importRegistry } from './node-commands';
import { USAGE, usageOf } from './usage';

// The command table: which command runs what (each command is in a file of its own group).

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
    case 'chaos':
      return (await chaos([sub, ...rest].filter(Boolean) as string[])) ? 0 : 1;
    case 'netns':
      return (await netns()) ? 0 : 1;
    case 'users':
      if (sub !== 'create-admin') throw new Error(`unknown users command ${sub ?? ''}\n\n${USAGE}`);
      await createAdmin(rest);
      return 0;
    case 'registry':
      if (sub !== 'import') throw new Error(`unknown registry command ${sub ?? ''}\n\n${USAGE}`);
      return (await importRegistry(rest)) ? 0 : 1;
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
