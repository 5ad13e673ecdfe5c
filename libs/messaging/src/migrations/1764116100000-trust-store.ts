import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trust that does not depend on the key registry bucket: every certificate this node has
 * verified, and every revocation whose signature verifies, kept in its own database.
 */
export class TrustStore1764116100000 implements MigrationInterface {
  name = 'TrustStore1764116100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trusted_certificate (
        key_id text PRIMARY KEY,
        node_id text NOT NULL,
        certificate jsonb NOT NULL,
        first_verified_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE key_revocation (
        key_id text NOT NULL,
        signer_node_id text NOT NULL,
        node_id text NOT NULL,
        revoked_at timestamptz NOT NULL,
        revocation jsonb NOT NULL,
        first_seen_at timestamptz NOT NULL,
        PRIMARY KEY (key_id, signer_node_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE key_revocation`);
    await q.query(`DROP TABLE trusted_certificate`);
  }
}
