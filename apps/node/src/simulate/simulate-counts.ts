import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** One count from a query answering `n`, on the light nodes' database or a whole node's. */
export async function count(
  db: Client | DataSource,
  sql: string,
  params: unknown[] = [],
): Promise<number> {
  const result: unknown = await (db as Client).query(sql, params);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
    n: string;
  }>;
  return Number(rows[0].n);
}

export /** Envelopes settled so far, everywhere: light nodes' inbox rows and receipts, central's. */
async function envelopeCount(light: Client, central: DataSource): Promise<number> {
  return (
    (await count(light, `SELECT count(*) AS n FROM light_inbox`)) +
    (await count(
      light,
      `SELECT count(*) AS n FROM light_outbox WHERE status IN ('delivered', 'refused')`,
    )) +
    (await count(central, `SELECT count(*) AS n FROM inbox`)) +
    (await count(
      central,
      `SELECT count(*) AS n FROM outbox WHERE status IN ('delivered', 'refused')`,
    ))
  );
}
