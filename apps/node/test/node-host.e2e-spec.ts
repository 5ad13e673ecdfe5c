import { request as httpRequest } from 'node:http';
import { NODE_LAUNCHER } from '../src/launch';
import { InProcessFederation } from '@liandong/local-federation';
import { generateSigningKeyPair } from '@liandong/protocol';
import { craft, deadLetterFor, HEBEI_SAMPLE_TREE, publishEnvelope, waitFor } from './support';

const CENTRAL = '000000';
const PROVINCE = '130000';

/** A GET on the host's shared port with the Host header given (fetch does not let one set it). */
function getWithHost(
  origin: string,
  host: string,
  path: string,
  token?: string,
): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        hostname,
        port,
        path,
        method: 'GET',
        headers: { host, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('one host, many nodes (集约化部署): two nodes behind one port', () => {
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: HEBEI_SAMPLE_TREE.slice(0, 2),
    env: { LOG_LEVEL: 'warn' },
  });
  let origin: string;
  const lines: string[] = [];
  let write: jest.SpyInstance;

  beforeAll(async () => {
    write = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write);
    await federation.start();
    origin = new URL(federation.node(CENTRAL).apiUrl as string).origin;
  });
  afterAll(async () => {
    write.mockRestore();
    await federation.stop();
  });

  it('serves both nodes from one port', () => {
    expect(new URL(federation.node(PROVINCE).apiUrl as string).origin).toBe(origin);
    expect(federation.node(CENTRAL).apiUrl).toBe(`${origin}/nodes/${CENTRAL}`);
  });

  it('reaches each node by path prefix, each answering with its own identity', async () => {
    for (const nodeId of [CENTRAL, PROVINCE]) {
      const response = await fetch(`${origin}/nodes/${nodeId}/federation/identity`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { nodeId: string }).nodeId).toBe(nodeId);
      const health = await fetch(`${origin}/nodes/${nodeId}/health`);
      expect(health.status).toBe(200);
    }
  });

  it('reaches each node by the Host header’s first label', async () => {
    for (const nodeId of [CENTRAL, PROVINCE]) {
      const { status, body } = await getWithHost(
        origin,
        `${nodeId}.liandong.example`,
        '/federation/identity',
      );
      expect(status).toBe(200);
      expect(body.nodeId).toBe(nodeId);
    }
    const withPort = await getWithHost(
      origin,
      `${PROVINCE}:${new URL(origin).port}`,
      '/federation/identity',
    );
    expect(withPort.body.nodeId).toBe(PROVINCE);
  });

  it('refuses a token of one node at the other', async () => {
    const centralToken = federation.node(CENTRAL).token as string;
    const provinceToken = federation.node(PROVINCE).token as string;
    const own = await federation.httpAs(CENTRAL, centralToken, 'GET', '/federation/nodes');
    expect(own.status).toBe(200);
    const other = await federation.httpAs(PROVINCE, centralToken, 'GET', '/federation/nodes');
    expect(other.status).toBe(401);
    const byHost = await getWithHost(
      origin,
      `${CENTRAL}.liandong.example`,
      '/federation/nodes',
      provinceToken,
    );
    expect(byHost.status).toBe(401);
  });

  it('answers 404 in Chinese and English for a node it does not serve', async () => {
    const byPrefix = await fetch(`${origin}/nodes/130100/health`);
    expect(byPrefix.status).toBe(404);
    const body = (await byPrefix.json()) as { error: string; message: string; messageEn: string };
    expect(body.error).toBe('NODE_NOT_FOUND');
    expect(body.message).toContain('130100');
    expect(body.messageEn).toContain('130100');
    const byHost = await getWithHost(origin, '130100.liandong.example', '/health');
    expect(byHost.status).toBe(404);
    const none = await getWithHost(origin, 'liandong.example', '/health');
    expect(none.status).toBe(404);
    expect(none.body.messageEn).toContain('/nodes/');
  });

  it('names the right node in the log lines of work that runs later (a consumer’s refusal)', async () => {
    // Central was created first: with Nest's one static logger per process, its lines would
    // carry the last node created (130000).
    // A forgery (signed with a key nobody certified): refused at admission, logged as a warning.
    const forged = craft(federation, {
      issuer: PROVINCE,
      audience: `node:${CENTRAL}`,
      seq: 1,
      key: generateSigningKeyPair(),
    });
    await publishEnvelope(federation, forged, PROVINCE);
    await deadLetterFor(federation, CENTRAL, forged.id);
    const refused = await waitFor('the refusal in the log', async () => {
      const found = lines
        .flatMap((chunk) => chunk.split('\n'))
        .filter((line) => line.includes('envelope refused'))
        .map((line) => JSON.parse(line) as { node: string; msg: string });
      return found.length > 0 ? found : undefined;
    });
    expect(refused.map((line) => line.node)).toEqual(refused.map(() => CENTRAL));
  });

  it('stops one node without the other: the shared port answers 404 for it only', async () => {
    await federation.stopNode(PROVINCE);
    expect((await fetch(`${origin}/nodes/${PROVINCE}/health`)).status).toBe(404);
    expect((await fetch(`${origin}/nodes/${CENTRAL}/health`)).status).toBe(200);
    await federation.startNode(PROVINCE);
    expect((await fetch(`${origin}/nodes/${PROVINCE}/health`)).status).toBe(200);
  });
});
