import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Makes the audit log tamper-evident: every row carries its position in a hash chain,
 * the previous row's hash and its own; PostgreSQL assigns them under a lock on the
 * single chain head (so writes are serialized) and refuses UPDATE, DELETE and TRUNCATE.
 *
 * Hash input (also computed by the verifier, see audit-chain.ts): the UTF-8 text
 * `liandong-audit-v1` followed by each of seq, occurred_at (UTC, microseconds),
 * actor, action, subject_type, subject_id, detail (jsonb text) and prev_hash written
 * as `<byte length>:<text>`; hash = lowercase hex SHA-256.
 */
export class AuditChain1764115400000 implements MigrationInterface {
  name = 'AuditChain1764115400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_lp(value text) RETURNS text LANGUAGE sql IMMUTABLE AS
      $$ SELECT octet_length(value)::text || ':' || value $$`);
    await q.query(`
      CREATE FUNCTION audit_hash_input(seq bigint, occurred_at timestamptz, actor text, action text,
                                       subject_type text, subject_id text, detail jsonb, prev_hash text)
      RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT 'liandong-audit-v1'
          || audit_lp(seq::text)
          || audit_lp(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
          || audit_lp(actor) || audit_lp(action) || audit_lp(subject_type) || audit_lp(subject_id)
          || audit_lp(detail::text) || audit_lp(prev_hash)
      $$`);
    await q.query(
      `ALTER TABLE audit_entry ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text`,
    );
    await q.query(
      `CREATE TABLE audit_head (id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash text NOT NULL)`,
    );
    await q.query(`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64))`);
    // Chain the rows written before this migration, in the order they were written.
    await q.query(`
      DO $$
      DECLARE r record; head_seq bigint := 0; head_hash text := repeat('0', 64);
      BEGIN
        FOR r IN SELECT * FROM audit_entry ORDER BY id LOOP
          head_seq := head_seq + 1;
          UPDATE audit_entry SET seq = head_seq, prev_hash = head_hash,
            hash = encode(sha256(convert_to(audit_hash_input(head_seq, r.occurred_at, r.actor, r.action,
                     r.subject_type, r.subject_id, r.detail, head_hash), 'UTF8')), 'hex')
          WHERE id = r.id RETURNING hash INTO head_hash;
        END LOOP;
        UPDATE audit_head SET seq = head_seq, hash = head_hash WHERE id = 1;
      END $$`);
    await q.query(
      `ALTER TABLE audit_entry ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX audit_entry_seq ON audit_entry (seq)`);
    await q.query(`
      CREATE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE head record;
      BEGIN
        SELECT seq, hash INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
        NEW.seq := head.seq + 1;
        NEW.prev_hash := head.hash;
        NEW.hash := encode(sha256(convert_to(audit_hash_input(NEW.seq, NEW.occurred_at, NEW.actor, NEW.action,
                      NEW.subject_type, NEW.subject_id, NEW.detail, NEW.prev_hash), 'UTF8')), 'hex');
        UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'audit_head' AND TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
          RETURN NEW; -- moved only by audit_chain_append
        END IF;
        RAISE EXCEPTION 'the audit log is insert-only: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_entry_chain BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_chain_append()`,
    );
    await q.query(
      `CREATE TRIGGER audit_entry_insert_only BEFORE UPDATE OR DELETE ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
    );
    await q.query(`
      CREATE TABLE audit_witness (
        id bigserial PRIMARY KEY,
        node_id text NOT NULL,
        seq bigint NOT NULL,
        hash text NOT NULL,
        signed_at timestamptz NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_witness_node ON audit_witness (node_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_witness`);
    await q.query(`DROP TRIGGER audit_head_no_truncate ON audit_head`);
    await q.query(`DROP TRIGGER audit_head_guard ON audit_head`);
    await q.query(`DROP TRIGGER audit_entry_no_truncate ON audit_entry`);
    await q.query(`DROP TRIGGER audit_entry_insert_only ON audit_entry`);
    await q.query(`DROP TRIGGER audit_entry_chain ON audit_entry`);
    await q.query(`DROP FUNCTION audit_refuse_change()`);
    await q.query(`DROP FUNCTION audit_chain_append()`);
    await q.query(`DROP INDEX audit_entry_seq`);
    await q.query(`DROP TABLE audit_head`);
    await q.query(
      `ALTER TABLE audit_entry DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash`,
    );
    await q.query(
      `DROP FUNCTION audit_hash_input(bigint, timestamptz, text, text, text, text, jsonb, text)`,
    );
    await q.query(`DROP FUNCTION audit_lp(text)`);
  }
}
