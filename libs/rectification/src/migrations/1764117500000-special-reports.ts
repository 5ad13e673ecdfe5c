import { MigrationInterface, QueryRunner } from 'typeorm';

/** 专题报告: written to the party committee or an ancestor, or received from a descendant. */
export class SpecialReports1764117500000 implements MigrationInterface {
  name = 'SpecialReports1764117500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE special_report (
        id uuid PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('written', 'received')),
        from_node text NOT NULL,
        addressee text NOT NULL CHECK (addressee IN ('party_committee', 'ancestor')),
        to_node text,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        finding_ids uuid[] NOT NULL DEFAULT '{}',
        finding_count integer NOT NULL CHECK (finding_count >= 0),
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL,
        CHECK ((addressee = 'ancestor') = (to_node IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX special_report_submitted ON special_report (submitted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE special_report`);
  }
}
