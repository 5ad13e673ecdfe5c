import { randomBytes } from 'node:crypto';
import { ACCESS_ENTITIES, ACCESS_MIGRATIONS, Principal, Role, UserAccount } from '@liandong/access';
import { DIRECTIVE_ENTITIES, DIRECTIVE_MIGRATIONS, DirectivesModule } from '@liandong/directives';
import { waitFor } from '@liandong/local-services';
import {
  AddPerson,
  CreateRound,
  FormTeam,
  GiveFeedback,
  ImportRegistry,
  PLANNING_ENTITIES,
  PLANNING_MIGRATIONS,
  PlanningModule,
  RegistryQueries,
  ScheduleInspection,
} from '@liandong/planning';
import type { RoundType } from '@liandong/protocol';
import { DirectiveIssuedV1, uuidv7 } from '@liandong/protocol';
import { NodeFixture } from '@liandong/testing';
import { RECTIFICATION_ENTITIES, RECTIFICATION_MIGRATIONS, RectificationModule } from '../src';
import { RectificationDetailView } from '../src/dto/rectification.views';
import { AddEvidence } from '../src/findings/use-cases/add-evidence.usecase';
import { CheckFinding } from '../src/findings/use-cases/check-finding.usecase';
import { DraftFinding } from '../src/findings/use-cases/draft-finding.usecase';
import { SignFinding } from '../src/findings/use-cases/sign-finding.usecase';
import { RectificationQueries } from '../src/rectification/rectification.queries';
import { DecideReport } from '../src/reports/use-cases/decide-report.usecase';
import { FinalizeReport } from '../src/reports/use-cases/finalize-report.usecase';

export const CENTRAL = '000000';
export const PROVINCE = '130000';
export const CITY = '130100';
/** The node under test: a county, the lowest tier, whose organizations rectify. */
export const COUNTY = '130121';
/** Another county under the same city: off the county's line. */
export const SIBLING = '130123';

export const DAY = 86_400_000;
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const BASIS = '《中国共产党纪律处分条例》第一百零五条';
/** The office and the leading group of the node under test (roles come from the controllers). */
export const OFFICE: Principal = {
  userId: uuidv7(),
  username: 'office',
  displayName: '巡察办',
  roles: ['inspection_office'],
};
export const LEADING_GROUP: Principal = { ...OFFICE, username: 'group', roles: ['leading_group'] };

/**
 * The county (or another node of the tree) as a Nest testing module: access's accounts, directives (the policy book),
 * planning and rectification, on a fresh database; the alert sweeper's own timer is left
 * far off, so a test moves the clock and calls `sweep()` itself.
 */
export function rectificationNode(
  now = new Date('2026-11-20T02:00:00Z'),
  nodeId = COUNTY,
): NodeFixture {
  const planning = PlanningModule.forRoot();
  return new NodeFixture({
    nodeId,
    now,
    imports: [
      DirectivesModule,
      planning,
      RectificationModule.forRoot(planning, { alertSweepMs: 24 * 3600_000 }),
    ],
    entities: [
      ...ACCESS_ENTITIES,
      ...DIRECTIVE_ENTITIES,
      ...PLANNING_ENTITIES,
      ...RECTIFICATION_ENTITIES,
    ],
    migrations: [
      ...ACCESS_MIGRATIONS,
      ...DIRECTIVE_MIGRATIONS,
      ...PLANNING_MIGRATIONS,
      ...RECTIFICATION_MIGRATIONS,
    ],
  });
}

/** A tag unique to this call: codes, usernames and names built with it never meet another test's. */
export function unique(): string {
  return randomBytes(3).toString('hex');
}

/** A signed-in user with an account on the node (a person of the pool can be linked to it). */
export async function account(
  node: NodeFixture,
  username: string,
  ...roles: Role[]
): Promise<Principal> {
  const principal = node.person(username, ...roles);
  await node.dataSource.getRepository(UserAccount).insert({
    id: principal.userId,
    username,
    displayName: username,
    passwordHash: 'unused: the module test signs nobody in',
    roles,
    active: true,
    createdAt: node.clock.now(),
  });
  return principal;
}

/** One organization of the county's registry, imported as a file (planning's import job). */
export async function organization(
  node: NodeFixture,
  name = '井陉县某局党组',
): Promise<{ code: string; name: string }> {
  const org = { code: `T-${unique()}`, name: `${name}${unique()}` };
  const csv = `代码,名称,类别,上级代码,干部管理层级\n${org.code},${org.name},党政机关部门,,县级\n`;
  const job = await node.get(ImportRegistry).execute(Buffer.from(csv), 'csv', 'user:office');
  const done = await waitFor('the registry import', async () => {
    const { status } = await node.get(RegistryQueries).importJob(job.id);
    return ['done', 'refused', 'failed'].includes(status) ? status : undefined;
  });
  if (done !== 'done') throw new Error(`the registry import was ${done}`);
  return org;
}

export async function round(
  node: NodeFixture,
  type: RoundType = 'regular',
  window = { windowStart: '2026-11-01', windowEnd: '2027-01-31' },
): Promise<string> {
  const created = await node
    .get(CreateRound)
    .execute({ type, theme: `第${unique()}轮巡察`, ...window }, 'user:office');
  return created.id;
}

export interface Team {
  leader: Principal;
  deputy: Principal;
  member: Principal;
}

/** An inspection the county carries out: organization, round, and a team of three with accounts. */
export interface Scene {
  inspectionId: string;
  organizationCode: string;
  organizationName: string;
  team: Team;
}

export async function inspection(node: NodeFixture): Promise<Scene> {
  const org = await organization(node);
  const scheduled = await node
    .get(ScheduleInspection)
    .execute(await round(node), { organizationCode: org.code }, 'user:office');
  const tag = unique();
  const member = async (role: string, label: string) => {
    const principal = await account(node, `${role}-${tag}`, 'team_member');
    const person = await node.get(AddPerson).execute(
      {
        name: `${label}${tag}`,
        sourceBody: 'discipline',
        homeJurisdiction: node.nodeId,
        homeUnitName: '纪委监委',
        username: principal.username,
      },
      'user:office',
    );
    return { principal, id: person.id };
  };
  const leader = await member('leader', '组长');
  const deputy = await member('deputy', '副组长');
  const other = await member('member', '成员');
  await node
    .get(FormTeam)
    .execute(
      scheduled.id,
      { leaderId: leader.id, deputyLeaderId: deputy.id, memberIds: [other.id] },
      'user:office',
    );
  return {
    inspectionId: scheduled.id,
    organizationCode: org.code,
    organizationName: org.name,
    team: { leader: leader.principal, deputy: deputy.principal, member: other.principal },
  };
}

/** Drafted by the member with a PDF as evidence, checked by the deputy leader, signed by the leader. */
export async function signedFinding(
  node: NodeFixture,
  scene: Scene,
  title = '违规发放津贴补贴',
): Promise<string> {
  const { team } = scene;
  const drafted = await node
    .get(DraftFinding)
    .execute(scene.inspectionId, { title, facts: `${title}的事实。`, basis: BASIS }, team.member);
  await node
    .get(AddEvidence)
    .execute(
      drafted.id,
      { data: PDF, contentType: 'application/pdf', filename: '凭证.pdf' },
      team.member,
    );
  await node.get(CheckFinding).execute(drafted.id, team.deputy);
  await node.get(SignFinding).execute(drafted.id, team.leader);
  return drafted.id;
}

/** The leader finalizes the report, the leading group decides, the office gives feedback. */
export async function reportAndFeedback(node: NodeFixture, scene: Scene): Promise<void> {
  const report = await node
    .get(FinalizeReport)
    .execute(scene.inspectionId, { summary: '巡察报告。' }, scene.team.leader);
  await node.get(DecideReport).execute(report.id, { decision: '同意反馈' }, LEADING_GROUP);
  await node
    .get(GiveFeedback)
    .execute(scene.inspectionId, { summary: '反馈意见。' }, 'user:office');
}

/** The rectification opened by the inspection's feedback, in full. */
export async function rectificationOf(
  node: NodeFixture,
  inspectionId: string,
): Promise<RectificationDetailView> {
  const queries = node.get(RectificationQueries);
  const found = (await queries.list()).find((r) => r.inspectionId === inspectionId);
  if (!found) throw new Error(`no rectification of inspection ${inspectionId}`);
  return queries.detail(found.id);
}

/** An inspection with one signed finding taken through report and feedback: its rectification. */
export async function openRectification(
  node: NodeFixture,
): Promise<{ scene: Scene; findingId: string; rectification: RectificationDetailView }> {
  const scene = await inspection(node);
  const findingId = await signedFinding(node, scene);
  await reportAndFeedback(node, scene);
  return { scene, findingId, rectification: await rectificationOf(node, scene.inspectionId) };
}

/**
 * Central's directive carrying the rule of 2026: progress reports due 3 months after
 * feedback from 2026-12-01 (2 before), delivered to the county through its inbox.
 */
export async function deliverThreeMonthRule(node: NodeFixture): Promise<void> {
  const settled = await node.deliver(CENTRAL, DirectiveIssuedV1.type, {
    directiveId: uuidv7(),
    title: '关于整改进展报告时限的通知',
    body: '自2026年12月1日起，整改进展情况报告时限调整为反馈后3个月。',
    scope: 'subtree',
    reportDueAt: new Date(node.clock.now().getTime() + 30 * DAY).toISOString(),
    parentDirectiveId: null,
    policies: [
      { key: 'rectification.progress_report_months', value: 3, effectiveFrom: '2026-12-01' },
    ],
  } satisfies DirectiveIssuedV1);
  if (settled.outcome !== 'applied') throw new Error(`the directive was ${settled.outcome}`);
}
