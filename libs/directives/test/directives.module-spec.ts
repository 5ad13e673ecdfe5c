import { DirectiveAcknowledgedV1, DirectiveIssuedV1, uuidv7 } from '@liandong/protocol';
import { NodeFixture } from '@liandong/testing';
import { DIRECTIVE_ENTITIES, DIRECTIVE_MIGRATIONS, DirectivesModule } from '../src';
import { DirectiveQueries } from '../src/directive.queries';
import { AcknowledgeDirective } from '../src/use-cases/acknowledge-directive.usecase';

/** The smallest module test: a directive received from the parent, acknowledged, told upward. */
describe('directives on one node', () => {
  const node = new NodeFixture({
    nodeId: '130100',
    imports: [DirectivesModule],
    entities: DIRECTIVE_ENTITIES,
    migrations: DIRECTIVE_MIGRATIONS,
  });
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const directive = (): DirectiveIssuedV1 => ({
    directiveId: uuidv7(),
    title: '关于开展巡察工作的部署',
    body: '正文',
    scope: 'children',
    reportDueAt: new Date(node.clock.now().getTime() + 30 * 86_400_000).toISOString(),
    parentDirectiveId: null,
    policies: [],
  });

  it('applies a directive from its parent and tells the parent of the acknowledgement', async () => {
    const payload = directive();
    expect(await node.deliver('130000', DirectiveIssuedV1.type, payload)).toMatchObject({
      outcome: 'applied',
    });
    expect((await node.get(DirectiveQueries).get(payload.directiveId)).title).toBe(payload.title);
    await node
      .get(AcknowledgeDirective)
      .execute(payload.directiveId, { acknowledgedBy: '巡察办 李四' }, 'user:office');
    expect(await node.sent<DirectiveAcknowledgedV1>(DirectiveAcknowledgedV1.type)).toEqual([
      {
        audience: 'node:130000',
        payload: expect.objectContaining({
          directiveId: payload.directiveId,
          acknowledgedBy: '巡察办 李四',
        }),
      },
    ]);
  });

  it('refuses a directive from a node that is not its ancestor', async () => {
    const settled = await node.deliver('130121', DirectiveIssuedV1.type, directive());
    expect(settled).toMatchObject({ outcome: 'rejected', reasonCode: 'NOT_AUTHORIZED' });
  });
});
