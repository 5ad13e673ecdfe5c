import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A certificate and its private key, as PEM files. */
export interface PemPair {
  certFile: string;
  keyFile: string;
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

/** A private certificate authority for the federation's broker (EC P-256, ten years). Kept if present. */
export function ensureCa(dir: string): PemPair {
  const pair = { certFile: join(dir, 'ca.crt'), keyFile: join(dir, 'ca.key') };
  if (existsSync(pair.certFile) && existsSync(pair.keyFile)) return pair;
  // prettier-ignore
  openssl([
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', pair.keyFile, '-out', pair.certFile, '-days', '3650',
    '-subj', '/CN=Liandong federation broker CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  chmodSync(pair.keyFile, 0o600);
  return pair;
}

/**
 * A certificate signed by the CA: for a server (its host names and addresses in
 * subjectAltName) or a client (its common name: the node's code).
 */
export function issueTlsCertificate(
  ca: PemPair,
  dir: string,
  name: string,
  use: { server: string[] } | { client: true },
): PemPair {
  const pair = { certFile: join(dir, `${name}.crt`), keyFile: join(dir, `${name}.key`) };
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  const sans =
    'server' in use
      ? use.server.map((host) => (/^[\d.]+$|:/.test(host) ? `IP:${host}` : `DNS:${host}`))
      : [];
  writeFileSync(
    ext,
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      `extendedKeyUsage=${'server' in use ? 'serverAuth,clientAuth' : 'clientAuth'}`,
      ...(sans.length > 0 ? [`subjectAltName=${sans.join(',')}`] : []),
    ].join('\n'),
  );
  // prettier-ignore
  openssl([
    'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', pair.keyFile, '-out', csr, '-subj', `/CN=${name}`,
  ]);
  // prettier-ignore
  openssl([
    'x509', '-req', '-in', csr, '-CA', ca.certFile, '-CAkey', ca.keyFile, '-CAcreateserial',
    '-out', pair.certFile, '-days', '825', '-extfile', ext,
  ]);
  chmodSync(pair.keyFile, 0o600);
  return pair;
}
