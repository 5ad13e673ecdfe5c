import { randomBytes } from 'node:crypto';
import { client, Http } from './demo';
import { FederationState, readCredentials, signIn } from './local-federation';

export interface Team {
  leader: Http;
  deputy: Http;
  member: Http;
}

/**
 * The people of a demo inspection: a leader, a deputy leader and a member, each with an
 * account made by the node's administrator and a record in its personnel pool, put on the
 * inspection's team by the office.
 */
export async function formTeam(
  state: FederationState,
  nodeId: string,
  office: Http,
  inspectionId: string,
  tag: string,
): Promise<Team> {
  const node = state.nodes.find((n) => n.nodeId === nodeId);
  if (!node) throw new Error(`no node ${nodeId} in the local federation`);
  const admin = client(node.url, await signIn(node.url, 'admin', readCredentials()[nodeId].admin));
  const people = [
    ['leader', '王组长', 'team_leader'],
    ['deputy', '李副组长', 'team_member'],
    ['member', '赵组员', 'team_member'],
  ] as const;
  const ids: Record<string, string> = {};
  const accounts: Record<string, Http> = {};
  for (const [role, name, accountRole] of people) {
    const username = `${role}${tag}`;
    const password = randomBytes(12).toString('hex');
    await admin('POST', '/users', { username, displayName: name, password, roles: [accountRole] });
    accounts[role] = client(node.url, await signIn(node.url, username, password));
    ids[role] = (
      await office('POST', '/personnel', {
        name,
        sourceBody: 'discipline',
        homeJurisdiction: nodeId,
        homeUnitName: `${node.name}纪委监委`,
        username,
      })
    ).id;
  }
  await office('PUT', `/inspections/${inspectionId}/team`, {
    leaderId: ids.leader,
    deputyLeaderId: ids.deputy,
    memberIds: [ids.member],
  });
  return { leader: accounts.leader, deputy: accounts.deputy, member: accounts.member };
}

/**
 * One finding of an evidence dossier: drafted by the member with a piece of evidence, checked
 * by the deputy leader, signed by the leader (问题底稿).
 */
export async function signedFinding(
  team: Team,
  inspectionId: string,
  finding: { title: string; facts: string; basis: string; evidence: string },
): Promise<{ id: string; title: string; draftedBy: string; checkedBy: string; signedBy: string }> {
  const drafted = await team.member('POST', `/inspections/${inspectionId}/findings`, {
    title: finding.title,
    facts: finding.facts,
    basis: finding.basis,
  });
  await team.member(
    'POST',
    `/findings/${drafted.id}/evidence?filename=${encodeURIComponent('谈话笔录.txt')}`,
    finding.evidence,
    'text/plain',
  );
  await team.deputy('POST', `/findings/${drafted.id}/check`);
  return team.leader('POST', `/findings/${drafted.id}/sign`);
}

/** Report by the leader, the leading group's decision and feedback by the office. */
export async function reportAndFeedBack(
  team: Team,
  office: Http,
  inspectionId: string,
  text: { report: string; feedback: string },
): Promise<{ id: string; version: number }> {
  const report = await team.leader('POST', `/inspections/${inspectionId}/reports`, {
    summary: text.report,
  });
  await office('POST', `/reports/${report.id}/decision`, {
    decision: '同意巡察报告，按程序反馈。',
  });
  await office('POST', `/inspections/${inspectionId}/feedback`, { summary: text.feedback });
  return report;
}
