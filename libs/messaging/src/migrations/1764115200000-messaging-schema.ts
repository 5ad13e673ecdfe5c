import { MigrationInterface, QueryRunner } from 'typeorm';

export class MessagingSchema1764115200000 implements MigrationInterface {
  name = 'MessagingSchema1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        target_node text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('event', 'receipt')),
        envelope text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'delivered', 'refused')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        receipted_at timestamptz,
        receipt_outcome text,
        receipt_reason text,
        last_error text
      )`);
    await q.query(`CREATE UNIQUE INDEX outbox_event_target ON outbox (event_id, target_node)`);
    await q.query(
      `CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status IN ('pending', 'published')`,
    );
    await q.query(`
      CREATE TABLE sequence_counter (audience text PRIMARY KEY, last_seq bigint NOT NULL)`);
    await q.query(`
      CREATE TABLE inbox (
        event_id uuid PRIMARY KEY,
        issuer text NOT NULL,
        audience text NOT NULL,
        seq bigint NOT NULL,
        event_type text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('applied', 'rejected', 'dead_lettered')),
        settled_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE inbox_cursor (
        issuer text NOT NULL, audience text NOT NULL, last_seq bigint NOT NULL,
        PRIMARY KEY (issuer, audience)
      )`);
    await q.query(`
      CREATE TABLE held_event (
        issuer text NOT NULL, audience text NOT NULL, seq bigint NOT NULL,
        event_id uuid NOT NULL, envelope text NOT NULL, hop_from text, held_at timestamptz NOT NULL,
        PRIMARY KEY (issuer, audience, seq)
      )`);
    await q.query(`
      CREATE TABLE dead_letter (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('rejected', 'dead_lettered')),
        reason_code text NOT NULL,
        reason text NOT NULL,
        event_id text,
        event_type text,
        issuer text,
        hop_from text,
        raw text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX dead_letter_recorded ON dead_letter (recorded_at DESC)`);
    await q.query(`
      CREATE TABLE federation_node (
        node_id text PRIMARY KEY,
        name text NOT NULL,
        tier text NOT NULL,
        parent_id text,
        path text[] NOT NULL,
        registered_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX federation_node_parent ON federation_node (parent_id)`);
    await q.query(`
      CREATE TABLE audit_entry (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`
      CREATE TABLE node_state (
        node_id text PRIMARY KEY,
        registered_key_id text,
        registered_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'node_state',
      'audit_entry',
      'federation_node',
      'dead_letter',
      'held_event',
      'inbox_cursor',
      'inbox',
      'sequence_counter',
      'outbox',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
