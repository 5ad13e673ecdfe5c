import { uuidv7 } from '@liandong/protocol';
import { FindingQueries } from '../src/findings/finding.queries';
import { DraftFinding } from '../src/findings/use-cases/draft-finding.usecase';
import { ReadEvidence } from '../src/findings/use-cases/read-evidence.usecase';
import { ReturnFinding } from '../src/findings/use-cases/return-finding.usecase';
import { WithdrawFinding } from '../src/findings/use-cases/withdraw-finding.usecase';
import {
  inspection,
  LEADING_GROUP,
  OFFICE,
  PDF,
  rectificationNode,
  signedFinding,
} from './rectification.fixture';
import { trail } from './probes';

/** One finding read on its own, and its audit trail: for its team, the office and the leading group. */
describe('reading one finding and its trail', () => {
  const node = rectificationNode();
  beforeAll(() => node.start());
  afterAll(() => node.stop());
  const queries = () => node.get(FindingQueries);

  it('reads one finding with its evidence list for the team, the office and the leading group only', async () => {
    const scene = await inspection(node);
    const other = await inspection(node);
    const id = await signedFinding(node, scene, '公务用车管理不规范');
    for (const as of [
      scene.team.member,
      scene.team.deputy,
      scene.team.leader,
      OFFICE,
      LEADING_GROUP,
    ])
      expect(await queries().one(id, as)).toMatchObject({
        id,
        inspectionId: scene.inspectionId,
        title: '公务用车管理不规范',
        status: 'signed',
        statusLabel: '已签字',
        signedBy: scene.team.leader.username,
        evidence: [{ filename: '凭证.pdf', size: PDF.length, contentType: 'application/pdf' }],
      });
    // The same as the inspection's listing shows it.
    const [listed] = await queries().list(scene.inspectionId, scene.team.member);
    expect(await queries().one(id, scene.team.member)).toEqual(listed);
    await expect(queries().one(id, other.team.member)).rejects.toMatchObject({
      code: 'NOT_ON_TEAM',
      status: 403,
    });
    await expect(queries().one(uuidv7(), OFFICE)).rejects.toMatchObject({
      code: 'FINDING_NOT_FOUND',
      status: 404,
    });
  });

  it('gives the trail of a finding: who drafted, uploaded, checked, signed, returned, read and withdrew it, and when', async () => {
    const scene = await inspection(node);
    const other = await inspection(node);
    const { team } = scene;
    const id = await signedFinding(node, scene);
    const [file] = (await queries().one(id, OFFICE)).evidence ?? [];
    await node.get(ReadEvidence).execute(id, file.id, OFFICE);
    await node.get(ReturnFinding).execute(id, { reason: '金额需与凭证核对。' }, team.leader);
    await node.get(WithdrawFinding).execute(id, { reason: '与另一问题重复。' }, OFFICE);
    // Another finding's entries stay on its own trail.
    await node
      .get(DraftFinding)
      .execute(scene.inspectionId, { title: '另一个问题', facts: '事实。' }, team.member);

    const entries = await queries().trail(id, team.member);
    expect(entries.map((e) => `${e.actor} ${e.action}`)).toEqual(await trail(node, id));
    expect(entries.map((e) => [e.actor, e.actionLabel])).toEqual([
      [`user:${team.member.username}`, '起草问题'],
      [`user:${team.member.username}`, '上传证据材料'],
      [`user:${team.deputy.username}`, '副组长审核'],
      [`user:${team.leader.username}`, '组长签字'],
      [`user:${OFFICE.username}`, '查阅证据材料'],
      [`user:${team.leader.username}`, '退回修改'],
      [`user:${OFFICE.username}`, '撤回问题'],
    ]);
    expect(entries[1]).toMatchObject({ filename: '凭证.pdf', sha256: file.sha256, reason: null });
    expect(entries[5]).toMatchObject({ reason: '金额需与凭证核对。', filename: null });
    expect(entries[6]).toMatchObject({ reason: '与另一问题重复。' });
    const seqs = entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(entries.every((e) => e.occurredAt instanceof Date)).toBe(true);

    for (const as of [team.leader, OFFICE, LEADING_GROUP])
      expect(await queries().trail(id, as)).toEqual(entries);
    await expect(queries().trail(id, other.team.leader)).rejects.toMatchObject({
      code: 'NOT_ON_TEAM',
      status: 403,
    });
    await expect(queries().trail(uuidv7(), OFFICE)).rejects.toMatchObject({
      code: 'FINDING_NOT_FOUND',
      status: 404,
    });
  });
});
