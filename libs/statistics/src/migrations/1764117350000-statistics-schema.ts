import { MigrationInterface, QueryRunner } from 'typeorm';

const VERSION_COLUMNS = `
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        version integer NOT NULL CHECK (version >= 1),
        form_version integer NOT NULL CHECK (form_version >= 1),
        own jsonb NOT NULL,
        subtree jsonb NOT NULL,
        reason text,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('submitted', 'accepted', 'returned')),
        decided_by text,
        decided_at timestamptz,
        return_reason text,
        CHECK ((state = 'submitted') = (decided_at IS NULL)),
        CHECK ((state = 'returned') = (return_reason IS NOT NULL))`;

/**
 * 年度统计: the versions this node submitted, those its children submitted to it. A version's
 * figures are frozen: a trigger refuses changing them and refuses deleting a version; only
 * the decision (state, by whom, when, why returned) is written once, from `submitted`.
 */
export class StatisticsSchema1764117350000 implements MigrationInterface {
  name = 'StatisticsSchema1764117350000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE statistics_report (${VERSION_COLUMNS},
        counted jsonb NOT NULL,
        PRIMARY KEY (year, version))`);
    await q.query(`CREATE TABLE child_statistics (
        node_id text NOT NULL,
        received_at timestamptz NOT NULL,${VERSION_COLUMNS},
        PRIMARY KEY (node_id, year, version))`);
    await q.query(`
      CREATE FUNCTION statistics_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'a statistics version is never deleted';
        END IF;
        IF OLD.state <> 'submitted' OR to_jsonb(NEW) - ARRAY['state', 'decided_by', 'decided_at', 'return_reason']
             IS DISTINCT FROM to_jsonb(OLD) - ARRAY['state', 'decided_by', 'decided_at', 'return_reason'] THEN
          RAISE EXCEPTION 'a statistics version is frozen: only its decision is written, once';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['statistics_report', 'child_statistics'])
      await q.query(`CREATE TRIGGER ${table}_frozen BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION statistics_version_frozen()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE child_statistics`);
    await q.query(`DROP TABLE statistics_report`);
    await q.query(`DROP FUNCTION statistics_version_frozen()`);
  }
}
