import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BODIES, IdentityBundle, verifyKeyChain } from '@liandong/protocol';
import { accept, addBodyKeys, certify, createRequest, createRoot } from '../src/keys';

describe('operator key commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liandong-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => join(dir, name);
  const text = (name: string) => readFileSync(file(name), 'utf8');
  const read = (name: string) => JSON.parse(text(name)) as IdentityBundle;

  beforeAll(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));

  /** request at the node, certify at the parent, accept at the node. */
  function ceremony(node: string, name: string, tier: 'provincial' | 'municipal', parent: string) {
    createRequest(
      { nodeId: node, name, tier, parentId: parent === 'central' ? '000000' : parent },
      file(`${node}.identity.json`),
      file(`${node}.request.json`),
    );
    certify(
      file(`${node}.request.json`),
      file(parent === 'central' ? 'central.json' : `${parent}.identity.json`),
      file(`${node}.certificate.json`),
    );
    accept(file(`${node}.identity.json`), file(`${node}.certificate.json`));
  }

  it('certifies a province and a city under central; the chain verifies to the root', async () => {
    createRoot(file('central.json'));
    ceremony('130000', '河北省', 'provincial', 'central');
    ceremony('130100', '石家庄市', 'municipal', '130000');

    const city = read('130100.identity.json');
    const registry = new Map([...city.chain].map((cert) => [cert.keyId, cert]));
    const verified = await verifyKeyChain(
      city.key.keyId,
      '130100',
      async (id) => registry.get(id),
      read('central.json').rootPublicKey,
      new Date(),
    );
    expect(verified.path).toEqual(['000000', '130000', '130100']);
    expect(statSync(file('130100.identity.json')).mode & 0o777).toBe(0o600);
    // The identity holds the receiving bodies' keys: referrals sealed to them can reach it.
    expect(Object.keys(city.bodies ?? {}).sort()).toEqual([...BODIES].sort());
  });

  it('never hands a private key to the parent: the request and the certificate are public', () => {
    for (const name of ['130100.request.json', '130100.certificate.json']) {
      expect(text(name)).not.toMatch(/privateKey/);
      expect(statSync(file(name)).mode & 0o777).toBe(0o644);
    }
    // A file that holds a private key is refused by certify, whatever else it holds.
    writeFileSync(
      file('leaky.json'),
      JSON.stringify({ key: read('130100.identity.json').key, request: {} }),
    );
    expect(() =>
      certify(file('leaky.json'), file('130000.identity.json'), file('leaky.certificate.json')),
    ).toThrow(/holds a private key/);
  });

  it('refuses to certify a request that names another parent', () => {
    createRequest(
      { nodeId: '130200', name: '唐山市', tier: 'municipal', parentId: '130000' },
      file('130200.identity.json'),
      file('130200.request.json'),
    );
    expect(() =>
      certify(file('130200.request.json'), file('central.json'), file('130200.certificate.json')),
    ).toThrow(/names parent 130000/);
  });

  it('refuses a certificate for another key, and adds body keys to an identity without them', () => {
    expect(() => accept(file('130200.identity.json'), file('130100.certificate.json'))).toThrow(
      /another key/,
    );
    const old = read('130100.identity.json');
    delete old.bodies;
    writeFileSync(file('old.identity.json'), JSON.stringify(old));
    addBodyKeys(file('old.identity.json'));
    expect(Object.keys(read('old.identity.json').bodies ?? {}).sort()).toEqual([...BODIES].sort());
  });
});
