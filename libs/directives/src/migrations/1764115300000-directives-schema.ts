import { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectivesSchema1764115300000 implements MigrationInterface {
  name = 'DirectivesSchema1764115300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directive (
        id uuid PRIMARY KEY,
        origin text NOT NULL CHECK (origin IN ('issued', 'received')),
        issuer_node text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('children', 'subtree')),
        report_due_at timestamptz NOT NULL,
        parent_directive_id uuid,
        policies jsonb NOT NULL DEFAULT '[]',
        issued_at timestamptz NOT NULL,
        issued_by text,
        received_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by text,
        relayed_directive_id uuid,
        reported_at timestamptz,
        reported_by text,
        report_summary text
      )`);
    await q.query(`CREATE INDEX directive_issued_at ON directive (issued_at DESC)`);
    await q.query(`
      CREATE TABLE directive_recipient (
        directive_id uuid NOT NULL REFERENCES directive (id),
        node_id text NOT NULL,
        event_id uuid NOT NULL,
        received_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by text,
        relayed_at timestamptz,
        relayed_directive_id uuid,
        reported_at timestamptz,
        reported_by text,
        report_summary text,
        PRIMARY KEY (directive_id, node_id)
      )`);
    await q.query(
      `CREATE INDEX directive_recipient_event ON directive_recipient (event_id, node_id)`,
    );
    await q.query(`
      CREATE TABLE policy_version (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        value numeric NOT NULL,
        effective_from date NOT NULL,
        directive_id uuid,
        set_by_node text,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX policy_version_key ON policy_version (key, effective_from DESC, id DESC)`,
    );
    // Baseline: rectification progress reports were due 2 months after feedback.
    await q.query(`
      INSERT INTO policy_version (key, value, effective_from, directive_id, set_by_node, recorded_at)
      VALUES ('rectification.progress_report_months', 2, '2000-01-01', NULL, NULL, now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE policy_version`);
    await q.query(`DROP TABLE directive_recipient`);
    await q.query(`DROP TABLE directive`);
  }
}
