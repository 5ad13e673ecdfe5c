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

export async function createDatabase(
  adminUrl: string,
  name: string,
  options: { ifMissing?: boolean } = {},
): Promise<boolean> {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe database name ${name}`);
  return withAdmin(adminUrl, async (client) => {
    if (options.ifMissing) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        name,
      ]);
      if (rowCount) return false;
    }
    await client.query(`CREATE DATABASE ${name}`);
    return true;
  });
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe database name ${name}`);
  await withAdmin(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
}
