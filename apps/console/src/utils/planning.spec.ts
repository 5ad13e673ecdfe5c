import { describe, expect, it } from 'vitest';
import { allowed } from '@/store/auth';
import type { Role } from '@/api/access';
import {
  descendantsOf,
  hostedBy,
  inspectionActions,
  linkedChildren,
  matchesNode,
  matchesPerson,
  ownedBy,
  personDescription,
  recusalsByRow,
  registryQuery,
  roundActions,
  ROUND_TYPES,
  roundTypeShort,
  rowsOfTeam,
  teamBody,
  teamIncomplete,
  teamRow,
  type FederationNode,
  type Inspection,
  type InspectionDetail,
  type Person,
  type RoundDetail,
} from './planning';

const as =
  (...roles: Role[]) =>
  (route: string) =>
    allowed(route, roles);

function inspection(over: Partial<InspectionDetail> = {}): InspectionDetail {
  return {
    id: 'i-1',
    role: 'conducting',
    mode: 'own',
    modeLabel: '本级巡察',
    roundId: 'r-1',
    ownerNode: '130100',
    ownerNodeName: '石家庄市',
    conductingNode: '130100',
    conductingNodeName: '石家庄市',
    organizationCode: 'ORG-1',
    organizationName: '石家庄市交通运输局党组',
    organizationCategory: 'department',
    crossOrderId: null,
    windowStart: '2027-03-01',
    windowEnd: '2027-05-31',
    status: 'planned',
    statusLabel: '已安排',
    refusalReason: null,
    feedbackAt: null,
    feedbackSummary: null,
    handedBackAt: null,
    handBackNotes: null,
    team: [],
    ...over,
  };
}

function person(over: Partial<Person> = {}): Person {
  return {
    id: 'p-1',
    name: '王五',
    sourceBody: 'discipline',
    sourceBodyLabel: '纪检监察机关',
    homeJurisdiction: '130100',
    homeUnitCode: null,
    homeUnitName: '石家庄市纪委监委',
    username: null,
    posts: [],
    relations: [],
    lentBy: null,
    secondmentId: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}

const node = (nodeId: string, name: string, path: string[]): FederationNode => ({
  nodeId,
  name,
  tier: 'county',
  tierLabel: '县级',
  parentId: path.at(-2) ?? null,
  path,
});

describe('round types', () => {
  it('are the four of libs/planning, with the glossary’s short names', () => {
    expect(ROUND_TYPES.map((t) => t.value)).toEqual(['regular', 'thematic', 'mobile', 'follow_up']);
    expect(ROUND_TYPES.map((t) => t.short)).toEqual(['常规', '专项', '机动', '回头看']);
    expect(roundTypeShort('follow_up')).toBe('回头看');
  });
});

describe('hosted and escalated inspections', () => {
  it('names the ancestor that escalates and the peer that crosses', () => {
    const escalated = inspection({ role: 'hosted', mode: 'escalated', ownerNode: '130121' });
    expect(hostedBy(escalated)).toBe('由石家庄市提级巡察');
    expect(
      hostedBy(
        inspection({
          role: 'hosted',
          mode: 'cross',
          conductingNode: '130123',
          conductingNodeName: null,
        }),
      ),
    ).toBe('由节点 130123交叉巡察');
    expect(hostedBy(inspection())).toBeNull();
  });

  it('says whose organization an escalation inspects, and nothing for an own one', () => {
    expect(
      ownedBy(inspection({ mode: 'escalated', ownerNode: '130121', ownerNodeName: '井陉县' })),
    ).toBe('井陉县的对象');
    expect(ownedBy(inspection())).toBeNull();
  });
});

describe('pickers', () => {
  const nodes = [
    node('130000', '河北省', ['000000', '130000']),
    node('130100', '石家庄市', ['000000', '130000', '130100']),
    node('130123', '正定县', ['000000', '130000', '130100', '130123']),
    node('130121', '井陉县', ['000000', '130000', '130100', '130121']),
  ];

  it('offers the descendants only, nearest first, never the node itself or an ancestor', () => {
    expect(descendantsOf(nodes, '130100').map((n) => n.name)).toEqual(['井陉县', '正定县']);
    expect(descendantsOf(nodes, '130121')).toEqual([]);
  });

  it('finds a node by part of its name or the start of its code', () => {
    expect(nodes.filter((n) => matchesNode(n, '井陉')).map((n) => n.nodeId)).toEqual(['130121']);
    expect(nodes.filter((n) => matchesNode(n, '1301')).length).toBe(3);
    expect(nodes.filter((n) => matchesNode(n, '  ')).length).toBe(4);
  });

  it('asks the registry for what was typed, trimmed, or the first page', () => {
    expect(registryQuery('  交通 ')).toEqual({ q: '交通', limit: 20 });
    expect(registryQuery('')).toEqual({ limit: 20 });
    expect(registryQuery('x'.repeat(120)).q).toHaveLength(100);
  });

  it('finds a person by name, unit or post, and tells two of one name apart', () => {
    const a = person({
      posts: [
        {
          nodeId: '130100',
          unitCode: 'U1',
          unitName: '市审计局',
          title: '副局长',
          from: '2019-01-01',
          to: null,
        },
      ],
    });
    const b = person({ id: 'p-2', homeUnitName: '市委组织部', sourceBodyLabel: '组织部门' });
    expect(matchesPerson(a, '审计')).toBe(true);
    expect(matchesPerson(a, '副局长')).toBe(true);
    expect(matchesPerson(b, '审计')).toBe(false);
    expect(matchesPerson(b, '王')).toBe(true);
    expect(personDescription(a)).toBe('市审计局 副局长 · 纪检监察机关');
    expect(personDescription(b)).toBe('市委组织部 · 组织部门');
    expect(personDescription(person({ lentBy: '130000' }))).toContain('借调');
    // A post that ended is not what the person does now: the home unit says it.
    const left = person({ posts: [{ ...a.posts[0], to: '2025-12-31' }] });
    expect(personDescription(left)).toBe('石家庄市纪委监委 · 纪检监察机关');
  });
});

describe('the team form', () => {
  it('starts from the saved team, or from empty leader, deputy and member rows', () => {
    expect(rowsOfTeam([]).map((r) => [r.role, r.personId])).toEqual([
      ['leader', ''],
      ['deputy_leader', ''],
      ['member', ''],
    ]);
    const saved = rowsOfTeam([
      { role: 'member', personId: 'm1', name: '甲', lentBy: null },
      { role: 'leader', personId: 'l', name: '乙', lentBy: null },
      { role: 'member', personId: 'm2', name: '丙', lentBy: null },
    ]);
    expect(saved.map((r) => [r.role, r.personId])).toEqual([
      ['leader', 'l'],
      ['deputy_leader', ''],
      ['member', 'm1'],
      ['member', 'm2'],
    ]);
  });

  it('sends the leader, the deputy only when chosen, and the chosen members', () => {
    const rows = [teamRow('leader', 'l'), teamRow('deputy_leader'), teamRow('member', 'm')];
    expect(teamBody([...rows, teamRow('member')])).toEqual({ leaderId: 'l', memberIds: ['m'] });
    rows[1].personId = 'd';
    expect(teamBody(rows)).toEqual({ leaderId: 'l', deputyLeaderId: 'd', memberIds: ['m'] });
  });

  it('asks for a leader and refuses one person in two roles before sending', () => {
    expect(teamIncomplete([teamRow('leader'), teamRow('member', 'm')])).toBe('请选择组长');
    expect(teamIncomplete([teamRow('leader', 'l'), teamRow('member', 'l')])).toContain('一个角色');
    expect(teamIncomplete([teamRow('leader', 'l'), teamRow('member')])).toBeNull();
  });

  it('puts each refused person’s recusal reasons beside their row, and keeps the rest apart', () => {
    const rows = [teamRow('leader', 'l'), teamRow('deputy_leader', 'd'), teamRow('member', 'm')];
    const { byRow, unplaced } = recusalsByRow(rows, [
      {
        field: 'm',
        label: '丙',
        problems: ['丙的配偶在被巡察对象任职', '丙近三年曾在该单位任职'],
        problemsEn: [],
      },
      { field: 'l', label: '甲', problems: ['甲来自被巡察地区'], problemsEn: [] },
      { field: 'gone', label: '丁', problems: ['丁须回避'], problemsEn: [] },
    ]);
    expect(byRow[rows[2].key]).toEqual(['丙的配偶在被巡察对象任职', '丙近三年曾在该单位任职']);
    expect(byRow[rows[0].key]).toEqual(['甲来自被巡察地区']);
    expect(byRow[rows[1].key]).toBeUndefined();
    expect(unplaced.map((f) => f.label)).toEqual(['丁']);
  });
});

describe('what a role sees', () => {
  const led = inspection({ team: [{ role: 'leader', personId: 'l', name: '甲', lentBy: null }] });

  it('gives the office the team and feedback of a planned inspection it conducts', () => {
    expect(inspectionActions(inspection(), as('inspection_office'), '130100')).toEqual({
      team: true,
      feedback: false,
      handBack: false,
      findings: true,
      reports: true,
    });
    expect(inspectionActions(led, as('inspection_office'), '130100').feedback).toBe(true);
  });

  it('gives the leading group and viewers no writes', () => {
    for (const role of ['leading_group', 'viewer'] as const) {
      const actions = inspectionActions(led, as(role), '130100');
      expect([actions.team, actions.feedback, actions.handBack]).toEqual([false, false, false]);
    }
    expect(inspectionActions(led, as('viewer'), '130100').findings).toBe(false);
  });

  it('hands back only an escalation after feedback, never an own organization', () => {
    const given = { ...led, status: 'feedback_given' as const };
    expect(inspectionActions(given, as('inspection_office'), '130100').handBack).toBe(false);
    const escalated = { ...given, mode: 'escalated' as const, ownerNode: '130121' };
    expect(inspectionActions(escalated, as('inspection_office'), '130100')).toMatchObject({
      handBack: true,
      team: false,
      feedback: false,
    });
  });

  it('offers nothing on a hosted inspection: the conducting node acts on it', () => {
    const hosted = { ...led, role: 'hosted' as const, mode: 'escalated' as const };
    expect(inspectionActions(hosted, as('inspection_office'), '130121')).toEqual({
      team: false,
      feedback: false,
      handBack: false,
      findings: false,
      reports: false,
    });
  });

  it('lets the office schedule, and escalate only when it has descendants', () => {
    const below = [node('130121', '井陉县', ['000000', '130000', '130100', '130121'])];
    expect(roundActions(as('inspection_office'), below)).toEqual({
      schedule: true,
      escalate: true,
    });
    expect(roundActions(as('inspection_office'), [])).toEqual({ schedule: true, escalate: false });
    expect(roundActions(as('leading_group'), below)).toEqual({ schedule: false, escalate: false });
  });
});

describe('linked rounds', () => {
  it('shows each child asked, whether it took the round up, and what it reported', () => {
    const result: Inspection = {
      ...inspection({ role: 'reported', conductingNode: '130121', ownerNode: '130121' }),
    };
    const round = {
      links: [
        {
          roundId: 'r',
          childNode: '130121',
          childRoundId: 'c',
          acknowledgedAt: '2027-03-02T01:00:00Z',
        },
        { roundId: 'r', childNode: '130123', childRoundId: null, acknowledgedAt: null },
      ],
      reported: [result],
    } as unknown as RoundDetail;
    const nodes = [node('130121', '井陉县', ['000000', '130000', '130100', '130121'])];
    expect(
      linkedChildren(round, nodes).map((c) => [c.name, !!c.acknowledgedAt, c.results.length]),
    ).toEqual([
      ['井陉县', true, 1],
      ['节点 130123', false, 0],
    ]);
  });
});
