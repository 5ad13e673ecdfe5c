import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdentityBundle, verifyKeyChain } from '@liandong/protocol';
import { certify, createRequest, createRoot } from '../src/keys';

describe('operator key commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liandong-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => join(dir, name);
  const read = (name: string) => JSON.parse(readFileSync(file(name), 'utf8')) as IdentityBundle;

  beforeAll(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));

  it('certifies a province and a city under central; the chain verifies to the root', async () => {
    createRoot(file('central.json'));
    createRequest(
      { nodeId: '130000', name: '河北省', tier: 'provincial', parentId: '000000' },
      file('130000.req.json'),
    );
    certify(file('130000.req.json'), file('central.json'), file('130000.json'));
    createRequest(
      { nodeId: '130100', name: '石家庄市', tier: 'municipal', parentId: '130000' },
      file('130100.req.json'),
    );
    certify(file('130100.req.json'), file('130000.json'), file('130100.json'));

    const city = read('130100.json');
    const registry = new Map([...city.chain].map((cert) => [cert.keyId, cert]));
    const verified = await verifyKeyChain(
      city.key.keyId,
      async (id) => registry.get(id),
      read('central.json').rootPublicKey,
      new Date(),
    );
    expect(verified.path).toEqual(['000000', '130000', '130100']);
    expect(statSync(file('130100.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses to certify a request that names another parent', () => {
    createRequest(
      { nodeId: '130200', name: '唐山市', tier: 'municipal', parentId: '130000' },
      file('130200.req.json'),
    );
    expect(() =>
      certify(file('130200.req.json'), file('central.json'), file('130200.json')),
    ).toThrow(/names parent 130000/);
  });
});
