import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessSchema1764115500000 implements MigrationInterface {
  name = 'AccessSchema1764115500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_account (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE refresh_token (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES user_account (id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_user ON refresh_token (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE user_account`);
  }
}
