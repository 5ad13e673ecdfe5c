import { TIER_LABELS, Tier } from '@liandong/protocol';
import { waitFor } from '@liandong/local-services';
import { FederationState, readCredentials, signIn } from './local-federation';
import { runPlanningDemo } from './demo-planning';
import { runRectificationDemo } from './demo-rectification';
import { runExchangeDemo } from './demo-exchange';
import { runCentralUnitDemo } from './demo-central-unit';
import { runOversightDemo } from './demo-oversight';
import { runStatisticsDemo } from './demo-statistics';
import { renderTable } from './table';

export interface Http {
  (method: string, path: string, body?: unknown, type?: string): Promise<any>;
}

export function client(url: string, token: string): Http {
  return async (method, path, body, type = 'application/json') => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': type }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (response.status >= 400)
      throw new Error(`${method} ${url}${path} → ${response.status}: ${text}`);
    return parsed;
  };
}

const days = (n: number) => new Date(Date.now() + n * 24 * 3600_000).toISOString();

/**
 * The scripted showcase: central issues a directive to its whole subtree (with a policy
 * change), every node acknowledges (签收), 石家庄市 relays it to its counties with
 * requirements of its own (层层传导), the tiers below report (落实情况), and central
 * watches its status table fill in. Returns true when everything arrived.
 */
export async function runDemo(
  state: FederationState,
  log: (line: string) => void = console.log,
): Promise<boolean> {
  // Each office signs in to its own node as its clerk (用户 office).
  const credentials = readCredentials();
  const clients = new Map<string, Http>();
  for (const node of state.nodes) {
    clients.set(
      node.nodeId,
      client(node.url, await signIn(node.url, 'office', credentials[node.nodeId].office)),
    );
  }
  const on = (nodeId: string): Http => {
    const http = clients.get(nodeId);
    if (!http) throw new Error(`the federation has no node ${nodeId}`);
    return http;
  };
  const central = { http: on('000000') };
  const below = state.nodes.filter((n) => n.nodeId !== '000000');
  const counties = state.nodes.filter((n) => n.tier === 'county');
  const municipal = state.nodes.find((n) => n.tier === 'municipal');

  log('1. 等待各节点向上级登记 waiting until central knows every node of its subtree');
  await waitFor(
    'registrations at central',
    async () => {
      const known = new Set(
        ((await central.http('GET', '/federation/nodes')) as Array<{ nodeId: string }>).map(
          (n) => n.nodeId,
        ),
      );
      return below.every((n) => known.has(n.nodeId));
    },
    { timeoutMs: 60_000 },
  );

  log(
    '2. 中央下达部署 central issues a directive to its whole subtree, raising the rectification report deadline to 3 months from 2026-12-01',
  );
  const directive = await central.http('POST', '/directives', {
    title: '关于做好新一轮巡视巡察上下联动工作的部署',
    body: '各级巡视巡察机构要坚持上下联动，层层传导压力，确保全覆盖任务落实。',
    scope: 'subtree',
    reportDueAt: days(30),
    issuedBy: '中央巡视办 演示',
    policies: [
      { key: 'rectification.progress_report_months', value: 3, effectiveFrom: '2026-12-01' },
    ],
  });
  log(`   directive ${directive.id}`);

  log('3. 各节点签收 every node acknowledges');
  for (const node of below) {
    const http = on(node.nodeId);
    await waitFor(
      `${node.name} to receive the directive`,
      async () =>
        (await http('GET', `/directives/${directive.id}`).catch(() => undefined)) !== undefined,
      { timeoutMs: 60_000 },
    );
    await http('POST', `/directives/${directive.id}/acknowledge`, {
      acknowledgedBy: `${node.name}巡视巡察办`,
    });
    log(`   ${node.name} 已签收`);
  }

  let relayedId: string | undefined;
  if (municipal) {
    log(
      `4. ${municipal.name}转发并提出本地要求 the municipal node relays it to its counties (层层传导)`,
    );
    const relayed = await on(municipal.nodeId)('POST', `/directives/${directive.id}/relay`, {
      requirements: `${municipal.name}要求各县（市、区）在20日内制定本地区巡察工作计划并报市委巡察办。`,
      scope: 'children',
      reportDueAt: days(20),
      relayedBy: `${municipal.name}委巡察办 演示`,
    });
    relayedId = relayed.id as string;
  }

  log('5. 各县报告落实情况 every county files its implementation report');
  for (const county of counties) {
    const http = on(county.nodeId);
    if (relayedId) {
      await waitFor(
        `${county.name} to receive the relayed directive`,
        async () =>
          (await http('GET', `/directives/${relayedId}`).catch(() => undefined)) !== undefined,
        { timeoutMs: 60_000 },
      );
      await http('POST', `/directives/${relayedId}/acknowledge`, {
        acknowledgedBy: `${county.name}委巡察办`,
      });
    }
    await http('POST', `/directives/${directive.id}/report`, {
      reportedBy: `${county.name}委巡察办`,
      summary: `${county.name}已制定巡察工作计划，完成部署。`,
    });
    log(`   ${county.name} 已报告`);
  }

  log('6. 中央查看全链条状态 central watches its subtree');
  let status: any;
  const complete = await waitFor(
    'central to see every acknowledgement and every county report',
    async () => {
      status = await central.http('GET', `/directives/${directive.id}/status`);
      const reported = new Set(
        status.nodes.filter((n: any) => n.reported).map((n: any) => n.nodeId),
      );
      return (
        status.totals.acknowledged === below.length && counties.every((c) => reported.has(c.nodeId))
      );
    },
    { timeoutMs: 60_000 },
  ).catch(() => false);

  const yes = (flag: boolean) => (flag ? '✓' : '·');
  log('');
  log(
    renderTable(
      ['节点', '名称', '层级', '送达', '签收', '转发', '报告', '逾期', '状态'],
      status.nodes.map((n: any) => [
        n.nodeId,
        n.name,
        TIER_LABELS[n.tier as Tier] ?? n.tier,
        yes(n.received),
        yes(n.acknowledged),
        yes(n.relayed),
        yes(n.reported),
        n.overdue ? '逾期' : '',
        n.statusLabel,
      ]),
    ),
  );
  log(`totals: ${JSON.stringify(status.totals)}`);
  const policy = await on(counties[0]?.nodeId ?? '000000')(
    'GET',
    '/policies/rectification.progress_report_months/in-force?on=2026-12-01',
  );
  log(
    `${counties[0]?.name ?? ''} 2026-12-01 起整改进展报告期限: ${policy.value} 个月 (set by ${policy.setByNode})`,
  );
  if (complete !== true) return false;
  // Fresh organization codes and user names each run, so a second demo is new work, not a duplicate.
  const run = Date.now().toString(36).slice(-5);
  if (!(await runPlanningDemo(state, on, log, run))) return false;
  if (!(await runRectificationDemo(state, on, log, run))) return false;
  if (!(await runExchangeDemo(state, on, log, run))) return false;
  if (!(await runOversightDemo(state, on, log, run))) return false;
  if (!(await runCentralUnitDemo(state, on, log, run))) return false;
  return runStatisticsDemo(state, on, log);
}
