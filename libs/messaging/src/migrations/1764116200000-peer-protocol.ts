import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which peers read the batched forms of protocol 1.1 (batch signatures, range receipts). */
export class PeerProtocol1764116200000 implements MigrationInterface {
  name = 'PeerProtocol1764116200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE peer_protocol (
        node_id text PRIMARY KEY,
        batch_forms boolean NOT NULL,
        seen_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE peer_protocol`);
  }
}
