import { createHash } from 'node:crypto';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** An audit row as the verifier reads it: text renderings made by PostgreSQL itself. */
export interface AuditChainRow {
  seq: string;
  occurred: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHead {
  seq: string;
  hash: string;
}

export interface AuditWitnessMark {
  seq: number;
  hash: string;
}

export interface AuditProblem {
  seq: number;
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string };
  witnessesChecked: number;
  problems: AuditProblem[];
}

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** Reads a node's whole chain and its head straight from its database. */
export async function readAuditChain(
  db: Queryable,
): Promise<{ rows: AuditChainRow[]; head: AuditChainHead }> {
  const rows: AuditChainRow[] = await db.query(
    // Ordered by the bigint column (a.seq), not by the text alias, which would sort 10 before 2.
    `SELECT a.seq::text AS seq, to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred,
            a.actor, a.action, a.subject_type, a.subject_id, a.detail::text AS detail, a.prev_hash, a.hash
     FROM audit_entry a ORDER BY a.seq, a.id`,
  );
  const [head]: AuditChainHead[] = await db.query(
    `SELECT seq::text AS seq, hash FROM audit_head WHERE id = 1`,
  );
  return { rows, head: head ?? { seq: '0', hash: AUDIT_GENESIS_HASH } };
}

const lp = (value: string) => `${Buffer.byteLength(value, 'utf8')}:${value}`;

/** The hash of an audit row, computed here independently of the database's trigger. */
export function auditRowHash(row: AuditChainRow): string {
  const input =
    'liandong-audit-v1' +
    [
      row.seq,
      row.occurred,
      row.actor,
      row.action,
      row.subject_type,
      row.subject_id,
      row.detail,
      row.prev_hash,
    ]
      .map(lp)
      .join('');
  return createHash('sha256').update(input, 'utf8').digest('hex');
}

/**
 * Checks a chain: positions 1, 2, 3 … without gaps, each row linked to the previous
 * row's hash, each hash recomputed from the row's content, the head at the last row,
 * and every witnessed (seq, hash) still there unchanged.
 */
export function verifyAuditChain(
  rows: AuditChainRow[],
  head: AuditChainHead,
  witnesses: AuditWitnessMark[] = [],
): AuditVerification {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let previousHash = AUDIT_GENESIS_HASH;
  const bySeq = new Map<number, AuditChainRow>();
  for (const row of rows) {
    const seq = Number(row.seq);
    if (bySeq.has(seq)) problems.push({ seq, problem: `entry ${seq} appears twice` });
    bySeq.set(seq, row);
    if (seq !== expectedSeq) {
      problems.push({
        seq,
        problem:
          seq > expectedSeq
            ? `entries ${expectedSeq}–${seq - 1} are missing`
            : `entry ${seq} is out of place`,
      });
    }
    if (row.prev_hash !== previousHash)
      problems.push({ seq, problem: `entry ${seq} does not link to the entry before it` });
    if (auditRowHash(row) !== row.hash)
      problems.push({
        seq,
        problem: `entry ${seq} was altered: its content does not match its hash`,
      });
    expectedSeq = seq + 1;
    previousHash = row.hash;
  }
  const last = rows[rows.length - 1];
  const lastSeq = last ? Number(last.seq) : 0;
  if (Number(head.seq) !== lastSeq || head.hash !== (last?.hash ?? AUDIT_GENESIS_HASH)) {
    problems.push({
      seq: Number(head.seq),
      problem: `the chain head says entry ${head.seq} but the last entry is ${lastSeq}`,
    });
  }
  for (const witness of witnesses) {
    const row = bySeq.get(witness.seq);
    if (!row)
      problems.push({
        seq: witness.seq,
        problem: `entry ${witness.seq}, witnessed by the parent, is gone`,
      });
    else if (row.hash !== witness.hash)
      problems.push({
        seq: witness.seq,
        problem: `entry ${witness.seq} differs from what the parent witnessed`,
      });
  }
  return {
    ok: problems.length === 0,
    entries: rows.length,
    head: { seq: Number(head.seq), hash: head.hash },
    witnessesChecked: witnesses.length,
    problems,
  };
}
