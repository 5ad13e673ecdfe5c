import { Client } from 'pg';
import {
  AuditVerification,
  AuditWitnessMark,
  readAuditChain,
  verifyAuditChain,
} from '@liandong/messaging';

/**
 * `audit verify`: reads a node's chain straight from its database (not through its API,
 * which a compromised node could bend) and checks it against the heads its parent
 * witnessed, fetched from the parent's API.
 */
export async function verifyNodeAudit(
  nodeId: string,
  databaseUrl: string,
  parentUrl?: string,
  token?: string,
): Promise<AuditVerification> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows, head } = await readAuditChain({
      query: async (sql: string, parameters?: unknown[]) =>
        (await client.query(sql, parameters)).rows,
    });
    let witnesses: AuditWitnessMark[] = [];
    if (parentUrl) {
      const response = await fetch(`${parentUrl}/audit/witnesses/${nodeId}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok)
        throw new Error(
          `the parent at ${parentUrl} answered ${response.status} for the witnesses of ${nodeId}`,
        );
      witnesses = (await response.json()) as AuditWitnessMark[];
    }
    return verifyAuditChain(rows, head, witnesses);
  } finally {
    await client.end();
  }
}
