import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 后评估: questionnaire rounds, their answer codes (hashes only), the answers (no code, no user,
 * no time finer than the day: nothing ties one to a code or a person), and the aggregates this
 * node received for the inspections it conducted.
 */
export class EvaluationSchema1764117460000 implements MigrationInterface {
  name = 'EvaluationSchema1764117460000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE evaluation_round (
        id uuid PRIMARY KEY,
        inspection_id uuid NOT NULL UNIQUE,
        mode text NOT NULL,
        conducting_node text NOT NULL,
        organization_code text NOT NULL,
        organization_name text NOT NULL,
        feedback_at timestamptz NOT NULL,
        questionnaire_version integer NOT NULL CHECK (questionnaire_version >= 1),
        codes_issued integer NOT NULL CHECK (codes_issued BETWEEN 1 AND 500),
        state text NOT NULL CHECK (state IN ('open', 'closed')),
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_by text,
        closed_at timestamptz,
        answers integer CHECK (answers >= 0),
        aggregate jsonb,
        comments jsonb,
        sent_to text,
        CHECK ((state = 'closed') = (closed_at IS NOT NULL AND answers IS NOT NULL)),
        CHECK (aggregate IS NULL OR state = 'closed'))`);
    await q.query(`CREATE TABLE evaluation_code (
        code_hash text PRIMARY KEY CHECK (code_hash ~ '^[0-9a-f]{64}$'),
        round_id uuid NOT NULL REFERENCES evaluation_round (id),
        used boolean NOT NULL DEFAULT false)`);
    await q.query(`CREATE INDEX evaluation_code_round ON evaluation_code (round_id)`);
    await q.query(`CREATE TABLE evaluation_answer (
        id uuid PRIMARY KEY,
        round_id uuid NOT NULL REFERENCES evaluation_round (id),
        answered_on date NOT NULL,
        choices jsonb NOT NULL,
        comment text)`);
    await q.query(`CREATE INDEX evaluation_answer_round ON evaluation_answer (round_id)`);
    await q.query(`CREATE TABLE received_evaluation (
        inspection_id uuid PRIMARY KEY,
        round_id uuid NOT NULL,
        from_node text NOT NULL,
        mode text NOT NULL,
        organization_name text NOT NULL,
        feedback_at timestamptz NOT NULL,
        leader_id uuid,
        leader_name text,
        questionnaire_version integer NOT NULL,
        codes_issued integer NOT NULL,
        answers integer NOT NULL CHECK (answers >= 5),
        closed_on date NOT NULL,
        items jsonb NOT NULL,
        comments jsonb NOT NULL,
        received_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX received_evaluation_leader ON received_evaluation (leader_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE received_evaluation`);
    await q.query(`DROP TABLE evaluation_answer`);
    await q.query(`DROP TABLE evaluation_code`);
    await q.query(`DROP TABLE evaluation_round`);
  }
}
