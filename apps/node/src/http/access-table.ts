import { ROLE_LABELS, Role, ROLES } from '@liandong/access';

interface Operation {
  summary?: string;
  'x-access'?: 'public' | 'authenticated' | Role[];
}
export interface OpenApiPaths {
  paths: Record<string, Record<string, Operation>>;
}

/** Who may call one route, as read from the OpenAPI document's `x-access`. */
export interface RouteAccessRow {
  route: string;
  summary: string;
  /** `public`, `authenticated`, or the roles (in the order of ROLES). */
  access: 'public' | 'authenticated' | Role[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every route of the document with its access rule, ordered by path then method. */
export function routeAccess(document: OpenApiPaths): RouteAccessRow[] {
  const rows: RouteAccessRow[] = [];
  for (const [path, operations] of Object.entries(document.paths))
    for (const method of METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      const rule = operation['x-access'];
      rows.push({
        route: `${method.toUpperCase()} ${path}`,
        summary: operation.summary ?? '',
        access:
          rule === 'public' || rule === 'authenticated'
            ? rule
            : ROLES.filter((role) => (rule ?? []).includes(role)),
      });
    }
  return rows.sort((a, b) => a.route.split(' ')[1].localeCompare(b.route.split(' ')[1]));
}

/** The access column as docs/security.md writes it. */
export function accessText(access: RouteAccessRow['access']): string {
  if (access === 'public') return '无需登录 (public)';
  if (access === 'authenticated') return '任何已登录用户 (any signed-in user)';
  return access.map((role) => `\`${role}\` ${ROLE_LABELS[role]}`).join('、');
}

/** The route table of docs/security.md (“Every route and who may call it”), as Markdown. */
export function accessTable(document: OpenApiPaths): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '| route | what | who may call it |',
    '| --- | --- | --- |',
    ...routeAccess(document).map(
      (row) => `| \`${row.route}\` | ${escape(row.summary)} | ${accessText(row.access)} |`,
    ),
  ].join('\n');
}

/** Reads the table back from Markdown: route → access text, for comparing with the document. */
export function parseAccessTable(markdown: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim());
    const route = /^`([A-Z]+ \/[^`]*)`$/.exec(cells[0] ?? '')?.[1];
    if (route && cells.length === 3) rows.set(route, cells[2]);
  }
  return rows;
}
