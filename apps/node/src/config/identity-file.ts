import { readFileSync } from 'node:fs';
import { identityFromChain, NodeIdentity } from '@liandong/messaging';
import { IdentityBundle } from '@liandong/protocol';

/** The file the operator CLI writes for a node (an IdentityBundle). The private key never leaves it. */
export type IdentityFile = IdentityBundle;

export function readIdentityFile(path: string): NodeIdentity {
  let parsed: IdentityFile;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as IdentityFile;
  } catch (error) {
    throw new Error(
      `cannot read identity file ${path}: ${(error as Error).message}; create it with "npm run cli -- keys ..."`,
      { cause: error },
    );
  }
  return identityFromChain(parsed.key, parsed.chain, parsed.rootPublicKey, parsed.bodies ?? {});
}
