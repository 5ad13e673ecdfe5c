import { MigrationInterface, QueryRunner } from 'typeorm';

/** 指导督导: engagements at both ends, observations, attendees, recommendations, child figures. */
export class OversightSchema1764116700000 implements MigrationInterface {
  name = 'OversightSchema1764116700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oversight_engagement (
        id uuid PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('overseeing', 'overseen')),
        overseeing_node text NOT NULL,
        overseen_node text NOT NULL CHECK (overseen_node <> overseeing_node),
        form text NOT NULL CHECK (form IN ('training', 'investigation', 'on_site')),
        round_id uuid,
        title text NOT NULL,
        window_start date NOT NULL,
        window_end date NOT NULL CHECK (window_end >= window_start),
        people jsonb NOT NULL,
        checklist text[] NOT NULL CHECK (cardinality(checklist) > 0),
        status text NOT NULL CHECK (status IN ('opened', 'acknowledged', 'closed', 'refused')),
        acknowledged_at timestamptz,
        acknowledged_by text,
        granted_areas text[],
        grant_from date,
        grant_until date,
        granted_at timestamptz,
        assessment text,
        closed_at timestamptz,
        event_id uuid,
        refusal_reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        CHECK ((form = 'on_site') = (round_id IS NOT NULL)),
        CHECK ((status = 'closed') = (closed_at IS NOT NULL AND assessment IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX oversight_engagement_event ON oversight_engagement (event_id)`);
    await q.query(`
      CREATE TABLE oversight_observation (
        id uuid PRIMARY KEY,
        engagement_id uuid NOT NULL REFERENCES oversight_engagement (id),
        item text NOT NULL,
        text text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX oversight_observation_engagement ON oversight_observation (engagement_id)`,
    );
    await q.query(`
      CREATE TABLE oversight_attendee (
        id uuid PRIMARY KEY,
        engagement_id uuid NOT NULL REFERENCES oversight_engagement (id),
        name text NOT NULL,
        unit text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX oversight_attendee_engagement ON oversight_attendee (engagement_id)`,
    );
    await q.query(`
      CREATE TABLE oversight_recommendation (
        id uuid PRIMARY KEY,
        engagement_id uuid NOT NULL REFERENCES oversight_engagement (id),
        item text NOT NULL,
        text text NOT NULL,
        answer_by date NOT NULL,
        answer text,
        answered_at timestamptz,
        answered_by text,
        overdue_at timestamptz,
        CHECK ((answer IS NULL) = (answered_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX oversight_recommendation_engagement ON oversight_recommendation (engagement_id)`,
    );
    await q.query(`
      CREATE TABLE child_oversight (
        node_id text PRIMARY KEY,
        name text NOT NULL,
        own jsonb NOT NULL,
        subtree jsonb NOT NULL,
        as_of timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE child_oversight`);
    await q.query(`DROP TABLE oversight_recommendation`);
    await q.query(`DROP TABLE oversight_attendee`);
    await q.query(`DROP TABLE oversight_observation`);
    await q.query(`DROP TABLE oversight_engagement`);
  }
}
