import { randomBytes } from 'node:crypto';
import { ACCESS_ENTITIES, ACCESS_MIGRATIONS, Principal, Role, UserAccount } from '@liandong/access';
import { DIRECTIVE_ENTITIES, DIRECTIVE_MIGRATIONS, DirectivesModule } from '@liandong/directives';
import { waitFor } from '@liandong/local-services';
import { openKeyRegistry } from '@liandong/messaging';
import {
  AddPerson,
  CreateRound,
  FormTeam,
  ImportRegistry,
  PLANNING_ENTITIES,
  PLANNING_MIGRATIONS,
  PlanningModule,
  RegistryQueries,
  ScheduleInspection,
} from '@liandong/planning';
import type { Body, BoxKeyPair } from '@liandong/protocol';
import { bodyKeyRegistryKey, certifyBodyKey, uuidv7 } from '@liandong/protocol';
import { NodeFixture } from '@liandong/testing';
import { connect } from '@nats-io/transport-node';
import { EXCHANGE_ENTITIES, EXCHANGE_MIGRATIONS, ExchangeModule } from '../src';

export const CENTRAL = '000000';
export const PROVINCE = '130000';
export const CITY = '130100';
/** The node under test: 井陉县. */
export const COUNTY = '130121';
/** Another county under the same city: off the county's line. */
export const SIBLING = '130123';
export const DAY = 86_400_000;

export const OFFICE: Principal = {
  userId: uuidv7(),
  username: 'office',
  displayName: '巡察办',
  roles: ['inspection_office'],
};

/** The county with access's accounts, directives (the policy book), planning and exchange. */
export function exchangeNode(now = new Date('2026-11-20T02:00:00Z')): NodeFixture {
  const planning = PlanningModule.forRoot();
  return new NodeFixture({
    nodeId: COUNTY,
    now,
    imports: [DirectivesModule, planning, ExchangeModule.forRoot(planning)],
    entities: [
      ...ACCESS_ENTITIES,
      ...DIRECTIVE_ENTITIES,
      ...PLANNING_ENTITIES,
      ...EXCHANGE_ENTITIES,
    ],
    migrations: [
      ...ACCESS_MIGRATIONS,
      ...DIRECTIVE_MIGRATIONS,
      ...PLANNING_MIGRATIONS,
      ...EXCHANGE_MIGRATIONS,
    ],
  });
}

export const unique = (): string => randomBytes(3).toString('hex');

async function account(node: NodeFixture, username: string, ...roles: Role[]): Promise<Principal> {
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

export interface Scene {
  inspectionId: string;
  organizationName: string;
  leader: Principal;
  member: Principal;
  /** A team member of the node who is not on this inspection's team. */
  outsider: Principal;
}

/** An organization of the county, an inspection of it in a round, a team of a leader and a member. */
export async function inspection(node: NodeFixture): Promise<Scene> {
  const tag = unique();
  const org = { code: `X-${tag}`, name: `井陉县某局党组${tag}` };
  const csv = `代码,名称,类别,上级代码,干部管理层级\n${org.code},${org.name},党政机关部门,,县级\n`;
  const job = await node.get(ImportRegistry).execute(Buffer.from(csv), 'csv', 'user:office');
  await waitFor('the registry import', async () => {
    const { status } = await node.get(RegistryQueries).importJob(job.id);
    return status === 'done' ? status : undefined;
  });
  const round = await node.get(CreateRound).execute(
    {
      type: 'regular',
      theme: `第${tag}轮巡察`,
      windowStart: '2026-11-01',
      windowEnd: '2027-01-31',
    },
    'user:office',
  );
  const scheduled = await node
    .get(ScheduleInspection)
    .execute(round.id, { organizationCode: org.code }, 'user:office');
  const person = async (role: string, label: string, roles: Role[]) => {
    const principal = await account(node, `${role}-${tag}`, ...roles);
    const added = await node.get(AddPerson).execute(
      {
        name: `${label}${tag}`,
        sourceBody: 'discipline',
        homeJurisdiction: node.nodeId,
        homeUnitName: '纪委监委',
        username: principal.username,
      },
      'user:office',
    );
    return { principal, id: added.id };
  };
  const leader = await person('leader', '组长', ['team_leader']);
  const deputy = await person('deputy', '副组长', ['team_member']);
  const member = await person('member', '成员', ['team_member']);
  await node
    .get(FormTeam)
    .execute(
      scheduled.id,
      { leaderId: leader.id, deputyLeaderId: deputy.id, memberIds: [member.id] },
      'user:office',
    );
  return {
    inspectionId: scheduled.id,
    organizationName: org.name,
    leader: leader.principal,
    member: member.principal,
    outsider: await account(node, `outsider-${tag}`, 'team_member'),
  };
}

/** `actor action` of every audit entry about `subjectId`, oldest first. */
export async function trail(node: NodeFixture, subjectId: string): Promise<string[]> {
  const rows: Array<{ actor: string; action: string }> = await node.dataSource.query(
    'SELECT actor, action FROM audit_entry WHERE subject_id = $1 ORDER BY seq',
    [subjectId],
  );
  return rows.map((r) => `${r.actor} ${r.action}`);
}

/** A body's key pair of a node of the tree. */
export function boxKey(node: NodeFixture, nodeId: string, body: Body): BoxKeyPair {
  const key = node.bundle(nodeId).bodies?.[body];
  if (!key) throw new Error(`no ${body} key for ${nodeId}`);
  return key;
}

/** Publishes another node's body keys in the key registry, as that node does when it starts. */
export async function publishBodyKeys(node: NodeFixture, nodeId: string): Promise<void> {
  const bundle = node.bundle(nodeId);
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  try {
    const kv = await openKeyRegistry(nc, node.federation);
    const validity = {
      notBefore: new Date(node.clock.now().getTime() - 3600_000).toISOString(),
      notAfter: bundle.chain[0].notAfter,
    };
    for (const [body, pair] of Object.entries(bundle.bodies ?? {}) as Array<[Body, BoxKeyPair]>)
      await kv.put(
        bodyKeyRegistryKey(nodeId, body),
        JSON.stringify(
          certifyBodyKey({ nodeId, body, publicKey: pair.publicKey, ...validity }, bundle.key),
        ),
      );
  } finally {
    await nc.close();
  }
}
