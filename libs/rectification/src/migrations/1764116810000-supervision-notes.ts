import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 整改日常监督: the supervision office's notes on a rectification (method, day, content, the
 * items concerned) and the urging each may ask (督促事项, due by a day). A note is kept as
 * recorded: the only change is its urging marked done, once; no note is deleted.
 */
export class SupervisionNotes1764116810000 implements MigrationInterface {
  name = 'SupervisionNotes1764116810000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE supervision_note (
        id uuid PRIMARY KEY,
        rectification_id uuid NOT NULL REFERENCES rectification (id),
        method text NOT NULL CHECK (method IN
          ('talk', 'admonition', 'spot_check', 'sitting_in', 'records_review', 'briefing', 'other')),
        supervised_on date NOT NULL,
        content text NOT NULL CHECK (length(btrim(content)) > 0),
        item_ids jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(item_ids) = 'array'),
        urging text CHECK (urging IS NULL OR length(btrim(urging)) > 0),
        urging_due_on date,
        urging_outcome text,
        urging_done_by text,
        urging_done_at timestamptz,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT supervision_note_urging_due CHECK ((urging IS NULL) = (urging_due_on IS NULL)),
        CONSTRAINT supervision_note_urging_after CHECK (urging_due_on >= supervised_on),
        CONSTRAINT supervision_note_urging_done CHECK (
          (urging_done_at IS NULL AND urging_done_by IS NULL AND urging_outcome IS NULL)
          OR (urging IS NOT NULL AND urging_done_at IS NOT NULL AND urging_done_by IS NOT NULL
              AND length(btrim(urging_outcome)) > 0))
      )`);
    await q.query(
      `CREATE INDEX supervision_note_rectification ON supervision_note (rectification_id, supervised_on)`,
    );
    await q.query(`
      CREATE FUNCTION supervision_note_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'supervision_note is kept: a note of routine supervision is not deleted';
        END IF;
        IF OLD.urging_done_at IS NOT NULL
           OR (OLD.id, OLD.rectification_id, OLD.method, OLD.supervised_on, OLD.content, OLD.item_ids,
               OLD.urging, OLD.urging_due_on, OLD.recorded_by, OLD.recorded_at)
              IS DISTINCT FROM
              (NEW.id, NEW.rectification_id, NEW.method, NEW.supervised_on, NEW.content, NEW.item_ids,
               NEW.urging, NEW.urging_due_on, NEW.recorded_by, NEW.recorded_at) THEN
          RAISE EXCEPTION 'supervision_note % is kept as recorded: only its urging is marked done, once', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER supervision_note_kept BEFORE UPDATE OR DELETE ON supervision_note
      FOR EACH ROW EXECUTE FUNCTION supervision_note_kept()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE supervision_note`);
    await q.query(`DROP FUNCTION supervision_note_kept`);
  }
}
