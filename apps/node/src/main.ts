import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { startNodeApp } from './bootstrap';
import { ConfigError, loadNodeConfig } from './config/node.config';
import { readIdentityFile } from './config/identity-file';

async function main(): Promise<void> {
  const config = loadNodeConfig(process.env);
  const identity = readIdentityFile(config.LIANDONG_IDENTITY_FILE);
  const natsSeed = config.NATS_NKEY_SEED_FILE
    ? readFileSync(config.NATS_NKEY_SEED_FILE, 'utf8').trim()
    : undefined;
  const app = await startNodeApp({ config, identity, natsSeed });
  const url = await app.getUrl();
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'log', node: identity.nodeId, msg: 'node listening', url: url.replace('[::1]', '127.0.0.1'), docs: `${url}/api/docs` })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(1);
});
