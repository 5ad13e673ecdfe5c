import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { load, loadAll } from 'js-yaml';
import { createUser } from '@nats-io/nkeys';
import { ensureCa, natsServerConfig } from '@liandong/messaging';

/**
 * The packages under deploy/ for the people who install a node: the Kustomize overlays as
 * `kubectl kustomize` renders them (no cluster needed), the Compose file read as data (docker
 * compose is not installed on the test machine), the Dockerfile read line by line, the
 * systemd units through `systemd-analyze verify`, and the nats-server configurations through
 * `nats-server -t`.
 */
const root = join(__dirname, '..', '..', '..');
const deploy = (...parts: string[]) => join(root, 'deploy', ...parts);
const text = (path: string) => readFileSync(path, 'utf8');

/** The settings a node reads (apps/node/src/config/node.config.ts): its class's properties. */
const NODE_SETTINGS = new Set(
  [
    ...text(join(root, 'apps/node/src/config/node.config.ts')).matchAll(
      /^ {2}([A-Z][A-Z0-9_]+)[!?]?\s*[:=]/gm,
    ),
  ].map((m) => m[1]),
);

type Obj = Record<string, any>;
interface Manifest extends Obj {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
}

function render(overlay: string): Manifest[] {
  const out = execFileSync('kubectl', ['kustomize', deploy('k8s', 'overlays', overlay)], {
    encoding: 'utf8',
  });
  return (loadAll(out) as (Manifest | null)[]).filter((m): m is Manifest => m !== null);
}

const ofKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);
const named = (manifests: Manifest[], kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${manifests.map((m) => m.kind).join(', ')}`);
  return found;
};
const workloads = (manifests: Manifest[]) =>
  manifests.filter((m) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(m.kind));
const selects = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
const hostOf = (url: string) => new URL(url).hostname;
function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

/**
 * One `name { … }` block of a nats-server configuration (comments dropped), or undefined. The
 * configurations here have no `#` inside a value.
 */
function block(conf: string, name: string): string | undefined {
  const code = conf.replace(/(^|\s)#.*$/gm, '$1');
  const start = new RegExp(`(^|\\s)${name}\\s*(:\\s*)?\\{`).exec(code);
  if (!start) return undefined;
  let depth = 0;
  for (let i = start.index + start[0].length - 1; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return code.slice(start.index + start[0].length, i);
  }
  return undefined;
}
/** A setting `key: value` in a block (quotes dropped). */
const setting = (body: string | undefined, key: string) =>
  new RegExp(`(?:^|[\\s{,])${key}\\s*:\\s*"?([^",}\\s]+)"?`).exec(body ?? '')?.[1];

/**
 * What a leaf nats-server's configuration must say in this topology (protocol.md §4.3): a
 * JetStream domain of its own (not central's `hub`) on `store` (where its volume is mounted),
 * and a remote that joins the hub as a leaf-node user with a password in its URL, no
 * credentials file.
 */
function expectLeafTopology(conf: string, store: string) {
  const jetstream = block(conf, 'jetstream');
  expect(setting(jetstream, 'store_dir')).toMatch(new RegExp(`^${store}/`));
  const domain = setting(jetstream, 'domain');
  expect(domain).toMatch(/^leaf_\d{6}$/);
  const remotes = block(conf, 'leafnodes');
  const urls = [...(remotes ?? '').matchAll(/"(nats-leaf:\/\/[^"]+)"/g)].map((m) => new URL(m[1]));
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    expect(url.username).toMatch(/^leaf-\d{6}$/);
    expect(url.password.length).toBeGreaterThan(0);
  }
  expect(setting(remotes, 'account')).toBe('LIANDONG');
  expect(setting(block(remotes ?? '', 'tls'), 'ca_file')).toMatch(/^\/etc\/nats\//);
  expect(remotes).not.toMatch(/\bcredentials\s*:/);
  expect(conf).not.toMatch(/\.creds\b/);
}

const OVERLAYS = ['central', 'province', 'county'] as const;

describe('the Kustomize overlays (kubectl kustomize)', () => {
  const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, render(o)])) as Record<
    (typeof OVERLAYS)[number],
    Manifest[]
  >;

  describe.each(OVERLAYS)('%s', (overlay) => {
    const manifests = rendered[overlay];
    const node = named(manifests, 'Deployment', 'liandong-node');
    const pod = node.spec.template.spec;
    const container = pod.containers.find((c: Obj) => c.name === 'node');
    const env = named(manifests, 'ConfigMap', container.envFrom[0].configMapRef.name).data;

    it('gives every workload container probes, requests and limits, and a non-root read-only root', () => {
      expect(workloads(manifests).length).toBeGreaterThan(0);
      for (const workload of workloads(manifests)) {
        const spec = workload.spec.template.spec;
        for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
          const where = `${workload.kind} ${workload.metadata.name} container ${c.name}`;
          const init = (spec.initContainers ?? []).includes(c);
          if (!init) {
            expect({ where, http: Boolean(c.readinessProbe?.httpGet?.path) }).toEqual({
              where,
              http: true,
            });
            expect({ where, http: Boolean(c.livenessProbe?.httpGet?.path) }).toEqual({
              where,
              http: true,
            });
          }
          for (const part of ['requests', 'limits'])
            for (const resource of ['cpu', 'memory'])
              expect({ where, [part]: c.resources?.[part]?.[resource] }).toEqual({
                where,
                [part]: expect.anything(),
              });
          expect({
            where,
            runAsNonRoot: c.securityContext?.runAsNonRoot ?? spec.securityContext?.runAsNonRoot,
            runAsUser: c.securityContext?.runAsUser ?? spec.securityContext?.runAsUser,
            readOnlyRootFilesystem: c.securityContext?.readOnlyRootFilesystem,
            allowPrivilegeEscalation: c.securityContext?.allowPrivilegeEscalation,
          }).toEqual({
            where,
            runAsNonRoot: true,
            runAsUser: expect.any(Number),
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
          });
          expect(c.securityContext?.runAsUser ?? spec.securityContext?.runAsUser).not.toBe(0);
        }
      }
    });

    it('runs one node process, ready on /health at the port it listens on', () => {
      expect(node.spec.replicas).toBe(1);
      expect(node.spec.strategy?.type).toBe('Recreate');
      expect(container.readinessProbe.httpGet.path).toBe('/health');
      expect(container.startupProbe?.httpGet?.path).toBe('/health');
      const port = container.ports.find(
        (p: Obj) => p.name === container.readinessProbe.httpGet.port,
      );
      expect(port?.containerPort).toBe(Number(env.HTTP_PORT));
      expect(env.HTTP_HOST).toBe('0.0.0.0');
      // The migration step runs before the node, with the same image.
      expect(pod.initContainers.map((c: Obj) => c.command.join(' '))).toEqual([
        expect.stringContaining('dist/apps/node/src/migrate.js'),
      ]);
      const service = named(manifests, 'Service', 'liandong-node');
      expect(
        selects(service.spec.selector, pod.metadata?.labels ?? node.spec.template.metadata.labels),
      ).toBe(true);
    });

    it('mounts the identity file and the NKey seed from Secrets, read-only, where the settings name them', () => {
      const mounted = (setting: string) => {
        const path: string = env[setting];
        const mount = container.volumeMounts.find((m: Obj) => path.startsWith(`${m.mountPath}/`));
        expect({ setting, mount: mount?.name }).toEqual({ setting, mount: expect.any(String) });
        const volume = pod.volumes.find((v: Obj) => v.name === mount.name);
        expect(mount.readOnly).toBe(true);
        expect(volume.secret?.secretName).toEqual(expect.any(String));
        // The file is one of the Secret's items, and no one but the owner and group reads it.
        expect(volume.secret.items.map((i: Obj) => posix.join(mount.mountPath, i.path))).toContain(
          path,
        );
        expect(volume.secret.defaultMode & 0o007).toBe(0);
      };
      mounted('LIANDONG_IDENTITY_FILE');
      mounted('NATS_NKEY_SEED_FILE');
      expect(
        container.env.find((e: Obj) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef,
      ).toEqual(expect.objectContaining({ key: expect.any(String) }));
    });

    it('commits no Secret and sets only settings the node reads', () => {
      expect(ofKind(manifests, 'Secret')).toEqual([]);
      expect(Object.keys(env).filter((key) => !NODE_SETTINGS.has(key))).toEqual([]);
      expect(NODE_SETTINGS.has('NATS_URL')).toBe(true); // the pattern above still finds them
    });
  });

  it('central: a 3-server JetStream cluster with a headless Service, a PDB of 2 and volume claims', () => {
    const manifests = rendered.central;
    const nats = ofKind(manifests, 'StatefulSet');
    expect(nats.map((s) => [s.metadata.name, s.spec.replicas])).toEqual([['nats', 3]]);
    const sts = nats[0];
    const labels = sts.spec.template.metadata.labels;
    const headless = named(manifests, 'Service', sts.spec.serviceName);
    expect(headless.spec.clusterIP).toBe('None');
    expect(headless.spec.publishNotReadyAddresses).toBe(true);
    expect(selects(headless.spec.selector, labels)).toBe(true);

    const pdbs = ofKind(manifests, 'PodDisruptionBudget');
    expect(pdbs).toHaveLength(1);
    expect(pdbs[0].spec.minAvailable).toBe(2);
    expect(selects(pdbs[0].spec.selector.matchLabels, labels)).toBe(true);

    const claim = sts.spec.volumeClaimTemplates?.[0];
    expect(claim?.spec.resources.requests.storage).toMatch(/^\d+[GT]i$/);
    const server = sts.spec.template.spec.containers[0];
    const dataMount = server.volumeMounts.find((m: Obj) => m.name === claim.metadata.name);

    // The configuration the servers start with: JetStream on the claim, routes to all three.
    const configVolume = sts.spec.template.spec.volumes.find(
      (v: Obj) => v.name === server.volumeMounts.find((m: Obj) => m.mountPath === '/etc/nats').name,
    );
    const configMapName = configVolume.projected.sources.find((s: Obj) => s.configMap).configMap
      .name;
    const conf: string = named(manifests, 'ConfigMap', configMapName).data['nats.conf'];
    expect(server.args.join(' ')).toContain('/etc/nats/nats.conf');
    expect(conf).toMatch(new RegExp(`store_dir: ${dataMount.mountPath}/`));
    for (let i = 0; i < 3; i++)
      expect(conf).toContain(`nats://nats-${i}.${sts.spec.serviceName}:6222`);
    expect(conf).toMatch(/^server_name: \$POD_NAME$/m);
    expect(server.env.find((e: Obj) => e.name === 'POD_NAME')?.valueFrom.fieldRef.fieldPath).toBe(
      'metadata.name',
    );
    expect(conf).not.toMatch(/^\s*no_auth_user/m);
    expect(conf).toMatch(/^include "accounts\.conf"$/m);
    expect(configVolume.projected.sources.some((s: Obj) => s.secret?.name)).toBe(true);
    // JetStream domain hub (the nodes on leaf nodes name it for the key registry); the leaf
    // nodes' users and passwords included, like accounts.conf, from the Secret.
    expect(setting(block(conf, 'jetstream'), 'domain')).toBe('hub');
    const leafnodes = block(conf, 'leafnodes');
    expect(setting(leafnodes, 'listen')).toBe('0.0.0.0:7422');
    expect(leafnodes).toMatch(/^\s*include "leafnodes-users\.conf"$/m);
    expect(leafnodes).not.toMatch(/password/);

    // The node talks to the cluster's client Service, which selects the servers.
    const env = named(manifests, 'ConfigMap', 'liandong-node-env').data;
    const client = named(manifests, 'Service', hostOf(env.NATS_URL));
    expect(selects(client.spec.selector, labels)).toBe(true);
  });

  it('province: one leaf nats-server with a JetStream domain on a volume claim, joining the hub as a leaf-node user', () => {
    const manifests = rendered.province;
    const leaf = workloads(manifests).filter((w) => w.metadata.name !== 'liandong-node');
    expect(leaf.map((w) => [w.kind, w.spec.replicas])).toEqual([['StatefulSet', 1]]);
    const sts = leaf[0];
    const labels = sts.spec.template.metadata.labels;
    expect(selects(named(manifests, 'Service', sts.spec.serviceName).spec.selector, labels)).toBe(
      true,
    );
    const spec = sts.spec.template.spec;
    const server = spec.containers[0];
    expect(server.image).toMatch(/^nats:2\.10/);
    const claim = sts.spec.volumeClaimTemplates?.[0];
    expect(claim?.spec.resources.requests.storage).toMatch(/^\d+[GT]i$/);
    const dataMount = server.volumeMounts.find((m: Obj) => m.name === claim.metadata.name);
    expect(dataMount?.mountPath).toEqual(expect.any(String));

    // The configuration names the leaf-node user's password: the whole file is in a Secret
    // (none rendered: the operator creates it), mounted where the server reads it.
    expect(ofKind(manifests, 'ConfigMap').map((m) => m.metadata.name)).toEqual([
      'liandong-node-env',
    ]);
    const configMount = server.volumeMounts.find((m: Obj) => m.mountPath === '/etc/nats');
    expect(configMount?.readOnly).toBe(true);
    const configVolume = spec.volumes.find((v: Obj) => v.name === configMount.name);
    expect(configVolume.secret?.secretName).toBe('nats-leaf');
    expect(configVolume.secret.defaultMode & 0o007).toBe(0);
    expect(server.args).toEqual(['--config', '/etc/nats/leaf.conf']);

    // The example of that file (deploy/k8s/overlays/province/leaf.conf).
    const conf = text(deploy('k8s', 'overlays', 'province', 'leaf.conf'));
    expectLeafTopology(conf, dataMount.mountPath);
    // The kubelet probes the pod's address: monitoring must not listen on loopback only.
    expect(conf).toMatch(/^http: 0\.0\.0\.0:8222$/m);
    // Every file it names is in the Secret's mount.
    const files = [...conf.matchAll(/"(\/etc\/[^"]+)"/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !f.startsWith(`${configMount.mountPath}/`))).toEqual([]);
    // The probes wait for JetStream.
    expect(server.startupProbe?.httpGet?.path).toBe('/healthz?js-enabled-only=true');

    const env = named(manifests, 'ConfigMap', 'liandong-node-env').data;
    const service = named(manifests, 'Service', hostOf(env.NATS_URL));
    expect(selects(service.spec.selector, labels)).toBe(true);
    // The key registry is central's.
    expect(env.NATS_KEY_REGISTRY_DOMAIN).toBe('hub');
  });

  it('county: the node only, pointed at its parent’s leaf elsewhere', () => {
    const manifests = rendered.county;
    expect(workloads(manifests).map((w) => w.metadata.name)).toEqual(['liandong-node']);
    const images = workloads(manifests).flatMap((w) =>
      w.spec.template.spec.containers.map((c: Obj) => c.image),
    );
    expect(images.filter((i: string) => i.startsWith('nats'))).toEqual([]);
    const env = named(manifests, 'ConfigMap', 'liandong-node-env').data;
    const host = hostOf(env.NATS_URL);
    expect(manifests.filter((m) => m.kind === 'Service' && m.metadata.name === host)).toEqual([]);
    expect(host).toContain('.');
    // A leaf's node: the key registry is central's.
    expect(env.NATS_KEY_REGISTRY_DOMAIN).toBe('hub');
  });

  it('central: a node on the hub itself names no key-registry domain', () => {
    const env = named(rendered.central, 'ConfigMap', 'liandong-node-env').data;
    expect(env.NATS_KEY_REGISTRY_DOMAIN).toBeUndefined();
  });
});

describe('the Compose file of one office', () => {
  const dir = deploy('compose');
  const compose = load(text(join(dir, 'compose.yaml'))) as Obj;
  const services = Object.entries(compose.services as Record<string, Obj>);

  it('has the node, postgres:16 and a nats 2.10 leaf, each with a healthcheck and a restart policy', () => {
    expect(Object.fromEntries(services.map(([name, s]) => [name, s.image]))).toEqual({
      node: expect.stringContaining('liandong-node'),
      postgres: 'postgres:16',
      nats: expect.stringMatching(/^nats:2\.10/),
    });
    for (const [name, service] of services) {
      expect({ name, test: service.healthcheck?.test?.[0] }).toEqual({
        name,
        test: expect.stringMatching(/^CMD(-SHELL)?$/),
      });
      expect(service.healthcheck.disable).toBeUndefined();
      // Every word a string (an unquoted " : " in a command would make it a mapping).
      expect({ name, words: service.healthcheck.test.map((w: unknown) => typeof w) }).toEqual({
        name,
        words: service.healthcheck.test.map(() => 'string'),
      });
      expect({ name, restart: service.restart }).toEqual({
        name,
        restart: expect.stringMatching(/^(always|unless-stopped|on-failure)$/),
      });
    }
    expect(compose.services.node.healthcheck.test.join(' ')).toContain('/health');
  });

  it('declares every named volume, secret and config it uses; their files exist or are git-ignored', () => {
    const ignored = text(join(root, '.gitignore')).split('\n');
    for (const [name, service] of services) {
      for (const volume of (service.volumes ?? []) as string[]) {
        const source = volume.split(':')[0];
        if (source.startsWith('.') || source.startsWith('/')) continue;
        expect({ name, volume: source, declared: source in (compose.volumes ?? {}) }).toEqual({
          name,
          volume: source,
          declared: true,
        });
      }
      for (const kind of ['secrets', 'configs'] as const)
        for (const ref of (service[kind] ?? []) as (string | Obj)[]) {
          const source = typeof ref === 'string' ? ref : ref.source;
          const declared = compose[kind]?.[source];
          expect({ name, [kind]: source, declared: Boolean(declared?.file) }).toEqual({
            name,
            [kind]: source,
            declared: true,
          });
          const file = posix.normalize(posix.join('deploy/compose', declared.file));
          if (kind === 'configs') expect(existsSync(join(root, file))).toBe(true);
          else
            expect({
              file,
              ignored: ignored.some((rule) => rule && file.startsWith(rule)),
            }).toEqual({
              file,
              ignored: true,
            });
        }
      for (const [dependency, condition] of Object.entries((service.depends_on ?? {}) as Obj)) {
        expect(compose.services[dependency]).toBeDefined();
        expect(condition.condition).toBe('service_healthy');
      }
    }
  });

  it('gives the node its identity and seed as secret files and only settings it reads', () => {
    const node = compose.services.node;
    const targets = (node.secrets as Obj[]).map((s) => s.target);
    expect(targets).toContain(node.environment.LIANDONG_IDENTITY_FILE);
    expect(targets).toContain(node.environment.NATS_NKEY_SEED_FILE);
    expect(Object.keys(node.environment).filter((k) => !NODE_SETTINGS.has(k))).toEqual([]);
    expect(hostOf(node.environment.NATS_URL)).toBe('nats');
    expect(hostOf(node.environment.DATABASE_URL.replace(/\$\{[^}]*\}/g, 'x'))).toBe('postgres');
    // On the office's leaf, the key registry is central's (overridable in .env).
    expect(
      String(node.environment.NATS_KEY_REGISTRY_DOMAIN).replace(/^\$\{\w+:-([^}]*)\}$/, '$1'),
    ).toBe('hub');
  });

  it('keeps the leaf’s JetStream domain on a named volume and joins the hub as a leaf-node user', () => {
    const nats = compose.services.nats;
    const conf = text(join(dir, 'leaf.conf'));
    const store = (nats.volumes as string[])
      .map((v) => v.split(':'))
      .find(([source, target]) => source in (compose.volumes ?? {}) && target);
    expect(store?.[1]).toEqual(expect.stringMatching(/^\//));
    expectLeafTopology(conf, must(store, 'a named volume for the store')[1]);
    expect(nats.secrets.map((s: Obj) => s.source)).not.toContain('leaf_creds');
    expect(Object.keys(compose.secrets)).not.toContain('leaf_creds');
  });

  it('mounts every file leaf.conf names into the nats service', () => {
    const nats = compose.services.nats;
    const mounted = [...nats.secrets, ...(nats.configs ?? [])].map((m: Obj) => m.target);
    const conf = text(join(dir, 'leaf.conf'));
    // The configuration itself is a git-ignored secret (its remote URL holds a password).
    const leafConf = (nats.secrets as Obj[]).find((m) => m.source === 'leaf_conf');
    expect(compose.secrets.leaf_conf.file).toMatch(/^\.\/secrets\//);
    expect(nats.command.join(' ')).toContain(must(leafConf, 'the leaf_conf secret').target);
    const named = [...conf.matchAll(/"(\/etc\/nats\/[^"]+)"/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((path) => !mounted.includes(path))).toEqual([]);
    expect(conf).not.toMatch(/^\s*no_auth_user/m);
  });

  it('lists in .env.example every variable compose.yaml takes without a default', () => {
    const example = new Set(
      [...text(join(dir, '.env.example')).matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]),
    );
    const used = [...text(join(dir, 'compose.yaml')).matchAll(/\$\{([A-Z_][A-Z0-9_]*)(:?-)?/g)];
    const required = used.filter((m) => !m[2]).map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    expect([...new Set(required)].filter((v) => !example.has(v))).toEqual([]);
  });
});

/**
 * The nats-server configurations, through `nats-server -t` (config test mode: the file and
 * every file it includes or names are read and checked, nothing listens or is written) of the
 * nats-server the other broker tests run (2.9.10 here). On copies: the CA the leaf's remote
 * names becomes a CA made here, the placeholder NKey a real public key, the store a temporary
 * directory; central's Secret files are what `nats config` writes for that topology.
 */
describe('the nats-server configurations (nats-server -t)', () => {
  const NATS_SERVER = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';
  const testIt = existsSync(NATS_SERVER) ? it : it.skip;
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'liandong-nats-conf-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  function check(name: string, conf: string, env: Record<string, string> = {}) {
    const file = join(tmp, name);
    writeFileSync(file, conf);
    const result = spawnSync(NATS_SERVER, ['-c', file, '-t'], {
      encoding: 'utf8',
      cwd: tmp,
      env: { ...process.env, ...env },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
  }
  /** A leaf's example with the files it names and its placeholder replaced for this machine. */
  function leafCopy(path: string): string {
    const conf = text(path);
    expect(conf).toMatch(/"UPLACEHOLDER\w*"/);
    const ca = ensureCa(tmp).certFile;
    return conf
      .replace(/"\/etc\/nats\/hub-ca\.crt"/g, JSON.stringify(ca))
      .replace(/"\/data\/jetstream"/g, JSON.stringify(join(tmp, 'jetstream')))
      .replace(/"UPLACEHOLDER\w*"/g, JSON.stringify(createUser().getPublicKey()));
  }

  testIt('takes Compose’s leaf.conf', () => {
    const copy = leafCopy(deploy('compose', 'leaf.conf'));
    expect(copy).not.toMatch(/"\/etc\/nats\//);
    expect(check('compose-leaf.conf', copy)).toEqual({
      status: 0,
      output: expect.stringContaining('is valid'),
    });
  });

  testIt('takes the province’s leaf.conf', () => {
    const copy = leafCopy(deploy('k8s', 'overlays', 'province', 'leaf.conf'));
    expect(copy).not.toMatch(/"\/etc\/nats\//);
    expect(check('province-leaf.conf', copy)).toEqual({
      status: 0,
      output: expect.stringContaining('is valid'),
    });
  });

  testIt(
    'takes central’s nats.conf with the accounts and leaf-node users nats config writes',
    () => {
      const [configMap] = (
        loadAll(text(deploy('k8s', 'overlays', 'central', 'nats-configmap.yaml'))) as Obj[]
      ).filter((m) => m?.kind === 'ConfigMap');
      const conf = (configMap.data['nats.conf'] as string).replace(
        /store_dir: \S+/,
        `store_dir: ${JSON.stringify(join(tmp, 'central'))}`,
      );
      const written = natsServerConfig({
        federation: 'prod',
        listen: '0.0.0.0:4222',
        storeDir: '/data/jetstream',
        operatorPublicKey: createUser().getPublicKey(),
        nodes: [{ nodeId: '000000', publicKey: createUser().getPublicKey() }],
        leafnodes: {
          listen: '0.0.0.0:7422',
          users: [{ user: 'leaf-130000', password: 'a-password' }],
        },
        serverName: 'nats-0',
        jetstreamDomain: 'hub',
      });
      // As the Secret's files are made (overlays/central/kustomization.yaml): the accounts block,
      // and the authorization line of the leafnodes block.
      const accounts = must(/^accounts \{[\s\S]*?^\}$/m.exec(written)?.[0], 'an accounts block');
      const users = must(
        /^ {2}authorization \{ users: .*\}$/m.exec(written)?.[0],
        'the leaf-node users',
      );
      writeFileSync(join(tmp, 'accounts.conf'), `${accounts}\n`);
      writeFileSync(join(tmp, 'leafnodes-users.conf'), `${users.trim()}\n`);
      expect(check('nats.conf', conf, { POD_NAME: 'nats-0' })).toEqual({
        status: 0,
        output: expect.stringContaining('is valid'),
      });
      // The include is read: a field nats-server does not know there is refused.
      writeFileSync(
        join(tmp, 'leafnodes-users.conf'),
        `${users.trim().slice(0, -1)}, bogus: 1 }\n`,
      );
      expect(check('nats.conf', conf, { POD_NAME: 'nats-0' }).status).not.toBe(0);
    },
  );

  testIt('(the check catches a configuration nats-server would not take)', () => {
    const copy = leafCopy(deploy('compose', 'leaf.conf')).replace(
      'account: LIANDONG',
      'acount: LIANDONG',
    );
    expect(copy).toContain('acount');
    expect(check('broken-leaf.conf', copy)).toEqual({
      status: 1,
      output: expect.stringMatching(/unknown field "acount"/),
    });
  });
});

describe('the Dockerfile', () => {
  // One instruction per entry: continuation lines joined, comments dropped.
  const instructions = text(deploy('docker', 'Dockerfile'))
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, op, args] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
      return { op: op.toUpperCase(), args };
    });
  const stages: { from: string; name?: string; body: typeof instructions }[] = [];
  for (const i of instructions) {
    if (i.op === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(i.args) ?? [];
      stages.push({ from, name, body: [] });
    } else stages.at(-1)?.body.push(i);
  }
  const final = must(stages.at(-1), 'a FROM');
  const args = (stage: (typeof stages)[number], op: string) =>
    stage.body.filter((i) => i.op === op).map((i) => i.args);

  it('builds in one stage and runs node:20-bookworm-slim in another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(final.from).toBe('node:20-bookworm-slim');
    const build = stages.find((s) =>
      args(s, 'RUN').some((r) => r.includes('tsc -p tsconfig.build.json')),
    );
    expect(build).toBeDefined();
    expect(build).not.toBe(final);
    expect(args(must(build, 'a build stage'), 'RUN').join(' ')).toMatch(
      /npm ci[\s\S]*deploy\/scripts\/console-build\.sh/,
    );
    for (const copy of args(final, 'COPY').filter((c) => c.startsWith('--from='))) {
      const from = /^--from=(\S+)/.exec(copy)?.[1];
      expect(stages.slice(0, -1).map((s) => s.name)).toContain(from);
    }
    expect(args(final, 'COPY').join('\n')).toMatch(/dist\/console/);
    // Production dependencies only reach the runtime.
    const modules = args(final, 'COPY').find((c) => c.includes('node_modules'));
    const source = stages.find((s) => s.name === /^--from=(\S+)/.exec(modules ?? '')?.[1]);
    expect(args(must(source, 'the stage node_modules come from'), 'RUN').join(' ')).toMatch(
      /npm ci [^&]*--omit=dev/,
    );
    expect(args(final, 'COPY').filter((c) => /^\.\s/.test(c))).toEqual([]);
  });

  it('runs as a user that is not root, with a HEALTHCHECK on /health and the HTTP port exposed', () => {
    const user = must(args(final, 'USER').at(-1), 'a USER in the final stage');
    expect(user.split(':')[0]).not.toMatch(/^(root|0)$/);
    const healthcheck = args(final, 'HEALTHCHECK');
    expect(healthcheck).toHaveLength(1);
    expect(healthcheck[0]).toMatch(/CMD [\s\S]*\/health/);
    const port = /HTTP_PORT=(\d+)/.exec(args(final, 'ENV').join(' '))?.[1];
    expect(args(final, 'EXPOSE')).toEqual([port]);
    expect(args(final, 'CMD').join(' ')).toContain('dist/apps/node/src/main.js');
  });

  it('takes no secret at build time and keeps identities and seeds out of the context', () => {
    const settings = instructions.filter((i) => ['ENV', 'ARG'].includes(i.op)).map((i) => i.args);
    expect(settings.join(' ')).not.toMatch(/DATABASE_URL|PASSWORD|SEED=|NKEY_SEED_FILE=|TOKEN/);
    const ignored = text(join(root, '.dockerignore')).split('\n');
    for (const rule of ['.git', '**/node_modules', '.federation', '**/*.nk', '**/*.identity.json'])
      expect(ignored).toContain(rule);
  });
});

describe('the systemd units', () => {
  const dir = deploy('systemd');
  const unit = (name: string) => text(join(dir, name));
  /** A unit's settings, section by section: { Service: { User: ['liandong'], … } }. */
  function parse(source: string): Record<string, Record<string, string[]>> {
    const sections: Record<string, Record<string, string[]>> = {};
    let current: Record<string, string[]> | undefined;
    for (const line of source.split('\n')) {
      const section = /^\[(\w+)\]$/.exec(line.trim());
      if (section) current = sections[section[1]] = {};
      const setting = /^(\w+)=(.*)$/.exec(line);
      if (setting && current) (current[setting[1]] ??= []).push(setting[2]);
    }
    return sections;
  }

  it('runs a node per instance as liandong, from its own env file, hardened, restarted on failure', () => {
    const node = parse(unit('liandong-node@.service')).Service;
    expect(node.User).toEqual(['liandong']);
    expect(node.EnvironmentFile).toEqual(['/etc/liandong/%i.env']);
    expect(node.ExecStart[0]).toMatch(
      /^\/usr\/bin\/node -r \.\/deploy\/runtime\/paths\.js dist\/apps\/node\/src\/main\.js$/,
    );
    expect(node.Restart).toEqual(['on-failure']);
    for (const [name, value] of Object.entries({
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      PrivateTmp: 'yes',
    }))
      expect({ name, value: node[name] }).toEqual({ name, value: [value] });
    expect(node.ReadWritePaths?.[0]).toMatch(/^\/var\/lib\/liandong\/%i$/);
    expect(node.StateDirectory).toEqual(['liandong/%i']);
    const nats = parse(unit('liandong-nats.service')).Service;
    expect(nats.ExecStart[0]).toMatch(/nats-server --config \S+/);
    expect(nats.User?.[0]).not.toMatch(/^(root|0)?$/);
    expect(nats.Restart).toEqual(['on-failure']);
    expect(nats.ProtectSystem).toEqual(['strict']);
  });

  /**
   * `systemd-analyze verify` (no running systemd needed) on copies of the units: it fails on a
   * missing executable and prints a line about every setting it cannot take. The programs
   * the units expect from packages (Debian's nats-server in /usr/sbin, Node.js) may be missing on
   * the test machine, so where one of those is missing the copy runs /bin/true
   * instead; every other program and setting is checked as written.
   */
  const PACKAGED = ['/usr/sbin/nats-server', '/usr/bin/node'];
  const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  const verifyIt = analyze.status === 0 ? it : it.skip;
  function verify(files: Record<string, string>): { status: number | null; output: string } {
    const tmp = mkdtempSync(join(tmpdir(), 'liandong-units-'));
    try {
      for (const [name, source] of Object.entries(files))
        writeFileSync(
          join(tmp, name),
          source.replace(/^(Exec\w+=)(\/\S+)/gm, (line, key: string, program: string) =>
            PACKAGED.includes(program) && !existsSync(program) ? `${key}/bin/true` : line,
          ),
        );
      const units = Object.keys(files).map((name) =>
        join(tmp, name.replace('@.service', '@130121.service')),
      );
      const result = spawnSync('systemd-analyze', ['verify', ...units], { encoding: 'utf8' });
      return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  verifyIt('pass systemd-analyze verify without a warning', () => {
    expect(
      verify({
        'liandong-node@.service': unit('liandong-node@.service'),
        'liandong-nats.service': unit('liandong-nats.service'),
      }),
    ).toEqual({ status: 0, output: '' });
  });

  verifyIt('(the check catches a unit systemd would not take as written)', () => {
    const broken = unit('liandong-nats.service').replace(
      'ProtectSystem=strict',
      'ProtectSystm=strict',
    );
    expect(verify({ 'liandong-nats.service': broken }).output).toMatch(
      /Unknown key 'ProtectSystm'/,
    );
  });
});
