import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { NODE_ENTITIES, NODE_MIGRATIONS } from './schema';

/** Runs (or with --revert, reverts the last of) the node's migrations against DATABASE_URL. */
export async function migrate(url: string, revert = false): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: NODE_ENTITIES,
    migrations: NODE_MIGRATIONS,
    migrationsTransactionMode: 'each',
  });
  await dataSource.initialize();
  try {
    if (revert) {
      await dataSource.undoLastMigration();
      return ['reverted one migration'];
    }
    return (await dataSource.runMigrations()).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL must name the node database to migrate\n');
    process.exit(1);
  }
  migrate(url, process.argv.includes('--revert')).then(
    (names) =>
      process.stdout.write(`${names.length ? names.join('\n') : 'schema is up to date'}\n`),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
