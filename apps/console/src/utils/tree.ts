/** Rows with a parent id as a tree (children under their parent; orphans at the top). */
export function nest<T extends { nodeId: string; parentId: string | null }>(
  rows: T[],
): (T & { children: unknown[] })[] {
  const byId = new Map(rows.map((row) => [row.nodeId, { ...row, children: [] as unknown[] }]));
  const roots: (T & { children: unknown[] })[] = [];
  for (const row of byId.values()) {
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    if (parent) parent.children.push(row);
    else roots.push(row);
  }
  return roots;
}
