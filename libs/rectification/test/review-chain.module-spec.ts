import { createHash } from 'node:crypto';
import { AddPerson } from '@liandong/planning';
import { uuidv7 } from '@liandong/protocol';
import { AddEvidence } from '../src/findings/use-cases/add-evidence.usecase';
import { CheckFinding } from '../src/findings/use-cases/check-finding.usecase';
import { DraftFinding } from '../src/findings/use-cases/draft-finding.usecase';
import { ReviseFinding } from '../src/findings/use-cases/revise-finding.usecase';
import { SignFinding } from '../src/findings/use-cases/sign-finding.usecase';
import { FindingQueries } from '../src/findings/finding.queries';
import { ReadEvidence } from '../src/findings/use-cases/read-evidence.usecase';
import {
  account,
  BASIS,
  inspection,
  LEADING_GROUP,
  OFFICE,
  PDF,
  rectificationNode,
} from './rectification.fixture';
import { download, rows, trail } from './probes';

/** 问题底稿: draft → evidence → check by the deputy leader → signature by the leader, each by its role. */
describe('the review chain of a finding', () => {
  const node = rectificationNode();
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const evidence = (findingId: string, as = OFFICE) =>
    node
      .get(AddEvidence)
      .execute(findingId, { data: PDF, contentType: 'application/pdf', filename: '凭证.pdf' }, as);

  it('takes a finding through draft, evidence, check and signature, each step by its team role and audited', async () => {
    const { inspectionId, team } = await inspection(node);
    const outsider = await account(node, `outsider-${inspectionId.slice(-6)}`, 'team_member');
    await expect(
      node.get(DraftFinding).execute(inspectionId, { title: 'x', facts: 'y' }, outsider),
    ).rejects.toMatchObject({ code: 'NOT_ON_TEAM', status: 403 });
    expect(await rows(node, 'finding', 'inspection_id', inspectionId)).toEqual([]);

    const drafted = await node
      .get(DraftFinding)
      .execute(
        inspectionId,
        { title: '违规发放津贴补贴', facts: '2025年以加班费名义发放补贴12万元。' },
        team.member,
      );
    expect(drafted).toMatchObject({ status: 'drafted', statusLabel: '已起草', basis: null });
    const id = drafted.id;
    await evidence(id, team.member);

    // Each step by its role: a member does not check, the leader does not sign before the check.
    const before = await rows(node, 'finding', 'id', id);
    await expect(node.get(CheckFinding).execute(id, team.member)).rejects.toMatchObject({
      code: 'WRONG_TEAM_ROLE',
      status: 403,
    });
    await expect(node.get(SignFinding).execute(id, team.leader)).rejects.toMatchObject({
      code: 'NOT_CHECKED',
    });
    await expect(node.get(CheckFinding).execute(id, team.leader)).rejects.toMatchObject({
      code: 'WRONG_TEAM_ROLE',
    });
    expect(await rows(node, 'finding', 'id', id)).toEqual(before);

    await node.get(ReviseFinding).execute(id, { basis: BASIS }, team.member);
    expect(await node.get(CheckFinding).execute(id, team.deputy)).toMatchObject({
      status: 'checked',
      checkedBy: team.deputy.username,
    });
    await expect(
      node.get(ReviseFinding).execute(id, { title: '改' }, team.member),
    ).rejects.toMatchObject({ code: 'FINDING_LOCKED' });
    await expect(node.get(CheckFinding).execute(id, team.deputy)).rejects.toMatchObject({
      code: 'NOT_A_DRAFT',
    });
    await expect(node.get(SignFinding).execute(id, team.deputy)).rejects.toMatchObject({
      code: 'WRONG_TEAM_ROLE',
    });
    expect(await node.get(SignFinding).execute(id, team.leader)).toMatchObject({
      status: 'signed',
      statusLabel: '已签字',
      draftedBy: team.member.username,
      checkedBy: team.deputy.username,
      signedBy: team.leader.username,
    });
    await expect(evidence(id, team.member)).rejects.toMatchObject({ code: 'FINDING_LOCKED' });

    expect(await trail(node, id)).toEqual([
      `user:${team.member.username} finding.drafted`,
      `user:${team.member.username} evidence.added`,
      `user:${team.member.username} finding.revised`,
      `user:${team.deputy.username} finding.checked`,
      `user:${team.leader.username} finding.signed`,
    ]);
  });

  it('refuses the deputy leader a check of a finding they drafted', async () => {
    const { inspectionId, team } = await inspection(node);
    const own = await node
      .get(DraftFinding)
      .execute(
        inspectionId,
        { title: '会议记录缺失', facts: '缺失3次。', basis: BASIS },
        team.deputy,
      );
    await evidence(own.id, team.deputy);
    await expect(node.get(CheckFinding).execute(own.id, team.deputy)).rejects.toMatchObject({
      code: 'SAME_PERSON',
    });
    expect(await rows(node, 'finding', 'id', own.id)).toEqual([
      expect.objectContaining({ status: 'drafted', checked_by: null }),
    ]);
  });

  it('keeps evidence only of an accepted type whose bytes match it, with its SHA-256, under a safe base name', async () => {
    const { inspectionId, team } = await inspection(node);
    const { id } = await node
      .get(DraftFinding)
      .execute(inspectionId, { title: '资料归档不全', facts: '谈话笔录未归档。' }, team.member);
    const add = (contentType: string, data: Buffer, filename = '凭证.pdf') =>
      node.get(AddEvidence).execute(id, { data, contentType, filename }, team.member);
    await expect(add('image/gif', PDF)).rejects.toMatchObject({
      code: 'BAD_EVIDENCE',
      status: 400,
    });
    const lying = add('image/png', PDF);
    await expect(lying).rejects.toMatchObject({ code: 'BAD_EVIDENCE' });
    await expect(lying).rejects.toMatchObject({
      text: { zh: expect.stringContaining('image/png') },
    });
    expect(await rows(node, 'evidence', 'finding_id', id)).toEqual([]);

    expect(await add('application/pdf; charset=binary', PDF)).toMatchObject({
      size: PDF.length,
      contentType: 'application/pdf',
      sha256: createHash('sha256').update(PDF).digest('hex'),
      filename: '凭证.pdf',
    });
    const text = Buffer.from('谈话笔录', 'utf8');
    expect((await add('text/plain', text, '../../etc/passwd')).filename).toBe('passwd');
    expect((await add('text/plain', text, '..\\..\\windows\\win.ini')).filename).toBe('win.ini');
    const listed = await node.get(FindingQueries).list(inspectionId, team.member);
    expect(listed[0].evidence?.map((e) => e.filename)).toEqual(['凭证.pdf', 'passwd', 'win.ini']);
  });

  it('opens evidence for the team, the office and the leading group, each reading audited', async () => {
    const { inspectionId, team } = await inspection(node);
    const { id } = await node
      .get(DraftFinding)
      .execute(inspectionId, { title: '资料归档不全', facts: '谈话笔录未归档。' }, team.member);
    const stored = await evidence(id, team.member);
    const read = (as = team.member, evidenceId = stored.id) =>
      node.get(ReadEvidence).execute(id, evidenceId, as);
    const file = await download(await read());
    expect(file.data.equals(PDF)).toBe(true);
    expect(file.type).toBe('application/pdf');
    expect(file.disposition).toBe(
      `attachment; filename="evidence.pdf"; filename*=UTF-8''${encodeURIComponent('凭证.pdf')}`,
    );
    await read(OFFICE);
    await read(LEADING_GROUP);
    const outsider = node.person(`outsider-${id.slice(-6)}`, 'team_member');
    await expect(read(outsider)).rejects.toMatchObject({ code: 'NOT_ON_TEAM', status: 403 });
    await expect(read(team.member, uuidv7())).rejects.toMatchObject({
      code: 'EVIDENCE_NOT_FOUND',
      status: 404,
    });
    expect((await trail(node, id)).filter((t) => t.endsWith('evidence.read'))).toEqual([
      `user:${team.member.username} evidence.read`,
      'user:office evidence.read',
      'user:group evidence.read',
    ]);
  });

  it('links an account to one person of the pool only, so a team role is never ambiguous', async () => {
    const { team } = await inspection(node);
    await expect(
      node.get(AddPerson).execute(
        {
          name: '重名',
          sourceBody: 'audit',
          homeJurisdiction: node.nodeId,
          homeUnitName: '审计局',
          username: team.member.username,
        },
        'user:office',
      ),
    ).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
  });
});
