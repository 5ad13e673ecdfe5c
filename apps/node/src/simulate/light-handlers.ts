import type { Authentic, Settlement } from '@liandong/messaging';
import {
  CoverageReportedV1,
  DirectiveAcknowledgedV1,
  DirectiveIssuedV1,
  NodeRegisteredV1,
  RefusalError,
} from '@liandong/protocol';
import { LightNode } from './light-node';
import { Writes } from './light-store';

/**
 * What a light node does with an event that passed the common checks (§5.2 step 8): the
 * handful the simulation's flows need. Each checks first and writes after, so a refusal leaves
 * nothing behind. Any other type is refused as HANDLER_FAILED, named as such.
 */
export function handle(node: LightNode, event: Authentic, w: Writes, now: Date): Settlement {
  const { envelope } = event;
  const path = event.verified?.path ?? [];
  try {
    switch (envelope.type) {
      case NodeRegisteredV1.type: {
        const p = envelope.payload as NodeRegisteredV1;
        if (p.nodeId !== envelope.issuer || p.path.join('/') !== path.join('/'))
          throw new RefusalError(
            'NOT_AUTHORIZED',
            `registration of ${p.nodeId} does not match the issuer's certified place ${path.join('/')}`,
          );
        w.push(w.registrations, node.nodeId, p.nodeId, p.parentId, p.name, p.tier);
        if (p.parentId === node.nodeId) node.children.set(p.nodeId, p.name);
        break;
      }
      case DirectiveIssuedV1.type: {
        const p = envelope.payload as DirectiveIssuedV1;
        w.push(w.directives, node.nodeId, p.directiveId, envelope.issuer, p.title);
        const ack: DirectiveAcknowledgedV1 = {
          directiveId: p.directiveId,
          acknowledgedAt: now.toISOString(),
          acknowledgedBy: `${node.identity.name}巡察办`,
        };
        node.emit(w, DirectiveAcknowledgedV1.type, envelope.issuer, ack, now);
        node.reportDue.push({ directiveId: p.directiveId, issuer: envelope.issuer });
        break;
      }
      case CoverageReportedV1.type: {
        if (path[path.length - 2] !== node.nodeId)
          throw new RefusalError(
            'NOT_AUTHORIZED',
            `${envelope.issuer} is not a child of ${node.nodeId}`,
          );
        const p = envelope.payload as CoverageReportedV1;
        node.childCoverage.set(envelope.issuer, p.subtree);
        w.coverage.set(`${node.nodeId} ${envelope.issuer}`, [
          node.nodeId,
          envelope.issuer,
          JSON.stringify(p.subtree),
          envelope.id,
        ]);
        node.coverageDirty = true;
        break;
      }
      default:
        return {
          outcome: 'dead_lettered',
          code: 'HANDLER_FAILED',
          reason: `${envelope.type} is not handled by a light node of the simulation`,
        };
    }
    return { outcome: 'applied' };
  } catch (error) {
    if (error instanceof RefusalError)
      return { outcome: 'dead_lettered', code: error.code, reason: error.message };
    throw error;
  }
}
