import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistrySchema1764115700000 implements MigrationInterface {
  name = 'RegistrySchema1764115700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization (
        code text PRIMARY KEY,
        name text NOT NULL,
        category text NOT NULL,
        parent_code text REFERENCES organization (code) DEFERRABLE INITIALLY DEFERRED,
        cadre_tier text NOT NULL CHECK (cadre_tier IN ('central', 'provincial', 'municipal', 'county')),
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX organization_parent ON organization (parent_code)`);
    await q.query(`CREATE INDEX organization_category ON organization (category)`);
    await q.query(`
      CREATE TABLE registry_import (
        id uuid PRIMARY KEY,
        format text NOT NULL,
        status text NOT NULL,
        total integer NOT NULL DEFAULT 0,
        processed integer NOT NULL DEFAULT 0,
        problems jsonb NOT NULL DEFAULT '[]',
        problem_count integer NOT NULL DEFAULT 0,
        started_by text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registry_import`);
    await q.query(`DROP TABLE organization`);
  }
}
