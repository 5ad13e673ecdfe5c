import { Injectable } from '@nestjs/common';
import { DirectiveRelayedV1, nodeAudience, uuidv7 } from '@liandong/protocol';
import { AuditService, Clock, OutboxService } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { mapDirective } from '../directive.mapper';
import { RelayDirectiveDto } from '../dto/directive.dto';
import { DirectiveView } from '../dto/directive.views';
import { Directive } from '../entities';
import { IssueDirective } from './issue-directive.usecase';
import { lockReceivedDirective } from './received-directive';
import { directiveRefusal } from '../directives.errors';

/**
 * 层层传导: issues a new directive of this node's own that carries the received one on,
 * with requirements for this node's area, and tells the original issuer.
 */
@Injectable()
export class RelayDirective {
  constructor(
    private readonly dataSource: DataSource,
    private readonly issue: IssueDirective,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, dto: RelayDirectiveDto, actor: string): Promise<DirectiveView> {
    const relayed = await this.dataSource.transaction(async (manager) => {
      const received = await lockReceivedDirective(manager, id);
      if (!received.acknowledgedAt)
        throw directiveRefusal(
          'NOT_ACKNOWLEDGED',
          {
            zh: '请先签收这份部署，再转发',
            en: `acknowledge (签收) directive ${id} before relaying it`,
          },
          409,
        );
      if (received.relayedDirectiveId) {
        throw directiveRefusal(
          'ALREADY_RELAYED',
          {
            zh: '这份部署已经转发过了，不能再次转发',
            en: `directive ${id} was already relayed as ${received.relayedDirectiveId}`,
          },
          409,
        );
      }
      // The relay event goes out before the new directive is issued: every sequence lock of
      // this transaction is taken before the audit chain's lock (see docs/architecture.md).
      const relayedId = uuidv7(this.clock.now().getTime());
      const payload: DirectiveRelayedV1 = {
        directiveId: id,
        relayedDirectiveId: relayedId,
        relayedAt: this.clock.now().toISOString(),
      };
      await this.outbox.emit(manager, {
        type: DirectiveRelayedV1.type,
        audience: nodeAudience(received.issuerNode),
        payload,
      });
      const relayed = await this.issue.issueIn(manager, {
        id: relayedId,
        title: dto.title ?? `〔转发〕${received.title}`,
        body: `${dto.requirements}\n\n——转发上级部署——\n${received.title}\n${received.body}`,
        scope: dto.scope,
        reportDueAt: dto.reportDueAt,
        issuedBy: dto.relayedBy,
        policies: dto.policies ?? [],
        parentDirectiveId: received.id,
        actor,
      });
      await manager.update(Directive, { id }, { relayedDirectiveId: relayed.id });
      await this.audit.record(manager, {
        actor,
        action: 'directive.relayed',
        subjectType: 'directive',
        subjectId: id,
        detail: { relayedDirectiveId: relayed.id },
      });
      return relayed;
    });
    return mapDirective(relayed, this.clock.now());
  }
}
