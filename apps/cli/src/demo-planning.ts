import { chinaDate } from '@liandong/protocol';
import { waitFor } from '@liandong/local-services';
import type { Http } from './demo';
import type { FederationState } from './local-federation';
import { formTeam, reportAndFeedBack, signedFinding } from './demo-team';
import { renderTable } from './table';

/** A day from today in China Standard Time. */
const day = (offset: number) => chinaDate(new Date(Date.now() + offset * 86_400_000));
const wait = { timeoutMs: 60_000 };

/**
 * The planning showcase, after the directives: every node's registry and term; 石家庄市
 * plans a cross rotation among its counties (no self, no reciprocal pair, no repeat of the
 * previous rotation), orders it, escalates one village inspection; the teams give feedback
 * and central watches coverage rise through the summary events.
 */
export async function runPlanningDemo(
  state: FederationState,
  on: (nodeId: string) => Http,
  log: (line: string) => void,
  run: string,
): Promise<boolean> {
  const counties = state.nodes.filter((n) => n.tier === 'county');
  const city = state.nodes.find((n) => n.tier === 'municipal');
  if (!city || counties.length < 3) {
    log('(the planning showcase needs a municipal node with at least three counties)');
    return true;
  }
  const central = on('000000');

  log('');
  log('7. 各节点导入对象库并设定届期 every node imports its registry and has a term');
  // Central units (中央单位) keep their registries in a branch of their own (step 24).
  const territorial = state.nodes.filter((n) => n.tier !== 'central_unit');
  for (const node of territorial) {
    const http = on(node.nodeId);
    const rows = [
      `${node.nodeId}-${run}-1,${node.name}某局党组,党政机关部门,,县级`,
      `${node.nodeId}-${run}-2,${node.name}某镇党委,乡镇（街道）,,县级`,
      `${node.nodeId}-${run}-3,${node.name}某村党支部,村,${node.nodeId}-${run}-2,县级`,
    ];
    const job = await http(
      'POST',
      '/organizations/import',
      ['代码,名称,类别,上级代码,干部管理层级', ...rows].join('\n'),
      'text/csv',
    );
    await waitFor(
      `${node.name}'s import`,
      async () => (await http('GET', `/organizations/imports/${job.id}`)).status === 'done',
      wait,
    );
    if ((await http('GET', '/terms')).length === 0)
      await http('POST', '/terms', { name: '本届', startsOn: `${day(0).slice(0, 4)}-01-01` });
  }
  const expected = territorial.length * 3;
  const before = await waitFor(
    'central to hear every registry',
    async () => {
      const view = await central('GET', '/coverage');
      const organizations = view.subtree.organizations;
      return organizations >= expected ? view : undefined;
    },
    wait,
  );
  log(
    `   中央看到全辖区 ${before.subtree.organizations} 个党组织，已覆盖 ${before.subtree.covered} 个（${before.subtree.rate}%）`,
  );

  const cityHttp = on(city.nodeId);
  const round = await cityHttp('POST', '/rounds', {
    type: 'regular',
    theme: `${city.name}交叉巡察与提级巡察（演示 ${run}）`,
    windowStart: day(0),
    windowEnd: day(60),
  });
  const previous = (await cityHttp('GET', '/rounds')).find(
    (r: { id: string; theme: string }) => r.id !== round.id && r.theme.includes('演示'),
  );
  log(`8. ${city.name}编排交叉巡察轮换 the city plans a rotation among its counties`);
  const plan = await cityHttp('POST', '/cross-orders/plan', {
    peers: counties.map((c) => c.nodeId),
    previousRoundId: previous?.id,
  });
  if (!plan.feasible) {
    log(`   no rotation: ${plan.reasons.join('; ')}`);
    return false;
  }
  const name = (id: string) => state.nodes.find((n) => n.nodeId === id)?.name ?? id;
  for (const a of plan.assignments)
    log(`   ${name(a.visitingNode)}巡察组 → ${name(a.inspectedNode)}`);
  await cityHttp('POST', '/cross-orders', {
    roundId: round.id,
    assignments: plan.assignments.map((a: { visitingNode: string; inspectedNode: string }) => ({
      ...a,
      organizationCodes: [`${a.inspectedNode}-${run}-1`],
    })),
  });

  const village = counties[0];
  log(`9. ${city.name}提级巡察${village.name}的一个村 the city escalates a village inspection`);
  const { organizations } = await cityHttp(
    'GET',
    `/federation/nodes/${village.nodeId}/organizations?category=village&q=${run}-3`,
  );
  log(
    `   从${village.name}的对象库中选择: ${organizations[0].name}（${organizations[0].categoryLabel}）`,
  );
  const escalated = await cityHttp('POST', `/rounds/${round.id}/inspections`, {
    organizationCode: organizations[0].code,
    ownerNode: village.nodeId,
  });
  await waitFor(
    'the county to accept the escalation',
    async () => (await cityHttp('GET', `/inspections/${escalated.id}`)).status === 'planned',
    wait,
  );
  log(
    `   ${village.name}: ${(await on(village.nodeId)('GET', '/coverage/organizations')).find((o: { code: string }) => o.code === `${village.nodeId}-${run}-3`).note}`,
  );

  log('10. 组建巡察组并反馈 teams are formed (with recusal checked) and give feedback');
  const conclude = async (http: Http, nodeId: string, inspectionId: string) => {
    const team = await formTeam(
      state,
      nodeId,
      http,
      inspectionId,
      `${nodeId}${run}${inspectionId.slice(-4)}`,
    );
    await signedFinding(team, inspectionId, {
      title: '落实全面从严治党主体责任不到位',
      facts: '党组会议一年未专题研究党风廉政建设。',
      basis: '《中国共产党党组工作条例》第二十条',
      evidence: '党组会议记录（2025年度）：未见党风廉政建设议题。',
    });
    await reportAndFeedBack(team, http, inspectionId, {
      report: '巡察报告：发现问题1个。',
      feedback: '反馈意见：责成限期整改。',
    });
  };
  for (const a of plan.assignments) {
    const http = on(a.visitingNode);
    const inspection = await waitFor(
      `${name(a.visitingNode)} to be granted access`,
      async () =>
        (await http('GET', '/inspections')).find(
          (i: { organizationCode: string; role: string }) =>
            i.organizationCode === `${a.inspectedNode}-${run}-1` && i.role === 'conducting',
        ),
      wait,
    );
    await conclude(http, a.visitingNode, inspection.id);
    log(`   ${name(a.visitingNode)}巡察组已向${inspection.organizationName}反馈（交叉巡察）`);
  }
  await conclude(cityHttp, city.nodeId, escalated.id);
  await cityHttp('POST', `/inspections/${escalated.id}/hand-back`, {
    notes: `整改监督移交${village.name}`,
  });
  log(`   ${city.name}巡察组已反馈并将整改监督移交${village.name}（提级巡察）`);

  log('11. 中央看到覆盖率上升 central sees coverage rise, from the summary events alone');
  const rise = plan.assignments.length + 1;
  const after = await waitFor(
    'central to see the new coverage',
    async () => {
      const view = await central('GET', '/coverage');
      return view.subtree.covered >= before.subtree.covered + rise ? view : undefined;
    },
    wait,
  ).catch(() => undefined);
  const cityView = await cityHttp('GET', '/coverage');
  log(
    renderTable(
      ['节点', '名称', '党组织', '已覆盖', '其中提级', '其中交叉', '覆盖率'],
      cityView.children.map((c: any) => [
        c.nodeId,
        c.name,
        String(c.own.organizations),
        String(c.own.covered),
        String(c.own.coveredEscalated),
        String(c.own.coveredCross),
        `${c.own.rate}%`,
      ]),
    ),
  );
  if (!after) return false;
  log(
    `中央: 全辖区 ${after.subtree.organizations} 个党组织，已覆盖 ${before.subtree.covered} → ${after.subtree.covered}（${after.subtree.rate}%）`,
  );
  return true;
}
