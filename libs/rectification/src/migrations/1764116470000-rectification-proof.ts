import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 销号佐证 as files: an item's proof may be uploaded files (type checked by their bytes, SHA-256,
 * kept as uploaded), a text, or both. The table's old check (a closed item has a proof text)
 * becomes a trigger: a closed item has a proof text or at least one file of proof.
 */
export class RectificationProof1764116470000 implements MigrationInterface {
  name = 'RectificationProof1764116470000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rectification_proof (
        id uuid PRIMARY KEY,
        rectification_id uuid NOT NULL REFERENCES rectification (id),
        item_id uuid NOT NULL REFERENCES rectification_item (id),
        filename text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        data bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX rectification_proof_item ON rectification_proof (item_id)`);
    // A file of proof is kept as it was uploaded: what closed an item stays what closed it.
    await q.query(`
      CREATE FUNCTION rectification_proof_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'rectification_proof is immutable: a file of proof is kept as uploaded';
      END $$`);
    await q.query(`
      CREATE TRIGGER rectification_proof_immutable BEFORE UPDATE OR DELETE ON rectification_proof
      FOR EACH ROW EXECUTE FUNCTION rectification_proof_immutable()`);
    await q.query(`ALTER TABLE rectification_item DROP CONSTRAINT rectification_item_check`);
    await q.query(`
      CREATE FUNCTION rectification_item_closed_with_proof() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'closed'
           AND coalesce(length(btrim(NEW.proof)), 0) = 0
           AND NOT EXISTS (SELECT 1 FROM rectification_proof p WHERE p.item_id = NEW.id) THEN
          RAISE EXCEPTION 'rectification item % closes only with proof: a text or a file', NEW.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER rectification_item_closed_with_proof
      BEFORE INSERT OR UPDATE ON rectification_item
      FOR EACH ROW EXECUTE FUNCTION rectification_item_closed_with_proof()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER rectification_item_closed_with_proof ON rectification_item`);
    await q.query(`DROP FUNCTION rectification_item_closed_with_proof`);
    // The older schema knows proof only as text: an item closed with files names them.
    await q.query(`
      UPDATE rectification_item i SET proof = (
        SELECT '佐证材料：' || string_agg(p.filename || '（SHA-256 ' || p.sha256 || '）', '；' ORDER BY p.uploaded_at)
        FROM rectification_proof p WHERE p.item_id = i.id)
      WHERE i.status = 'closed' AND coalesce(length(btrim(i.proof)), 0) = 0`);
    await q.query(`
      ALTER TABLE rectification_item ADD CONSTRAINT rectification_item_check
        CHECK (status = 'open' OR (proof IS NOT NULL AND length(proof) > 0))`);
    await q.query(`DROP TABLE rectification_proof`);
    await q.query(`DROP FUNCTION rectification_proof_immutable`);
  }
}
