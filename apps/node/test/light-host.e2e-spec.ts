import { simulate } from '../src/simulate/simulate';

/**
 * The national simulation's light nodes (apps/node/src/simulate), on a tree small enough for
 * CI: central as a whole node, Beijing and Hainan as light nodes on two light hosts (in this
 * process), a hub nats-server and a leaf per province, the machine's PostgreSQL. What
 * `npm run simulate` shows at national size is checked here on every run: every light node
 * registers, takes central's subtree directive (verifying its signature and key chain),
 * forwards it down, acknowledges and reports; every leaf imports its registry and the coverage
 * reported up the tree equals, at central, the sum of the rows the leaves hold.
 */
describe('light nodes on light hosts (the simulation on two provinces)', () => {
  it('carry a directive to every node and back, and add up the registries at central', async () => {
    const organizations = 48_000;
    const figures = await simulate({
      provinces: ['110000', '460000'],
      organizations,
      hosts: 'in-process',
      stageTimeoutMs: 120_000,
    });

    expect(figures.nodes.central).toBe(1);
    expect(figures.nodes.provincial).toBe(2);
    // Beijing's 16 districts sit under the province; Hainan has cities with and without counties.
    expect(figures.nodes.municipal).toBeGreaterThan(16);
    expect(figures.nodes.county).toBeGreaterThan(0);
    for (const [stage, seconds] of Object.entries(figures.directive))
      expect({ stage, reached: seconds > 0 }).toEqual({ stage, reached: true });
    expect(figures.registry.rows).toBe(organizations);
    expect(figures.countyTotals.organizations).toBe(organizations);
    expect(figures.countyTotals.covered).toBeGreaterThan(0);
    expect(figures.centralTotals).toEqual(figures.countyTotals);
    // Each light node settled the directive and its receipts: at least one envelope per node
    // each way (the directive down, acknowledgement, report and receipts up).
    const lightNodes = figures.nodes.provincial + figures.nodes.municipal + figures.nodes.county;
    expect(figures.envelopes.directive).toBeGreaterThanOrEqual(4 * lightNodes);
  }, 300_000);
});
