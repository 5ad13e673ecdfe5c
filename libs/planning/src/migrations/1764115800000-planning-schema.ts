import { MigrationInterface, QueryRunner } from 'typeorm';

/** Terms, rounds, inspections, coverage, cross orders, the personnel pool and teams. */
export class PlanningSchema1764115800000 implements MigrationInterface {
  name = 'PlanningSchema1764115800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE term (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL CHECK (ends_on > starts_on),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE round (
        id uuid PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('regular', 'thematic', 'mobile', 'follow_up')),
        theme text NOT NULL,
        window_start date NOT NULL,
        window_end date NOT NULL CHECK (window_end >= window_start),
        parent_round_id uuid UNIQUE,
        parent_node text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE round_link (
        round_id uuid NOT NULL REFERENCES round (id),
        child_node text NOT NULL,
        child_round_id uuid,
        acknowledged_at timestamptz,
        PRIMARY KEY (round_id, child_node)
      )`);
    await q.query(`
      CREATE TABLE inspection (
        id uuid PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('conducting', 'hosted', 'reported')),
        mode text NOT NULL CHECK (mode IN ('own', 'escalated', 'cross')),
        round_id uuid,
        owner_node text NOT NULL,
        conducting_node text NOT NULL,
        organization_code text NOT NULL,
        organization_name text NOT NULL,
        organization_category text NOT NULL,
        cross_order_id uuid,
        window_start date NOT NULL,
        window_end date NOT NULL,
        status text NOT NULL,
        refusal_reason text,
        event_id uuid,
        feedback_at timestamptz,
        feedback_summary text,
        handed_back_at timestamptz,
        hand_back_notes text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX inspection_once_per_round ON inspection (round_id, owner_node, organization_code)
       WHERE role = 'conducting' AND status <> 'refused'`,
    );
    await q.query(
      `CREATE INDEX inspection_organization ON inspection (owner_node, organization_code)`,
    );
    await q.query(
      `CREATE INDEX inspection_event ON inspection (event_id) WHERE event_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE coverage_credit (
        inspection_id uuid PRIMARY KEY,
        organization_code text NOT NULL,
        mode text NOT NULL,
        conducted_by text NOT NULL,
        feedback_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX coverage_credit_organization ON coverage_credit (organization_code)`,
    );
    await q.query(`
      CREATE TABLE child_coverage (
        node_id text PRIMARY KEY,
        name text NOT NULL,
        term_starts_on date,
        term_ends_on date,
        own jsonb NOT NULL,
        subtree jsonb NOT NULL,
        children jsonb NOT NULL,
        as_of timestamptz NOT NULL,
        event_id uuid NOT NULL
      )`);
    await q.query(`
      CREATE TABLE cross_order (
        id uuid PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('ordering', 'visiting', 'inspected')),
        round_id uuid NOT NULL,
        local_round_id uuid,
        ordering_node text NOT NULL,
        visiting_node text NOT NULL,
        inspected_node text NOT NULL,
        organization_codes text[] NOT NULL,
        window_start date NOT NULL,
        window_end date NOT NULL,
        event_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL,
        refusal_reason text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX cross_order_round ON cross_order (round_id)`);
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        source_body text NOT NULL,
        home_jurisdiction text NOT NULL,
        home_unit_code text,
        home_unit_name text NOT NULL,
        posts jsonb NOT NULL,
        relations jsonb NOT NULL,
        lent_by text,
        secondment_id uuid,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE secondment (
        id uuid PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('borrowing', 'lending')),
        person_id uuid NOT NULL,
        borrowing_node text NOT NULL,
        lending_node text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        purpose text NOT NULL,
        status text NOT NULL,
        reason text,
        requested_at timestamptz NOT NULL,
        decided_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE team_member (
        inspection_id uuid NOT NULL REFERENCES inspection (id),
        person_id uuid NOT NULL REFERENCES person (id),
        role text NOT NULL CHECK (role IN ('leader', 'member')),
        PRIMARY KEY (inspection_id, person_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX team_one_leader ON team_member (inspection_id) WHERE role = 'leader'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'team_member',
      'secondment',
      'person',
      'cross_order',
      'child_coverage',
      'coverage_credit',
      'inspection',
      'round_link',
      'round',
      'term',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
