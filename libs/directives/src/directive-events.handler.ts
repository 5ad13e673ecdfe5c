import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  DirectiveAcknowledgedV1,
  DirectiveIssuedV1,
  DirectiveRelayedV1,
  DirectiveReportedV1,
  RefusalError,
  TIERS,
} from '@liandong/protocol';
import {
  AuditService,
  Clock,
  EventHandlerRegistry,
  InboundEvent,
  InboundReceipt,
} from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { Directive, DirectiveRecipient } from './entities';
import { PolicyBook } from './policy-book.service';
import { ruleProblem } from './rules/rule-catalogue';

/** What directive events do on the node that receives them. Thin: each records and audits. */
@Injectable()
export class DirectiveEventsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlerRegistry,
    private readonly policies: PolicyBook,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.on<DirectiveIssuedV1>(DirectiveIssuedV1.type, (event) => this.issued(event));
    this.handlers.on<DirectiveAcknowledgedV1>(DirectiveAcknowledgedV1.type, (event) =>
      this.progress(event, {
        acknowledgedAt: new Date(event.envelope.payload.acknowledgedAt),
        acknowledgedBy: event.envelope.payload.acknowledgedBy,
      }),
    );
    this.handlers.on<DirectiveRelayedV1>(DirectiveRelayedV1.type, (event) =>
      this.progress(event, {
        relayedAt: new Date(event.envelope.payload.relayedAt),
        relayedDirectiveId: event.envelope.payload.relayedDirectiveId,
      }),
    );
    this.handlers.on<DirectiveReportedV1>(DirectiveReportedV1.type, (event) =>
      this.progress(event, {
        reportedAt: new Date(event.envelope.payload.reportedAt),
        reportedBy: event.envelope.payload.reportedBy,
        reportSummary: event.envelope.payload.summary,
      }),
    );
    this.handlers.onReceipt((receipts, manager) => this.receipted(receipts, manager));
  }

  private async issued({
    envelope,
    issuerPath,
    manager,
    later,
  }: InboundEvent<DirectiveIssuedV1>): Promise<void> {
    const p = envelope.payload;
    await this.checkRules(manager, p.policies, issuerPath);
    const row = {
      id: p.directiveId,
      origin: 'received',
      issuerNode: envelope.issuer,
      title: p.title,
      body: p.body,
      scope: p.scope,
      reportDueAt: new Date(p.reportDueAt),
      parentDirectiveId: p.parentDirectiveId ?? null,
      policies: p.policies,
      sealed: p.sealed ?? [],
      issuedAt: new Date(envelope.issuedAt),
      issuedBy: null,
      receivedAt: this.clock.now(),
    } as const;
    // Policy versions refer to their directive: then it is written at once.
    if (p.policies.length > 0) await manager.insert(Directive, row);
    else later.insert(Directive, row);
    await this.policies.apply(manager, p.policies, p.directiveId, envelope.issuer);
    await this.audit.record(manager, {
      actor: `node:${envelope.issuer}`,
      action: 'directive.received',
      subjectType: 'directive',
      subjectId: p.directiveId,
      detail: { eventId: envelope.id, title: p.title, policies: p.policies.length },
    });
  }

  /**
   * The receiver checks the rules again: a change that is not a known rule, not of its type
   * or range, or looser than what the issuer's own ancestors have in force here, refuses
   * the whole directive (a dead letter with the reason; nothing applied).
   */
  private async checkRules(
    manager: EntityManager,
    changes: DirectiveIssuedV1['policies'],
    issuerPath: string[],
  ): Promise<void> {
    const tier = TIERS[issuerPath.length - 1];
    for (const change of changes) {
      const above = await this.policies.inForceBy(
        change.key,
        change.effectiveFrom,
        issuerPath.slice(0, -1),
        manager,
      );
      const problem = ruleProblem(change, tier, above?.value);
      if (problem)
        throw new RefusalError(
          problem.kind === 'loosens' ? 'NOT_AUTHORIZED' : 'INVALID_PAYLOAD',
          `${problem.en} (${problem.zh})`,
        );
    }
  }

  private async progress(
    { envelope, manager }: InboundEvent<{ directiveId: string }>,
    change: Partial<DirectiveRecipient>,
  ): Promise<void> {
    const directiveId = envelope.payload.directiveId;
    // One statement on the common path (a batch brings hundreds of these): the recipient's
    // row of a directive issued here. Only when none is found is it asked why.
    const update = () =>
      manager
        .createQueryBuilder()
        .update(DirectiveRecipient)
        .set(change)
        .where('directive_id = :directiveId AND node_id = :nodeId', {
          directiveId,
          nodeId: envelope.issuer,
        })
        .andWhere(
          `EXISTS (SELECT 1 FROM directive d WHERE d.id = :directiveId AND d.origin = 'issued')`,
        )
        .execute();
    let result = await update();
    if (!result.affected) {
      await this.issuedHere(manager, directiveId);
      if (await this.joinedLater(manager, directiveId, envelope.issuer)) result = await update();
    }
    if (!result.affected) {
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `node ${envelope.issuer} is not a recipient of directive ${directiveId}`,
      );
    }
    await this.audit.record(manager, {
      actor: `node:${envelope.issuer}`,
      action: envelope.type.replace(/\.v\d+$/, ''),
      subjectType: 'directive',
      subjectId: directiveId,
      detail: { eventId: envelope.id },
    });
  }

  private async issuedHere(manager: EntityManager, directiveId: string): Promise<void> {
    const directive = await manager.findOne(Directive, {
      where: { id: directiveId, origin: 'issued' },
    });
    if (!directive)
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `directive ${directiveId} was not issued by this node`,
      );
  }

  /**
   * A node that registered after a subtree directive was issued gets it still (it is in force,
   * protocol.md §5.5): it is one of that directive's recipients from its first receipt or
   * answer on. Only registered descendants count.
   */
  private async joinedLater(
    manager: EntityManager,
    directiveId: string,
    nodeId: string,
  ): Promise<boolean> {
    const added: unknown[] = await manager.query(
      `INSERT INTO directive_recipient (directive_id, node_id, event_id)
       SELECT d.id, f.node_id, r.event_id FROM directive d
       JOIN federation_node f ON f.node_id = $2
       JOIN LATERAL (SELECT event_id FROM directive_recipient WHERE directive_id = d.id LIMIT 1) r ON true
       WHERE d.id = $1 AND d.origin = 'issued' AND d.scope = 'subtree'
       ON CONFLICT DO NOTHING RETURNING node_id`,
      [directiveId, nodeId],
    );
    return added.length > 0;
  }

  /** A receiver's receipt for the envelope that carried a directive: it has been received there. */
  private async receipted(receipts: InboundReceipt[], manager: EntityManager): Promise<void> {
    const received = receipts.filter((r) => r.outcome === 'applied' || r.outcome === 'duplicate');
    if (received.length === 0) return;
    // One envelope carries a subtree directive to every recipient: its event id names the
    // directive, found once per event id (joining every recipient row of it would cost
    // receipts × recipients).
    await manager.query(
      `WITH v AS (SELECT DISTINCT * FROM unnest($1::uuid[], $2::text[]) AS v(event_id, node_id)),
       carried AS (
         SELECT e.event_id, r.directive_id FROM (SELECT DISTINCT event_id FROM v) e
         JOIN LATERAL (SELECT directive_id FROM directive_recipient
                       WHERE event_id = e.event_id LIMIT 1) r ON true)
       INSERT INTO directive_recipient (directive_id, node_id, event_id)
       SELECT c.directive_id, v.node_id, v.event_id
       FROM v JOIN carried c ON c.event_id = v.event_id
       JOIN directive d ON d.id = c.directive_id AND d.scope = 'subtree' AND d.origin = 'issued'
       JOIN federation_node f ON f.node_id = v.node_id
       ON CONFLICT DO NOTHING`,
      [received.map((r) => r.eventId), received.map((r) => r.fromNode)],
    );
    await manager.query(
      `UPDATE directive_recipient d SET received_at = v.received_at
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS v(event_id, node_id, received_at)
       WHERE d.event_id = v.event_id AND d.node_id = v.node_id AND d.received_at IS NULL`,
      [
        received.map((r) => r.eventId),
        received.map((r) => r.fromNode),
        received.map((r) => r.receivedAt),
      ],
    );
  }
}
