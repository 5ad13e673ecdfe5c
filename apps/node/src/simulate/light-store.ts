import { Pool, PoolClient } from 'pg';

/**
 * The database of the simulation's light nodes: one PostgreSQL database for all of them, every
 * row keyed by its node (the light host's answer to 3,200 databases that would need 3,200
 * connection pools). Each node's inbox, cursors, counters, outbox, registrations, directives,
 * child coverage and registry are its own rows, written in the transaction of the batch that
 * settles them.
 */
export const LIGHT_SCHEMA = `
CREATE TABLE light_inbox (node_id text, event_id uuid, issuer text, audience text, seq bigint,
  type text, outcome text, reason_code text, reason text, PRIMARY KEY (node_id, event_id));
CREATE TABLE light_cursor (node_id text, issuer text, audience text, settled bigint,
  PRIMARY KEY (node_id, issuer, audience));
CREATE TABLE light_counter (node_id text, audience text, last bigint, PRIMARY KEY (node_id, audience));
CREATE TABLE light_outbox (node_id text, event_id uuid, target text, kind text, type text,
  subject text, body text, attempt int NOT NULL DEFAULT 0, status text NOT NULL DEFAULT 'pending',
  created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz,
  PRIMARY KEY (node_id, event_id, target));
CREATE TABLE light_registration (node_id text, descendant text, parent_id text, name text,
  tier text, PRIMARY KEY (node_id, descendant));
CREATE TABLE light_directive (node_id text, directive_id uuid, issuer text, title text,
  received_at timestamptz, reported_at timestamptz, PRIMARY KEY (node_id, directive_id));
CREATE TABLE light_child_coverage (node_id text, child_id text, subtree jsonb, event_id uuid,
  PRIMARY KEY (node_id, child_id));
CREATE TABLE light_organization (node_id text, number int, name text, category text,
  covered boolean, PRIMARY KEY (node_id, number));
CREATE TABLE light_dead_letter (id bigserial PRIMARY KEY, node_id text, event_id uuid,
  code text, reason text, raw text, recorded_at timestamptz NOT NULL DEFAULT now());
`;

export interface OutboxRow {
  nodeId: string;
  eventId: string;
  target: string;
  kind: 'event' | 'forward' | 'receipt';
  type: string;
  subject: string;
  body: string;
}

/** Everything one batch writes, for every node it touched: one transaction. */
export class Writes {
  readonly inbox: unknown[][] = [[], [], [], [], [], [], [], [], []];
  readonly cursors = new Map<string, [string, string, string, number]>();
  readonly counters = new Map<string, [string, string, number]>();
  readonly outbox: OutboxRow[] = [];
  readonly registrations: unknown[][] = [[], [], [], [], []];
  readonly directives: unknown[][] = [[], [], [], []];
  readonly reported: unknown[][] = [[], []];
  readonly coverage = new Map<string, [string, string, string, string]>();
  readonly settled: unknown[][] = [[], [], [], []];
  readonly deadLetters: unknown[][] = [[], [], [], [], []];

  push(columns: unknown[][], ...values: unknown[]): void {
    values.forEach((value, i) => columns[i].push(value));
  }

  get empty(): boolean {
    return (
      this.inbox[0].length +
        this.outbox.length +
        this.settled[0].length +
        this.deadLetters[0].length +
        this.reported[0].length ===
      0
    );
  }
}

const STATEMENTS: Array<[keyof Writes, string]> = [
  [
    'inbox',
    `INSERT INTO light_inbox SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[],
       $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[])`,
  ],
  [
    'registrations',
    `INSERT INTO light_registration SELECT * FROM unnest($1::text[], $2::text[], $3::text[],
       $4::text[], $5::text[]) ON CONFLICT (node_id, descendant) DO UPDATE SET
       parent_id = excluded.parent_id, name = excluded.name, tier = excluded.tier`,
  ],
  [
    'directives',
    `INSERT INTO light_directive (node_id, directive_id, issuer, title, received_at)
     SELECT *, now() FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[])`,
  ],
  [
    'reported',
    `UPDATE light_directive d SET reported_at = now() FROM unnest($1::text[], $2::uuid[]) v(n, d)
     WHERE d.node_id = v.n AND d.directive_id = v.d`,
  ],
  [
    'settled',
    `UPDATE light_outbox o SET status = v.s FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[])
       v(n, e, t, s) WHERE o.node_id = v.n AND o.event_id = v.e AND o.target = v.t
       AND o.status IN ('pending', 'published')`,
  ],
  [
    'deadLetters',
    `INSERT INTO light_dead_letter (node_id, event_id, code, reason, raw)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[])`,
  ],
];

function columnsOf<T>(rows: Iterable<T[]>, width: number): unknown[][] {
  const columns: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) row.forEach((value, i) => columns[i].push(value));
  return columns;
}

/** Writes a batch in one transaction; nothing of it is kept if any part fails. */
export async function commit(pool: Pool, w: Writes): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const [key, sql] of STATEMENTS) {
      const columns = w[key] as unknown[][];
      if (columns[0].length > 0) await client.query(sql, columns);
    }
    if (w.cursors.size > 0)
      await client.query(
        `INSERT INTO light_cursor SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
         ON CONFLICT (node_id, issuer, audience) DO UPDATE SET settled = excluded.settled`,
        columnsOf(w.cursors.values(), 4),
      );
    if (w.counters.size > 0)
      await client.query(
        `INSERT INTO light_counter SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
         ON CONFLICT (node_id, audience) DO UPDATE SET last = excluded.last`,
        columnsOf(w.counters.values(), 3),
      );
    if (w.coverage.size > 0)
      await client.query(
        `INSERT INTO light_child_coverage SELECT n, c, s::jsonb, e FROM
           unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) v(n, c, s, e)
         ON CONFLICT (node_id, child_id) DO UPDATE SET subtree = excluded.subtree, event_id = excluded.event_id`,
        columnsOf(w.coverage.values(), 4),
      );
    if (w.outbox.length > 0) {
      const o = w.outbox;
      await client.query(
        `INSERT INTO light_outbox (node_id, event_id, target, kind, type, subject, body)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        [
          o.map((r) => r.nodeId),
          o.map((r) => r.eventId),
          o.map((r) => r.target),
          o.map((r) => r.kind),
          o.map((r) => r.type),
          o.map((r) => r.subject),
          o.map((r) => r.body),
        ],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
