export interface SimulationFigures {
  nodes: Record<string, number>;
  setUpSeconds: number;
  registeredSeconds: number;
  directive: { applied: number; receipted: number; acknowledged: number; reported: number };
  registry: { rows: number; imported: number; consistent: number };
  centralTotals: { organizations: number; covered: number };
  countyTotals: { organizations: number; covered: number };
  memoryMiB: { central: number; lightHosts: number[]; natsServers: number; perLightNode: number };
  databaseMiB: { central: number; light: number };
  envelopes: { directive: number; coverage: number };
}

/** The figures as the simulation prints them, and the one line the bench repeats. */
export function headline(f: SimulationFigures): string {
  const n = Object.values(f.nodes).reduce((a, b) => a + b, 0);
  return `national simulation: ${n} nodes; a subtree directive applied at every node in ${f.directive.applied.toFixed(1)} s, acknowledged at central by all in ${f.directive.acknowledged.toFixed(1)} s, reported in ${f.directive.reported.toFixed(1)} s; ${f.registry.rows.toLocaleString('en')} organizations imported and central's coverage equal to the counties' sum after ${f.registry.consistent.toFixed(1)} s`;
}

export function report(f: SimulationFigures): string[] {
  const hosts = f.memoryMiB.lightHosts.map((m) => m.toFixed(0)).join(' + ');
  return [
    headline(f),
    `  nodes by tier: ${Object.entries(f.nodes)
      .map(([tier, k]) => `${tier} ${k}`)
      .join(
        ', ',
      )} (the county-level divisions placed directly under a province sit at the municipal tier)`,
    `  set-up ${f.setUpSeconds.toFixed(1)} s (32 nats-servers, central, 2 light hosts, consumers and certificates); every node registered at central and its parent in ${f.registeredSeconds.toFixed(1)} s`,
    `  directive: applied everywhere ${f.directive.applied.toFixed(1)} s, receipts from all at central ${f.directive.receipted.toFixed(1)} s, acknowledged ${f.directive.acknowledged.toFixed(1)} s, reported ${f.directive.reported.toFixed(1)} s; ${f.envelopes.directive} envelopes settled = ${(f.envelopes.directive / f.directive.reported).toFixed(0)}/s`,
    `  registries: ${f.registry.rows.toLocaleString('en')} rows imported in ${f.registry.imported.toFixed(1)} s; central's totals (${f.centralTotals.organizations.toLocaleString('en')} organizations, ${f.centralTotals.covered.toLocaleString('en')} covered) equal the counties' (${f.countyTotals.organizations.toLocaleString('en')}, ${f.countyTotals.covered.toLocaleString('en')}) after ${f.registry.consistent.toFixed(1)} s; ${f.envelopes.coverage} envelopes`,
    `  memory (resident): central's process ${f.memoryMiB.central.toFixed(0)} MiB, light hosts ${hosts} MiB (${(f.memoryMiB.perLightNode * 1024).toFixed(0)} KiB per light node), nats-servers ${f.memoryMiB.natsServers.toFixed(0)} MiB; databases: central ${f.databaseMiB.central.toFixed(0)} MiB, light nodes ${f.databaseMiB.light.toFixed(0)} MiB`,
  ];
}
