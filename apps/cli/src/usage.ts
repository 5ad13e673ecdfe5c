import { KEYS_USAGE } from './keys-command';
import { NATS_USAGE } from './nats-command';

export const USAGE = `liandong — operator tool of the Liandong federation

  npm start                      start the local federation (central, 河北省, 石家庄市, three counties)
  npm run demo                   run the directive showcase against it (or start one just for the demo)
  npm run cli -- status          health and live status of the running local federation
  npm run chaos [-- --seconds 70]  fault injection on a federation of its own: kills, restarts, a late
                                 joiner, a restored backup, a wiped broker, a flood; 0 lost, 0 twice
  npm run netns                  the federation on hosts of its own (network namespaces; needs root): central's
                                 3-server cluster, a province leaf node; links cut and healed; 0 lost, 0 twice
${KEYS_USAGE}
${NATS_USAGE}
  npm run cli -- registry import --node 130121 --file organizations.xlsx   (CSV or Excel; progress shown)
  npm run cli -- users create-admin --database postgres://…/liandong_130121 [--username admin] [--name 系统管理员]
  npm run cli -- audit verify --node 130121                 (a node of the local federation)
  npm run cli -- audit verify --node 130121 --database postgres://… [--parent-url http://… --token <parent admin token>]
`;

/** The value of `--name` (or `fallback`); without either, an error that shows the usage. */
export function option(args: string[], name: string, fallback?: string): string {
  const index = args.indexOf(`--${name}`);
  const value = index >= 0 ? args[index + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required\n\n${USAGE}`);
  return value;
}

/** The usage lines of one command (all of them when it has none of its own). */
export function usageOf(command: string | undefined): string {
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
