import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 巡前信息沟通 and 巡中监督手段支持: one row per request, at the requesting node, at the asked
 * node, or one row for both when a node asks its own bodies. Answered once.
 */
export class InformationRequests1764116600000 implements MigrationInterface {
  name = 'InformationRequests1764116600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE information_request (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('information', 'support')),
        from_node text NOT NULL,
        target_node text NOT NULL,
        body text NOT NULL
          CHECK (body IN ('discipline', 'organization', 'audit', 'petitions', 'judicial')),
        cadre_tier text CHECK (cadre_tier IN ('central', 'provincial', 'municipal', 'county')),
        inspection_id uuid NOT NULL,
        organization_name text NOT NULL,
        subject text NOT NULL,
        details text NOT NULL,
        answer_by date NOT NULL,
        requested_at timestamptz NOT NULL,
        requested_by text NOT NULL,
        answered_at timestamptz,
        answered_by text,
        attachment_count integer CHECK (attachment_count BETWEEN 0 AND 5),
        sealed jsonb,
        CHECK ((answered_at IS NULL) = (answered_by IS NULL))
      )`);
    await q.query(
      `CREATE INDEX information_request_from ON information_request (from_node, requested_at)`,
    );
    await q.query(
      `CREATE INDEX information_request_target ON information_request (target_node, requested_at)`,
    );
    await q.query(
      `CREATE INDEX information_request_inspection ON information_request (inspection_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE information_request`);
  }
}
