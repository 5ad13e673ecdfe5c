import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review chain goes back as well as forward: the leader returns a finding to draft (退回修改)
 * with a reason, and the inspection office withdraws one from the report (撤回) with a reason.
 */
export class FindingReview1764116300000 implements MigrationInterface {
  name = 'FindingReview1764116300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE finding
        ADD COLUMN returned_reason text,
        ADD COLUMN returned_by text,
        ADD COLUMN returned_at timestamptz,
        ADD COLUMN withdrawn_reason text,
        ADD COLUMN withdrawn_by text,
        ADD COLUMN withdrawn_at timestamptz`);
    await q.query(`ALTER TABLE finding DROP CONSTRAINT finding_status_check`);
    await q.query(`
      ALTER TABLE finding ADD CONSTRAINT finding_status_check
        CHECK (status IN ('drafted', 'checked', 'signed', 'withdrawn'))`);
    await q.query(`
      ALTER TABLE finding ADD CONSTRAINT finding_withdrawn_with_reason
        CHECK (status <> 'withdrawn' OR (withdrawn_reason IS NOT NULL AND withdrawn_at IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE finding DROP CONSTRAINT finding_withdrawn_with_reason`);
    await q.query(`ALTER TABLE finding DROP CONSTRAINT finding_status_check`);
    // A withdrawn finding has no place in the older schema: it goes back to a draft.
    await q.query(`UPDATE finding SET status = 'drafted' WHERE status = 'withdrawn'`);
    await q.query(`
      ALTER TABLE finding ADD CONSTRAINT finding_status_check
        CHECK (status IN ('drafted', 'checked', 'signed'))`);
    await q.query(`
      ALTER TABLE finding
        DROP COLUMN returned_reason,
        DROP COLUMN returned_by,
        DROP COLUMN returned_at,
        DROP COLUMN withdrawn_reason,
        DROP COLUMN withdrawn_by,
        DROP COLUMN withdrawn_at`);
  }
}
