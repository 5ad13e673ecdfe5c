import { randomBytes } from 'node:crypto';
import { InProcessFederation } from '@liandong/local-federation';
import type { Clock } from '@liandong/messaging';
import { chinaDate } from '@liandong/protocol';
import { importOrganizations, waitFor } from '../support';

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PASSWORD = 'a long test password';
const DAY = 86_400_000;

/** Calls a node as one of its users, signing in again when the token has expired (the clock jumps). */
export interface Caller {
  (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  node: string;
  username: string;
  token(): Promise<string>;
}

export interface Team {
  id: string;
  leader: Caller;
  deputy: Caller;
  member: Caller;
}

/** A tag unique to this call, for codes and usernames no other test uses. */
export const unique = () => randomBytes(3).toString('hex');

/** What the rectification federation tests build over HTTP, each test its own data. */
export class RectificationFederation {
  constructor(
    private readonly federation: InProcessFederation,
    private readonly clock: Clock,
  ) {}

  /** A user of `node` with the given roles, and a way to call the node as them. */
  async user(node: string, username: string, roles: string[]): Promise<Caller> {
    const { federation } = this;
    const created = await federation.http(node, 'POST', '/users', {
      username,
      displayName: username,
      password: PASSWORD,
      roles,
    });
    if (created.status !== 201)
      throw new Error(`user ${username}: ${JSON.stringify(created.body)}`);
    let token: string | undefined;
    const fresh = async () => (token = await federation.signIn(node, username, PASSWORD));
    const call = (async (method: string, path: string, body?: unknown) => {
      const first = await federation.httpAs(node, token ?? (await fresh()), method, path, body);
      if (first.status !== 401) return first;
      return federation.httpAs(node, await fresh(), method, path, body);
    }) as Caller;
    return Object.assign(call, { node, username, token: () => fresh() });
  }

  /** An organization of `node`'s registry with a code of its own. */
  async organization(node: string, name: string): Promise<string> {
    const code = `E-${unique()}`;
    await importOrganizations(this.federation, node, [[code, name, '党政机关部门', '', '县级']]);
    return code;
  }

  /** A round, an inspection of `code` (hosted by `ownerNode` if given) and a team of three with accounts. */
  async team(node: string, code: string, ownerNode?: string): Promise<Team> {
    const { federation } = this;
    const { body: round } = await federation.http(node, 'POST', '/rounds', {
      type: 'regular',
      theme: `第${unique()}轮巡察`,
      ...this.window(),
    });
    const inspection = await federation.http(node, 'POST', `/rounds/${round.id}/inspections`, {
      organizationCode: code,
      ...(ownerNode ? { ownerNode } : {}),
    });
    if (inspection.status !== 201) throw new Error(JSON.stringify(inspection.body));
    const tag = unique();
    const member = async (role: string, label: string, roles: string[]) => {
      const caller = await this.user(node, `${role}${tag}`, roles);
      const { body } = await federation.http(node, 'POST', '/personnel', {
        name: `${label}${tag}`,
        sourceBody: 'discipline',
        homeJurisdiction: node,
        homeUnitName: '纪委监委',
        username: caller.username,
      });
      return { caller, id: body.id as string };
    };
    const leader = await member('leader', '组长', ['team_leader']);
    const deputy = await member('deputy', '副组长', ['team_member']);
    const other = await member('member', '成员', ['team_member']);
    const team = await federation.http(node, 'PUT', `/inspections/${inspection.body.id}/team`, {
      leaderId: leader.id,
      deputyLeaderId: deputy.id,
      memberIds: [other.id],
    });
    if (team.status !== 200) throw new Error(JSON.stringify(team.body));
    return {
      id: inspection.body.id,
      leader: leader.caller,
      deputy: deputy.caller,
      member: other.caller,
    };
  }

  /** Uploads a file as evidence of a finding, as `as`. */
  async uploadEvidence(
    findingId: string,
    as: Caller,
    type: string,
    data: Buffer,
    filename = '凭证.pdf',
  ): Promise<{ status: number; body: any }> {
    const response = await fetch(
      `${this.federation.node(as.node).url}/findings/${findingId}/evidence?filename=${encodeURIComponent(filename)}`,
      {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${await as.token()}` },
        body: data,
      },
    );
    return { status: response.status, body: await response.json() };
  }

  /** Drafted by the member with evidence (and `extra` fields), checked by the deputy, signed by the leader. */
  async signedFinding(team: Team, title: string, extra: object = {}): Promise<string> {
    const drafted = await team.member('POST', `/inspections/${team.id}/findings`, {
      title,
      facts: `${title}的事实。`,
      basis: '《中国共产党纪律处分条例》',
      ...extra,
    });
    if (drafted.status !== 201) throw new Error(JSON.stringify(drafted.body));
    await this.uploadEvidence(drafted.body.id, team.member, 'application/pdf', PDF);
    for (const [as, step] of [
      [team.deputy, 'check'],
      [team.leader, 'sign'],
    ] as const) {
      const done = await as('POST', `/findings/${drafted.body.id}/${step}`);
      if (done.status !== 201) throw new Error(JSON.stringify(done.body));
    }
    return drafted.body.id;
  }

  /** The leader finalizes the report; the leading group decides; the office gives feedback. */
  async reportAndFeedback(node: string, team: Team): Promise<void> {
    const { federation } = this;
    const report = await team.leader('POST', `/inspections/${team.id}/reports`, {
      summary: '巡察报告。',
    });
    await federation.http(node, 'POST', `/reports/${report.body.id}/decision`, {
      decision: '同意反馈',
    });
    const feedback = await federation.http(node, 'POST', `/inspections/${team.id}/feedback`, {
      summary: '反馈意见。',
    });
    if (feedback.status !== 201) throw new Error(JSON.stringify(feedback.body));
  }

  /** The rectification of an inspection, in full, once `node` has opened it. */
  rectificationOf(node: string, inspectionId: string): Promise<any> {
    const { federation } = this;
    return waitFor(`${node} to open the rectification of ${inspectionId}`, async () => {
      const { body } = await federation.http(node, 'GET', '/rectifications');
      const found = (body as Array<{ id: string; inspectionId: string }>).find(
        (r) => r.inspectionId === inspectionId,
      );
      return found
        ? (await federation.http(node, 'GET', `/rectifications/${found.id}`)).body
        : undefined;
    });
  }

  /** A window around today, whatever day the clock shows. */
  window(): { windowStart: string; windowEnd: string } {
    const now = this.clock.now().getTime();
    return {
      windowStart: chinaDate(new Date(now - 30 * DAY)),
      windowEnd: chinaDate(new Date(now + 90 * DAY)),
    };
  }
}
