import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 举一反三: a finding's problem category from central's catalogue (version 1; none counts as
 * 其他/未分类), and each child's latest counts by category (`problems.reported.v1`).
 */
export class ProblemCategories1764117463000 implements MigrationInterface {
  name = 'ProblemCategories1764117463000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE finding ADD COLUMN category text CHECK (category IN
        ('political', 'theoretical', 'organizational', 'conduct', 'discipline', 'integrity',
         'cadre_selection', 'ideology', 'rectification', 'other'))`);
    await q.query(`
      CREATE TABLE child_problems (
        node_id text PRIMARY KEY,
        catalogue_version integer NOT NULL,
        subtree jsonb NOT NULL CHECK (jsonb_typeof(subtree) = 'array'),
        as_of timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE child_problems`);
    await q.query(`ALTER TABLE finding DROP COLUMN category`);
  }
}
