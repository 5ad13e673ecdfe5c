import { chinaDate } from '@liandong/protocol';
import { waitFor } from '@liandong/local-services';
import type { Http } from './demo';
import type { FederationState } from './local-federation';

const wait = { timeoutMs: 60_000 };

/**
 * 一体两翼: a central unit (中央单位, here a centrally managed enterprise) runs its own
 * internal inspection under central. It received and acknowledged central's directive with
 * everyone (step 3); here it imports its registry of internal units and sets its term, and
 * central sees the figures in the central units' own branch, apart from the territory's.
 */
export async function runCentralUnitDemo(
  state: FederationState,
  on: (nodeId: string) => Http,
  log: (line: string) => void,
  run: string,
): Promise<boolean> {
  const unit = state.nodes.find((n) => n.tier === 'central_unit');
  if (!unit) return true;
  const http = on(unit.nodeId);
  const central = on('000000');
  const territoryBefore = (await central('GET', '/coverage')).subtree.organizations as number;

  log('');
  log(
    `24. 中央单位内部巡视 ${unit.name}导入本单位对象库 a central unit imports its registry of internal units`,
  );
  const rows = [
    `${unit.nodeId}-${run}-1,${unit.name}办公室党支部,机关内设机构,,中央`,
    `${unit.nodeId}-${run}-2,${unit.name}财务部党支部,机关内设机构,,中央`,
    `${unit.nodeId}-${run}-3,${unit.name}所属某油田分公司党委,国有企业,,中央`,
  ];
  const job = await http(
    'POST',
    '/organizations/import',
    ['代码,名称,类别,上级代码,干部管理层级', ...rows].join('\n'),
    'text/csv',
  );
  await waitFor(
    `${unit.name}'s import`,
    async () => (await http('GET', `/organizations/imports/${job.id}`)).status === 'done',
    wait,
  );
  if ((await http('GET', '/terms')).length === 0)
    await http('POST', '/terms', {
      name: '本届',
      startsOn: `${chinaDate(new Date()).slice(0, 4)}-01-01`,
    });
  const own = (await http('GET', '/coverage')).own.organizations as number;
  const seen = await waitFor(
    "central to hear the unit's registry in its branch",
    async () => {
      const view = await central('GET', '/coverage');
      const reported = view.children.find((c: { nodeId: string }) => c.nodeId === unit.nodeId);
      return reported?.subtree.organizations === own ? view : undefined;
    },
    wait,
  );
  log(
    `   中央单位单列：${seen.centralUnits.units} 家，党组织 ${seen.centralUnits.figures.organizations} 个（${unit.name} ${own} 个）`,
  );
  log(
    `   地方全辖区仍为 ${seen.subtree.organizations} 个党组织（此前 ${territoryBefore} 个），不含中央单位`,
  );
  return seen.subtree.organizations === territoryBefore;
}
