// `npm run bench` (console part): what the console costs in Debian's Chromium, with a raw
// baseline measured in the same run. Not a test: it prints figures and asserts nothing.
//
// 1. The sign-in route: the JavaScript the browser fetches to show the sign-in page, gzipped
//    as a node sends it (aim: ≤ 300 KB).
// 2. A directive's status tree of 3,200 nodes (1 central, 34 provinces, 333 cities, 2,832
//    counties): from opening the directive's page (a signed-in tab, the scripts cached) until
//    the tree is drawn and a row answers a click (aim: ≤ 1 s), against the same 3,200 rows
//    written as plain DOM in the same browser.
//
// The built console is served from dist/console by a small static server; the API calls are
// answered by the page's request interception, so only the console is measured.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../../../dist/console');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPES = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
};
const ROUNDS = 5;

function serve() {
  const server = createServer((request, response) => {
    if (request.url === '/blank')
      return response.end('<!doctype html><meta charset="utf-8"><body></body>');
    const path = new URL(request.url, 'http://x').pathname.replace(/^\/console/, '');
    let file = join(ROOT, path);
    if (!file.startsWith(ROOT) || !existsSync(file) || path === '/' || !extname(path))
      file = join(ROOT, 'index.html');
    response.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    response.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** A national tree: central, 34 provinces, ~10 cities each, ~8.5 counties per city. */
function nationalStatus(size = 3200) {
  const nodes = [];
  const states = ['delivered', 'acknowledged', 'relayed', 'reported', 'not_delivered'];
  const add = (nodeId, name, tier, tierLabel, parentId, i) => {
    const state = states[i % states.length];
    const at = '2026-12-01T08:00:00.000Z';
    nodes.push({
      nodeId,
      name,
      tier,
      tierLabel,
      parentId,
      state,
      receivedAt: state === 'not_delivered' ? null : at,
      acknowledgedAt: ['acknowledged', 'relayed', 'reported'].includes(state) ? at : null,
      relayedAt: state === 'relayed' ? at : null,
      reportedAt: state === 'reported' ? at : null,
      received: state !== 'not_delivered',
      acknowledged: false,
      relayed: false,
      reported: state === 'reported',
      overdue: i % 17 === 0 && state !== 'reported',
      statusLabel: '',
      acknowledgedBy: null,
      reportSummary: null,
    });
  };
  let i = 0;
  const provinces = [];
  for (let p = 1; p <= 34; p++) provinces.push(`${String(p + 10).padStart(2, '0')}0000`);
  provinces.forEach((id) => add(id, `省${id}`, 'provincial', '省级', '000000', i++));
  const cities = [];
  for (let c = 0; c < 333; c++) {
    const province = provinces[c % 34];
    const id = `${province.slice(0, 2)}${String(Math.floor(c / 34) + 1).padStart(2, '0')}00`;
    cities.push(id);
    add(id, `市${id}`, 'municipal', '市级', province, i++);
  }
  for (let k = 0; nodes.length < size - 1; k++) {
    const city = cities[k % cities.length];
    const id = `${city.slice(0, 4)}${String(Math.floor(k / cities.length) + 1).padStart(2, '0')}`;
    add(id, `县${id}`, 'county', '县级', city, i++);
  }
  return nodes;
}

const directive = {
  id: '00000000-0000-4000-8000-000000000001',
  origin: 'issued',
  issuerNode: '000000',
  title: '关于开展新一轮巡视巡察工作的部署',
  body: '各地区要结合实际，制定本地区巡察工作计划。',
  scope: 'subtree',
  reportDueAt: '2027-01-20T15:59:59.000Z',
  parentDirectiveId: null,
  policies: [],
  issuedAt: '2026-12-01T08:00:00.000Z',
  receivedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  relayedDirectiveId: null,
  reportedAt: null,
  reportSummary: null,
  overdue: false,
  confidentialAnnexes: [],
};

async function answerApi(page, nodes) {
  const json = (body) => ({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify(body),
  });
  const answers = {
    '/federation/identity': {
      nodeId: '000000',
      name: '中央',
      tier: 'central',
      tierLabel: '中央',
      parentId: null,
      path: ['000000'],
    },
    '/auth/options': { oidc: null },
    '/workbench': { cards: [], items: [] },
    '/auth/refresh': {
      accessToken: 'a',
      accessTokenExpiresAt: '2099-01-01T00:00:00Z',
      refreshToken: 'r',
      refreshTokenExpiresAt: '2099-01-01T00:00:00Z',
    },
    '/auth/me': {
      id: 'u',
      username: 'office',
      displayName: '巡视办',
      roles: ['inspection_office'],
      roleLabels: ['巡视巡察办工作人员'],
      active: true,
    },
    [`/directives/${directive.id}`]: directive,
    [`/directives/${directive.id}/status`]: { directive, nodes, totals: {} },
  };
  await page.route(
    (url) => !url.pathname.startsWith('/console'),
    (route) => {
      const body = answers[new URL(route.request().url()).pathname];
      return body ? route.fulfill(json(body)) : route.fulfill({ status: 404, body: '{}' });
    },
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  if (!existsSync(join(ROOT, 'index.html')))
    throw new Error('dist/console is missing: run deploy/scripts/console-build.sh');
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    // 1. The sign-in route's JavaScript.
    const page = await browser.newPage();
    await answerApi(page, []);
    const scripts = new Map();
    page.on('response', async (response) => {
      if (response.url().endsWith('.js')) scripts.set(response.url(), await response.body());
    });
    await page.goto(`${base}/console/login`, { waitUntil: 'networkidle' });
    await page.locator('input[data-test=username]').waitFor();
    let raw = 0;
    let gzipped = 0;
    for (const body of scripts.values()) {
      raw += body.length;
      gzipped += gzipSync(body, { level: 6 }).length;
    }
    await page.close();
    console.log(
      `console sign-in route: ${scripts.size} scripts, ${(raw / 1024).toFixed(0)} KB, gzip ${(gzipped / 1024).toFixed(0)} KB (aim ≤ 300 KB)`,
    );

    // 2. The 3,200-node status tree, against plain DOM rows.
    const nodes = nationalStatus();
    const statusPath = `/directives/${directive.id}/status`;
    const fromOpen = [];
    const consoleTimes = [];
    const rawTimes = [];
    for (let round = 0; round < ROUNDS; round++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const tab = await context.newPage();
      await answerApi(tab, nodes);
      let arrived = 0;
      tab.on(
        'requestfinished',
        (request) => request.url().endsWith(statusPath) && (arrived = Date.now()),
      );
      await tab.goto(`${base}/console/login`);
      await tab.evaluate(() => sessionStorage.setItem('liandong.refresh', 'r'));
      const opened = Date.now();
      await tab.goto(`${base}/console/directives/${directive.id}`);
      await tab.locator('[data-test=status-tree] [data-node="110000"]').click();
      fromOpen.push(Date.now() - opened);
      consoleTimes.push(Date.now() - arrived);
      // The same rows as plain DOM: fetched, written, clicked.
      await tab.goto(`${base}/blank`);
      const rawStarted = Date.now();
      await tab.evaluate(async (path) => {
        const { nodes: rows } = await (await fetch(path)).json();
        const list = document.createElement('div');
        list.innerHTML = rows
          .map(
            (n) =>
              `<div data-raw="${n.nodeId}">${n.name}（${n.nodeId}） ${n.tierLabel} <span>${n.state}</span></div>`,
          )
          .join('');
        document.body.prepend(list);
      }, statusPath);
      await tab.locator('[data-raw="110000"]').click();
      rawTimes.push(Date.now() - Math.max(arrived, rawStarted));
      await context.close();
    }
    const consoleMs = median(consoleTimes);
    const rawMs = median(rawTimes);
    console.log(
      `console status tree of ${nodes.length + 1} nodes: from the page opening ${median(fromOpen)} ms; ` +
        `from the status arriving until drawn and answering a click ${consoleMs} ms (medians of ${ROUNDS}; aim ≤ 1000 ms)`,
    );
    console.log(
      `  the same rows as plain DOM: ${rawMs} ms; console / plain DOM ${(consoleMs / Math.max(rawMs, 1)).toFixed(1)}×`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
