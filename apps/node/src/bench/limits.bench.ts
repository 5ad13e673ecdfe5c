import {
  batchSign,
  buildEnvelope,
  DirectiveIssuedV1,
  envelopeSignatureValid,
  generateSigningKeyPair,
  payloadProblems,
  signEnvelope,
  uuidv7,
} from '@liandong/protocol';
import { adminDatabaseUrl } from '@liandong/local-services';
import { Client } from 'pg';

/** Microseconds per call, over `n` calls. */
function perCall(n: number, f: (i: number) => unknown): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) f(i);
  return Number(process.hrtime.bigint() - started) / n / 1000;
}

export interface Limits {
  signUs: number;
  verifyUs: number;
  /** A member of a verified batch: its leaf hash and proof (no Ed25519). */
  batchMemberUs: number;
  batchSignPerMemberUs: number;
  validateUs: number;
  /** One committed transaction of `rowsPerCommit` inbox-sized rows, per row. */
  rowUs: number;
  commitMs: number;
}

/**
 * The costs every exactly-once event pays on this machine, measured one by one: Ed25519,
 * the batch form's hashes, payload validation, and PostgreSQL's rows and commits. The
 * physical limit follows from them (bench.ts prints it).
 */
export async function limits(sample: DirectiveIssuedV1): Promise<Limits> {
  const key = generateSigningKeyPair();
  const unsigned = (seq: number) =>
    buildEnvelope({
      type: DirectiveIssuedV1.type,
      issuer: '000000',
      keyId: key.keyId,
      audience: 'node:130000',
      seq,
      payload: sample,
      issuedAt: new Date(),
      ttlMs: 86_400_000,
    });
  const n = 2000;
  const singles = Array.from({ length: n }, (_, i) =>
    signEnvelope(unsigned(i + 1), key.privateKey),
  );
  const members = batchSign(
    Array.from({ length: 256 }, (_, i) => unsigned(i + 1)),
    key.privateKey,
  );
  const signUs = perCall(n, (i) => signEnvelope(unsigned(i + 1), key.privateKey));
  const verifyUs = perCall(n, (i) => envelopeSignatureValid(singles[i], key.publicKey));
  envelopeSignatureValid(members[0], key.publicKey);
  const batchMemberUs = perCall(n, (i) => envelopeSignatureValid(members[i % 256], key.publicKey));
  const batchSignPerMemberUs =
    perCall(8, () =>
      batchSign(
        Array.from({ length: 256 }, (_, i) => unsigned(i + 1)),
        key.privateKey,
      ),
    ) / 256;
  const validateUs = perCall(n, () => payloadProblems(DirectiveIssuedV1.type, sample));

  const table = `ld_bench_rows_${process.pid}`;
  const db = new Client({ connectionString: adminDatabaseUrl() });
  await db.connect();
  try {
    // A real (logged) table: its commits wait for the WAL on disk, as a node's do.
    await db.query(
      `CREATE TABLE ${table} (event_id uuid PRIMARY KEY, issuer text, audience text, seq bigint, envelope text)`,
    );
    const rowsPerCommit = 250;
    const commits = 12;
    const raw = JSON.stringify(singles[0]);
    const started = process.hrtime.bigint();
    for (let c = 0; c < commits; c += 1) {
      const ids = Array.from({ length: rowsPerCommit }, () => uuidv7());
      await db.query('BEGIN');
      await db.query(
        `INSERT INTO ${table} SELECT v, '000000', 'node:130000', 1, $2 FROM unnest($1::uuid[]) v`,
        [ids, raw],
      );
      await db.query('COMMIT');
    }
    const totalUs = Number(process.hrtime.bigint() - started) / 1000;
    const commitStarted = process.hrtime.bigint();
    for (let c = 0; c < 20; c += 1) {
      await db.query('BEGIN');
      await db.query(`INSERT INTO ${table} VALUES ($1, '000000', 'node:130000', 1, 'x')`, [
        uuidv7(),
      ]);
      await db.query('COMMIT');
    }
    const commitMs = Number(process.hrtime.bigint() - commitStarted) / 20 / 1e6;
    return {
      signUs,
      verifyUs,
      batchMemberUs,
      batchSignPerMemberUs,
      validateUs,
      rowUs: totalUs / (rowsPerCommit * commits),
      commitMs,
    };
  } finally {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.end();
  }
}
