import { Client } from 'pg';

/** The maintenance database URL used to create and drop node databases. */
export function adminDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The URL of database `name` on the same server as `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A schema made once and copied for every database that needs it: `CREATE DATABASE …
 * TEMPLATE` copies files, much faster than running every migration again for each node.
 */
export interface DatabaseTemplate {
  /** Named after what it holds (e.g. a hash of the migrations), so a new schema gets a new one. */
  name: string;
  /** Brings an empty database at `url` to the schema (runs the migrations). */
  migrate(url: string): Promise<void>;
}

export async function createDatabase(
  adminUrl: string,
  name: string,
  options: { ifMissing?: boolean; template?: DatabaseTemplate } = {},
): Promise<boolean> {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe database name ${name}`);
  if (options.template) await ensureTemplate(adminUrl, options.template);
  return withAdmin(adminUrl, async (client) => {
    if (options.ifMissing) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        name,
      ]);
      if (rowCount) return false;
    }
    const template = options.template ? ` TEMPLATE ${options.template.name}` : '';
    await client.query(`CREATE DATABASE ${name}${template}`);
    return true;
  });
}

const made = new Set<string>();

/**
 * Makes the template database once per server, under an advisory lock so that concurrent
 * test workers make it once: built under a temporary name and renamed when complete, so a
 * run cut off half-way leaves no half-migrated template behind.
 */
export async function ensureTemplate(adminUrl: string, template: DatabaseTemplate): Promise<void> {
  const key = `${adminUrl} ${template.name}`;
  if (made.has(key)) return;
  if (!SAFE_NAME.test(`${template.name}_new`)) throw new Error(`unsafe name ${template.name}`);
  const building = `${template.name}_new`;
  await withAdmin(adminUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [template.name]);
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        template.name,
      ]);
      if (rowCount) return;
      await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${building}`);
      await template.migrate(databaseUrl(adminUrl, building));
      await client.query(`ALTER DATABASE ${building} RENAME TO ${template.name}`);
      // Templates of earlier schemas of the same family are of no more use to this checkout,
      // but another checkout on the same server (a branch with other migrations) may be using
      // one right now: the three made most recently (highest oid) stay, older ones go.
      const family = template.name.replace(/_[0-9a-f]+$/, '');
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname NOT IN ($2, $3)
         ORDER BY oid DESC OFFSET 3`,
        [`${family}\\_%`, template.name, building],
      );
      for (const { datname } of rows)
        if (SAFE_NAME.test(datname))
          await client.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => undefined);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template.name]);
    }
  });
  made.add(key);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe database name ${name}`);
  await withAdmin(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
}
