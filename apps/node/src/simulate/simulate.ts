import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { InProcessFederation } from '@liandong/local-federation';
import {
  adminDatabaseUrl,
  createDatabase,
  databaseUrl,
  dropDatabase,
} from '@liandong/local-services';
import { CENTRAL_NODE_ID, IdentityBundle, provisionTree } from '@liandong/protocol';
import { Client } from 'pg';
import { NODE_LAUNCHER } from '../launch';
import { poll } from '../bench/bench-support';
import { nationalTree, registryHolders } from './divisions';
import { registrySizes } from './light-registry';
import { LIGHT_SCHEMA } from './light-store';
import { HUB_DOMAIN, NationalBrokers, provinceOf } from './national-brokers';
import { alive, InProcessWorker, ProcessWorker, splitByProvince, Worker } from './simulate-hosts';
import { report, SimulationFigures } from './simulate-report';
import { count, envelopeCount } from './simulate-counts';

/** The national count of party organizations (党内统计公报, end of 2024: 525.0万个). */
export const NATIONAL_ORGANIZATIONS = 5_250_000;

const seconds = (from: number) => (Date.now() - from) / 1000;
const mib = (bytes: number) => bytes / 1024 ** 2;

/**
 * The national tree on this machine: central as a whole node (the app the offices run, in
 * this process), every other office as a light node on one of two light-host processes; a
 * nats-server of its own; the machine's PostgreSQL. Central issues a subtree directive to all,
 * every node acknowledges and reports; every county imports its registry and reports coverage
 * up the tree until central's totals equal the counties' sum.
 */
export interface SimulationOptions {
  /** The provinces to simulate (their codes); all 31 by default. */
  provinces?: string[];
  /** Party organizations in all the registries together. */
  organizations?: number;
  /** Light hosts as processes of their own (the default), or in this process (a test). */
  hosts?: 'processes' | 'in-process';
  /** How long each stage may take before the run fails (15 minutes by default). */
  stageTimeoutMs?: number;
  log?: (line: string) => void;
}

export async function simulate(options: SimulationOptions = {}): Promise<SimulationFigures> {
  const log = options.log ?? (() => undefined);
  const organizations = options.organizations ?? NATIONAL_ORGANIZATIONS;
  const stageMs = options.stageTimeoutMs ?? 900_000;
  const began = Date.now();
  const provinces = options.provinces;
  const tree = nationalTree().filter(
    (n) => !provinces || n.nodeId === CENTRAL_NODE_ID || provinces.includes(provinceOf(n.nodeId)),
  );
  const nodes: Record<string, number> = {};
  for (const n of tree) nodes[n.tier] = (nodes[n.tier] ?? 0) + 1;
  const bundles = provisionTree(tree);
  const name = `s${randomBytes(5).toString('hex')}`;
  const brokers = new NationalBrokers(name, tree);
  await brokers.start().catch(async (error: unknown) => {
    await brokers.stop();
    throw error;
  });
  const federation = new InProcessFederation({
    launcher: NODE_LAUNCHER,
    tree: tree.filter((n) => n.nodeId === CENTRAL_NODE_ID),
    bundles,
    federation: name,
    natsUrl: brokers.hub.url,
    messaging: {
      resendAfterMs: 60_000,
      streamMaxBytes: 512 * 1024 ** 2,
      streamRecipients: [CENTRAL_NODE_ID],
    },
  });

  const adminUrl = adminDatabaseUrl();
  const lightName = `ld_${federation.federation}_light`;
  const workers: Worker[] = [];
  const light = new Client({ connectionString: databaseUrl(adminUrl, lightName) });
  try {
    await federation.start();
    const centralDb = federation.dataSource(CENTRAL_NODE_ID);
    await createDatabase(adminUrl, lightName);
    await light.connect();
    await light.query(LIGHT_SCHEMA);
    for (const part of splitByProvince(tree))
      workers.push(
        options.hosts === 'in-process' ? new InProcessWorker(part) : new ProcessWorker(part),
      );
    await Promise.all(
      workers.map((w) =>
        w.ask(
          {
            cmd: 'start',
            options: {
              federation: federation.federation,
              brokers: Object.fromEntries(
                [...new Set(w.nodes.map((n) => provinceOf(n.nodeId)))].map((p) => [
                  p,
                  brokers.urlOf(p),
                ]),
              ),
              registryDomain: HUB_DOMAIN,
              databaseUrl: databaseUrl(adminUrl, lightName),
              bundles: w.nodes.map((n) => bundles.get(n.nodeId) as IdentityBundle),
            },
          },
          'started',
        ),
      ),
    );
    const setUpSeconds = seconds(began);
    log(
      `set up: ${tree.length} nodes, central started, light hosts started in ${setUpSeconds.toFixed(1)} s`,
    );
    const registering = Date.now();
    const descendants = tree.length - 1;
    // Registered, and central through everything it was sent (re-sends too), so that the
    // directive's figures are the directive's alone.
    await poll(
      'every node registered at central and at its parent, and central idle',
      async () =>
        alive(workers) &&
        (await brokers.centralIdle()) &&
        (await count(centralDb, `SELECT count(*) AS n FROM federation_node`)) === descendants &&
        (await count(
          light,
          `SELECT count(*) AS n FROM light_registration WHERE parent_id = node_id`,
        )) ===
          descendants - nodes.provincial,
      stageMs,
    );
    const registeredSeconds = seconds(registering);
    log(
      `registered: ${descendants} nodes at central and at their parents in ${registeredSeconds.toFixed(1)} s`,
    );

    const before = await envelopeCount(light, centralDb);
    const issued = Date.now();
    const { status, body } = await federation.http<{ id: string }>(
      CENTRAL_NODE_ID,
      'POST',
      '/directives',
      {
        title: '关于开展全国巡视巡察上下联动专项工作的通知',
        body: '各级巡视巡察机构要坚持上下联动，层层传导压力，确保全覆盖任务落实。',
        scope: 'subtree',
        reportDueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        issuedBy: '中央巡视办',
      },
    );
    if (status !== 201)
      throw new Error(`central refused the directive: ${status} ${JSON.stringify(body)}`);
    const directive = { applied: 0, receipted: 0, acknowledged: 0, reported: 0 };
    await poll(
      'every node to receive, acknowledge and report the directive',
      async () => {
        alive(workers);
        const at = seconds(issued);
        if (
          !directive.applied &&
          (await count(light, `SELECT count(*) AS n FROM light_directive WHERE directive_id = $1`, [
            body.id,
          ])) === descendants
        )
          directive.applied = at;
        const [row] = await centralDb.query(
          `SELECT count(received_at) AS r, count(acknowledged_at) AS a, count(reported_at) AS p
         FROM directive_recipient WHERE directive_id = $1`,
          [body.id],
        );
        if (!directive.receipted && Number(row.r) === descendants) directive.receipted = at;
        if (!directive.acknowledged && Number(row.a) === descendants) directive.acknowledged = at;
        if (!directive.reported && Number(row.p) === descendants) directive.reported = at;
        return Object.values(directive).every((v) => v > 0);
      },
      stageMs,
    );
    const afterDirective = await envelopeCount(light, centralDb);
    log(
      `directive to ${descendants} nodes: applied everywhere ${directive.applied.toFixed(1)} s, receipted at central ${directive.receipted.toFixed(1)} s, acknowledged ${directive.acknowledged.toFixed(1)} s, reported ${directive.reported.toFixed(1)} s`,
    );

    const counties = registryHolders(tree);
    const sizes = registrySizes(counties, organizations);
    const importing = Date.now();
    let importedAt = 0;
    const imports = workers.map((w) =>
      w.ask<{ rows: number }>({ cmd: 'import', sizes: [...sizes] }, 'imported'),
    );
    let sum: { organizations: number; covered: number } | undefined;
    void Promise.all(imports).then(async () => {
      importedAt = seconds(importing);
      // What the counties hold, counted from their rows: what central's totals must equal.
      [sum] = (
        await light.query(
          `SELECT count(*)::int AS organizations, count(*) FILTER (WHERE covered)::int AS covered
           FROM light_organization`,
        )
      ).rows;
    });
    let centralTotals = { organizations: 0, covered: 0 };
    await poll(
      'central coverage to equal the sum of the counties',
      async () => {
        alive(workers);
        if (!sum) return false;
        const { body: view } = await federation.http(CENTRAL_NODE_ID, 'GET', '/coverage');
        centralTotals = {
          organizations: view.subtree.organizations,
          covered: view.subtree.covered,
        };
        return (
          centralTotals.organizations === sum.organizations && centralTotals.covered === sum.covered
        );
      },
      stageMs,
    );
    const consistent = seconds(importing);
    const rows = (await Promise.all(imports)).reduce((a, r) => a + r.rows, 0);
    if (rows !== organizations) throw new Error(`imported ${rows} organizations`);
    const afterCoverage = await envelopeCount(light, centralDb);
    log(
      `registries: ${rows} organizations imported by ${counties.length} leaf offices (county-level divisions, and cities without counties) in ${importedAt.toFixed(1)} s; central's totals consistent after ${consistent.toFixed(1)} s`,
    );

    const stats = await Promise.all(
      workers.map((w) => w.ask<{ rss: number }>({ cmd: 'stats' }, 'stats')),
    );
    const lightHosts = stats.map((s) => mib(s.rss));
    const sizesMiB = async (name: string) =>
      mib(await count(light, `SELECT pg_database_size($1) AS n`, [name]));
    return {
      nodes,
      setUpSeconds,
      registeredSeconds,
      directive,
      registry: { rows, imported: importedAt, consistent },
      centralTotals,
      countyTotals: sum as { organizations: number; covered: number },
      memoryMiB: {
        central: mib(process.memoryUsage().rss),
        lightHosts,
        natsServers: brokers.residentMiB(),
        perLightNode: lightHosts.reduce((a, b) => a + b, 0) / (tree.length - 1),
      },
      databaseMiB: {
        central: await sizesMiB(federation.databaseName(CENTRAL_NODE_ID)),
        light: await sizesMiB(lightName),
      },
      envelopes: { directive: afterDirective - before, coverage: afterCoverage - afterDirective },
    };
  } finally {
    await Promise.all(workers.map((w) => w.ask({ cmd: 'stop' }, 'stopped').catch(() => w.kill())));
    await light.end().catch(() => undefined);
    await federation.stop().catch(() => undefined);
    await dropDatabase(adminUrl, lightName).catch(() => undefined);
    await brokers.stop();
  }
}

if (require.main === module) {
  void simulate({ log: (line) => console.log(line) }).then(
    (f) => {
      for (const line of report(f)) console.log(line);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
