import { nationalTree, registryHolders } from './divisions';

describe('the national tree of the simulation', () => {
  const tree = nationalTree();
  const ids = new Set(tree.map((n) => n.nodeId));
  const byId = new Map(tree.map((n) => [n.nodeId, n]));

  it('holds central, the 31 mainland provinces, 333 prefectures and the county-level divisions', () => {
    const count = (tier: string) => tree.filter((n) => n.tier === tier).length;
    expect(ids.size).toBe(tree.length);
    expect(count('central')).toBe(1);
    expect(count('provincial')).toBe(31);
    // 333 prefecture-level divisions, and the county-level ones placed directly under a province.
    expect(tree.filter((n) => n.tier === 'municipal' && n.nodeId.endsWith('00')).length).toBe(333);
    expect(tree.length - 1 - 31 - 333).toBe(2854);
  });

  it('gives every node a parent one tier above it, and leaves out statistical-only entries', () => {
    const depth = { central: 0, provincial: 1, municipal: 2, county: 3 } as Record<string, number>;
    for (const node of tree.filter((n) => n.parentId !== null)) {
      const parent = byId.get(node.parentId as string);
      expect(parent && depth[parent.tier] + 1).toBe(depth[node.tier]);
    }
    const names = tree.map((n) => n.name).join(' ');
    expect(names).not.toMatch(/开发区|高新区|工业园区|街道办事处/);
    expect(ids.has('110101')).toBe(true); // 东城区, a district of Beijing, under the province
    expect(byId.get('429004')?.parentId).toBe('420000'); // 仙桃市, 省直辖县级行政区划
    expect(ids.has('130171')).toBe(false); // 石家庄高新技术产业开发区
  });

  it('has the leaves of the tree hold the registries', () => {
    const holders = registryHolders(tree);
    expect(holders).toContain('441900'); // 东莞市: no county-level divisions below it
    expect(holders).not.toContain('130100');
    expect(holders.length).toBe(2854 + 4);
  });
});
