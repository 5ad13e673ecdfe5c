import { MakeReferral } from '../src/referrals/use-cases/make-referral.usecase';
import {
  CITY,
  inspection,
  OFFICE,
  PROVINCE,
  rectificationNode,
  signedFinding,
} from './rectification.fixture';
import { publishBodyKeys, rows } from './probes';

/**
 * 干部管理权限 from the city: a cadre managed by a tier that is neither on the city's line nor
 * the organization's own node has no body to receive the clue.
 */
describe('cadre jurisdiction seen from the city', () => {
  const node = rectificationNode(undefined, CITY);
  beforeAll(async () => {
    await node.start();
    await publishBodyKeys(node, PROVINCE);
  });
  afterAll(() => node.stop());

  it('refers a clue to the tier that manages the cadre on its line, and refuses a tier below it', async () => {
    const findingId = await signedFinding(node, await inspection(node));
    const refer = (cadreTier: 'provincial' | 'municipal' | 'county') =>
      node
        .get(MakeReferral)
        .execute(findingId, { kind: 'clue', cadreTier, content: '线索。' }, OFFICE);
    await expect(refer('county')).rejects.toMatchObject({ code: 'NO_BODY_WITH_JURISDICTION' });
    expect(await rows(node, 'referral', 'finding_id', findingId)).toEqual([]);
    expect((await refer('municipal')).targetNode).toBe(CITY);
    expect((await refer('provincial')).targetNode).toBe(PROVINCE);
  });
});
