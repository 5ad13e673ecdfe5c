import { EntityManager } from 'typeorm';
import { Directive } from '../entities';
import { directiveRefusal } from '../directives.errors';

/** Loads a directive this node received, locked for update, or says why it cannot be acted on. */
export async function lockReceivedDirective(
  manager: EntityManager,
  id: string,
): Promise<Directive> {
  const directive = await manager.findOne(Directive, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!directive)
    throw directiveRefusal(
      'DIRECTIVE_NOT_FOUND',
      { zh: '本节点没有这份部署', en: `no directive ${id} on this node` },
      404,
    );
  if (directive.origin !== 'received') {
    throw directiveRefusal(
      'NOT_A_RECEIVED_DIRECTIVE',
      {
        zh: '这份部署是本节点下发的，签收、转发和报告落实情况由接收的下级办理',
        en: `directive ${id} was issued by this node; only its recipients acknowledge, relay or report it`,
      },
      409,
    );
  }
  return directive;
}
