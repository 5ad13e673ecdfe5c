import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What keeps a node joined up (protocol.md §5.5): outbox rows know the sequence they carry,
 * subtree envelopes are logged for late joiners, refusals are recorded once per delivered
 * message with the body as bytes, and the node remembers how far it consumed the stream (so a
 * restored database is noticed) and when its own counters were restarted.
 */
export class SequenceSync1764116000000 implements MigrationInterface {
  name = 'SequenceSync1764116000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check`);
    await q.query(
      `ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('event', 'receipt', 'control'))`,
    );
    await q.query(
      `ALTER TABLE outbox ADD COLUMN issuer text, ADD COLUMN audience text, ADD COLUMN seq bigint`,
    );
    await q.query(`
      UPDATE outbox SET issuer = envelope::jsonb->>'issuer', audience = envelope::jsonb->>'audience',
        seq = (envelope::jsonb->>'seq')::bigint
      WHERE kind = 'event'`);
    await q.query(
      `CREATE INDEX outbox_sequence ON outbox (target_node, issuer, audience, seq) WHERE kind = 'event'`,
    );
    await q.query(`
      CREATE TABLE sequence_log (
        issuer text NOT NULL, audience text NOT NULL, seq bigint NOT NULL,
        event_id uuid NOT NULL, envelope text NOT NULL, not_after timestamptz NOT NULL,
        PRIMARY KEY (issuer, audience, seq)
      )`);
    await q.query(`
      INSERT INTO sequence_log (issuer, audience, seq, event_id, envelope, not_after)
      SELECT DISTINCT ON (issuer, audience, seq) issuer, audience, seq, event_id, envelope,
        (envelope::jsonb->>'notAfter')::timestamptz
      FROM outbox WHERE kind = 'event' AND audience LIKE 'subtree:%'
      ORDER BY issuer, audience, seq, id`);
    await q.query(
      `ALTER TABLE inbox ADD COLUMN reason_code text, ADD COLUMN reason text, ADD COLUMN stream_seq bigint`,
    );
    await q.query(`ALTER TABLE inbox_cursor ADD COLUMN restarted_at timestamptz`);
    await q.query(`ALTER TABLE sequence_counter ADD COLUMN restarted_at timestamptz`);
    await q.query(
      `ALTER TABLE dead_letter ADD COLUMN raw_bytes bytea, ADD COLUMN delivery text, ADD COLUMN stream_seq bigint`,
    );
    await q.query(
      `CREATE UNIQUE INDEX dead_letter_delivery ON dead_letter (delivery) WHERE delivery IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE node_state ADD COLUMN consumed_stream_seq bigint, ADD COLUMN restored_at timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE node_state DROP COLUMN consumed_stream_seq, DROP COLUMN restored_at`,
    );
    await q.query(`DROP INDEX dead_letter_delivery`);
    await q.query(
      `ALTER TABLE dead_letter DROP COLUMN raw_bytes, DROP COLUMN delivery, DROP COLUMN stream_seq`,
    );
    await q.query(`ALTER TABLE sequence_counter DROP COLUMN restarted_at`);
    await q.query(`ALTER TABLE inbox_cursor DROP COLUMN restarted_at`);
    await q.query(
      `ALTER TABLE inbox DROP COLUMN reason_code, DROP COLUMN reason, DROP COLUMN stream_seq`,
    );
    await q.query(`DROP TABLE sequence_log`);
    await q.query(`DROP INDEX outbox_sequence`);
    await q.query(`ALTER TABLE outbox DROP COLUMN issuer, DROP COLUMN audience, DROP COLUMN seq`);
    await q.query(`DELETE FROM outbox WHERE kind = 'control'`);
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check`);
    await q.query(
      `ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('event', 'receipt'))`,
    );
  }
}
