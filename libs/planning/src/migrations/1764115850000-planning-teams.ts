import { MigrationInterface, QueryRunner } from 'typeorm';

/** Deputy leaders on teams, persons linked to user accounts, oversight in coverage reports. */
export class PlanningTeams1764115850000 implements MigrationInterface {
  name = 'PlanningTeams1764115850000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE team_member DROP CONSTRAINT team_member_role_check`);
    await q.query(
      `ALTER TABLE team_member ADD CONSTRAINT team_member_role_check CHECK (role IN ('leader', 'deputy_leader', 'member'))`,
    );
    await q.query(`ALTER TABLE person ADD COLUMN username text UNIQUE`);
    await q.query(`ALTER TABLE child_coverage ADD COLUMN own_oversight jsonb`);
    await q.query(`ALTER TABLE child_coverage ADD COLUMN subtree_oversight jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE child_coverage DROP COLUMN subtree_oversight`);
    await q.query(`ALTER TABLE child_coverage DROP COLUMN own_oversight`);
    await q.query(`ALTER TABLE person DROP COLUMN username`);
    await q.query(`ALTER TABLE team_member DROP CONSTRAINT team_member_role_check`);
    await q.query(
      `ALTER TABLE team_member ADD CONSTRAINT team_member_role_check CHECK (role IN ('leader', 'member'))`,
    );
  }
}
