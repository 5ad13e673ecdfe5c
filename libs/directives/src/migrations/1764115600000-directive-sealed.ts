import { MigrationInterface, QueryRunner } from 'typeorm';

/** Confidential annexes of a directive, kept as the sealed boxes they arrived as. */
export class DirectiveSealed1764115600000 implements MigrationInterface {
  name = 'DirectiveSealed1764115600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE directive ADD COLUMN sealed jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE directive DROP COLUMN sealed`);
  }
}
