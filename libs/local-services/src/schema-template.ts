import { createHash } from 'node:crypto';
import { DataSource, MixedList, EntitySchema } from 'typeorm';
import { DatabaseTemplate } from './databases';

type Constructor = new (...args: never[]) => object;

/**
 * The template of a schema made by TypeORM migrations, named `<family>_<hash>` where the
 * hash covers the migrations' source: a changed or added migration makes a new template.
 */
export function schemaTemplate(
  family: string,
  entities: MixedList<Constructor | string | EntitySchema>,
  migrations: Constructor[],
): DatabaseTemplate {
  const hash = createHash('sha256');
  for (const migration of migrations) hash.update(migration.toString());
  return {
    name: `${family}_${hash.digest('hex').slice(0, 12)}`,
    async migrate(url: string): Promise<void> {
      const dataSource = new DataSource({
        type: 'postgres',
        url,
        entities,
        migrations,
        migrationsTransactionMode: 'each',
      });
      await dataSource.initialize();
      try {
        await dataSource.runMigrations();
      } finally {
        await dataSource.destroy();
      }
    },
  };
}
