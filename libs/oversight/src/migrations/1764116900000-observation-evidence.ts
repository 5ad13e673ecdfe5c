import { MigrationInterface, QueryRunner } from 'typeorm';

/** 指导督导: files kept as evidence of an observation, with their SHA-256. */
export class ObservationEvidence1764116900000 implements MigrationInterface {
  name = 'ObservationEvidence1764116900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oversight_observation_evidence (
        id uuid PRIMARY KEY,
        observation_id uuid NOT NULL REFERENCES oversight_observation (id),
        filename text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        data bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX oversight_observation_evidence_observation ON oversight_observation_evidence (observation_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oversight_observation_evidence`);
  }
}
