import { MigrationInterface, QueryRunner } from 'typeorm';

/** The text encoding a CSV registry file was read in (UTF-8, or GB18030 as Excel saves it on Chinese Windows). */
export class RegistryEncoding1764116200000 implements MigrationInterface {
  name = 'RegistryEncoding1764116200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE registry_import ADD COLUMN encoding text CHECK (encoding IN ('UTF-8', 'GB18030'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_import DROP COLUMN encoding`);
  }
}
