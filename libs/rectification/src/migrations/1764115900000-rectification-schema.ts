import { MigrationInterface, QueryRunner } from 'typeorm';

/** Findings and evidence, reports, referrals, rectification with its lists, reports and alerts. */
export class RectificationSchema1764115900000 implements MigrationInterface {
  name = 'RectificationSchema1764115900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE finding (
        id uuid PRIMARY KEY,
        inspection_id uuid NOT NULL REFERENCES inspection (id),
        title text NOT NULL,
        facts text NOT NULL,
        basis text,
        status text NOT NULL CHECK (status IN ('drafted', 'checked', 'signed')),
        drafted_by text NOT NULL,
        checked_by text,
        signed_by text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX finding_inspection ON finding (inspection_id)`);
    await q.query(`
      CREATE TABLE evidence (
        id uuid PRIMARY KEY,
        finding_id uuid NOT NULL REFERENCES finding (id),
        filename text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        data bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX evidence_finding ON evidence (finding_id)`);
    await q.query(`
      CREATE TABLE inspection_report (
        id uuid PRIMARY KEY,
        inspection_id uuid NOT NULL REFERENCES inspection (id),
        version integer NOT NULL CHECK (version >= 1),
        summary text NOT NULL,
        findings jsonb NOT NULL,
        reason text,
        finalized_by text NOT NULL,
        finalized_at timestamptz NOT NULL,
        UNIQUE (inspection_id, version),
        CHECK (version = 1 OR reason IS NOT NULL)
      )`);
    // A finalized report is immutable: a correction is a new version.
    await q.query(`
      CREATE FUNCTION inspection_report_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'inspection_report is immutable: add a new version with a reason';
      END $$`);
    await q.query(`
      CREATE TRIGGER inspection_report_immutable BEFORE UPDATE OR DELETE ON inspection_report
      FOR EACH ROW EXECUTE FUNCTION inspection_report_immutable()`);
    await q.query(`
      CREATE TABLE report_decision (
        report_id uuid PRIMARY KEY REFERENCES inspection_report (id),
        decision text NOT NULL,
        decided_by text NOT NULL,
        decided_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY,
        from_node text NOT NULL,
        target_node text NOT NULL,
        kind text NOT NULL,
        body text,
        sealed jsonb,
        recommendation jsonb,
        cadre_tier text,
        inspection_id uuid NOT NULL,
        finding_id uuid NOT NULL,
        organization_name text NOT NULL,
        sent_at timestamptz NOT NULL,
        acknowledge_by timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by text,
        disposed_at timestamptz,
        disposition text
      )`);
    await q.query(`
      CREATE TABLE rectification (
        id uuid PRIMARY KEY,
        inspection_id uuid NOT NULL UNIQUE,
        organization_code text NOT NULL,
        organization_name text NOT NULL,
        conducting_node text NOT NULL,
        mode text NOT NULL,
        feedback_at timestamptz NOT NULL,
        due_on date NOT NULL,
        policy_months integer NOT NULL,
        policy_set_by text,
        disclosure_text text,
        disclosed_on date,
        follow_up_inspection_id uuid,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE rectification_item (
        id uuid PRIMARY KEY,
        rectification_id uuid NOT NULL REFERENCES rectification (id),
        finding_id uuid NOT NULL,
        problem text NOT NULL,
        basis text NOT NULL,
        responsible_person text,
        unit_head text,
        tasks jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        proof text,
        closed_by text,
        closed_at timestamptz,
        CHECK (status = 'open' OR (proof IS NOT NULL AND length(proof) > 0))
      )`);
    await q.query(`
      CREATE TABLE progress_report (
        id uuid PRIMARY KEY,
        rectification_id uuid NOT NULL REFERENCES rectification (id),
        text text NOT NULL,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL,
        signatures jsonb NOT NULL DEFAULT '[]'
      )`);
    await q.query(`
      CREATE TABLE rectification_alert (
        rectification_id uuid NOT NULL REFERENCES rectification (id),
        level text NOT NULL CHECK (level IN ('days_20', 'days_10', 'overdue')),
        notify text NOT NULL,
        raised_at timestamptz NOT NULL,
        PRIMARY KEY (rectification_id, level)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'rectification_alert',
      'progress_report',
      'rectification_item',
      'rectification',
      'referral',
      'report_decision',
      'inspection_report',
      'evidence',
      'finding',
    ])
      await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION inspection_report_immutable`);
  }
}
