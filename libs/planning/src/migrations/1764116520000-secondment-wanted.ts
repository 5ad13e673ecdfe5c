import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 上挂下派 by description (secondment.requested.v2): a request may name no person, only the
 * kind wanted; the lending node nominates the person on approval.
 */
export class SecondmentWanted1764116520000 implements MigrationInterface {
  name = 'SecondmentWanted1764116520000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE secondment ADD COLUMN wanted text`);
    await q.query(`ALTER TABLE secondment ALTER COLUMN person_id DROP NOT NULL`);
    await q.query(`
      ALTER TABLE secondment ADD CONSTRAINT secondment_person_or_wanted
        CHECK (person_id IS NOT NULL OR wanted IS NOT NULL)`);
    await q.query(`
      ALTER TABLE secondment ADD CONSTRAINT secondment_approved_names_person
        CHECK (status <> 'approved' OR person_id IS NOT NULL)`);
  }

  /** Requests that never named a person cannot be kept by the old schema: they go. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE secondment DROP CONSTRAINT secondment_approved_names_person`);
    await q.query(`ALTER TABLE secondment DROP CONSTRAINT secondment_person_or_wanted`);
    await q.query(`DELETE FROM secondment WHERE person_id IS NULL`);
    await q.query(`ALTER TABLE secondment ALTER COLUMN person_id SET NOT NULL`);
    await q.query(`ALTER TABLE secondment DROP COLUMN wanted`);
  }
}
