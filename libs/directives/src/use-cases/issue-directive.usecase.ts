import { Inject, Injectable } from '@nestjs/common';
import {
  Body,
  BODY_LABELS,
  DirectiveIssuedV1,
  DirectiveScope,
  seal,
  SealedBox,
  nodeAudience,
  subtreeAudience,
  uuidv7,
} from '@liandong/protocol';
import {
  AuditService,
  Clock,
  FederationNode,
  KeyRegistryService,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  OutboxService,
} from '@liandong/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { mapDirective } from '../directive.mapper';
import { IssueDirectiveDto } from '../dto/directive.dto';
import { DirectiveView } from '../dto/directive.views';
import { Directive, DirectiveRecipient } from '../entities';
import { PolicyBook, PolicyChange } from '../policy-book.service';
import { ruleProblem } from '../rules/rule-catalogue';
import { directiveRefusal } from '../directives.errors';

export interface IssueDirectiveCommand {
  title: string;
  body: string;
  scope: DirectiveScope;
  reportDueAt: string;
  issuedBy: string;
  /** Who is acting, as the audit log names them (`user:<name>`). */
  actor: string;
  policies: PolicyChange[];
  /** 密件 for receiving bodies of recipient nodes; sealed here, never stored in the clear. */
  confidential?: Array<{ nodeId: string; body: Body; text: string }>;
  parentDirectiveId: string | null;
  correlationId?: string;
  causationId?: string | null;
  /** Set when the caller must name the directive before it is issued. */
  id?: string;
}

/** 部署: records the directive, its recipients and its policies, and emits it — in one transaction. */
@Injectable()
export class IssueDirective {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly policies: PolicyBook,
    private readonly clock: Clock,
    private readonly keys: KeyRegistryService,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /**
   * Each rule change must be a known rule, of its type and range, and — below the rule's
   * owner tier — no looser than what the tiers above have in force on its effective day.
   */
  private async checkRules(manager: EntityManager, changes: PolicyChange[]): Promise<void> {
    const { identity } = this.options;
    const ancestors = identity.path.slice(0, -1);
    for (const change of changes) {
      const above = await this.policies.inForceBy(
        change.key,
        change.effectiveFrom,
        ancestors,
        manager,
      );
      const problem = ruleProblem(change, identity.tier, above?.value);
      if (problem)
        throw directiveRefusal(
          problem.kind === 'loosens' ? 'RULE_LOOSENED' : 'RULE_INVALID',
          { zh: problem.zh, en: problem.en },
          400,
        );
    }
  }

  /** Seals each annex to its body's published key; only recipients of the directive may get one. */
  private async seal(
    annexes: Array<{ nodeId: string; body: Body; text: string }>,
    recipients: Set<string>,
  ): Promise<SealedBox[]> {
    const boxes: SealedBox[] = [];
    for (const annex of annexes) {
      if (!recipients.has(annex.nodeId)) {
        throw directiveRefusal(
          'NOT_A_RECIPIENT',
          {
            zh: `${this.names.label(annex.nodeId)}不在这份部署的接收范围内，不能给它附密件`,
            en: `node ${annex.nodeId} does not receive this directive, so it cannot get a confidential annex`,
          },
          409,
        );
      }
      const key = await this.keys.bodyKey(annex.nodeId, annex.body).catch((error: Error) => {
        throw directiveRefusal(
          'NO_BODY_KEY',
          {
            zh: `无法加密给${this.names.label(annex.nodeId)}的${BODY_LABELS[annex.body]}：该机关的密钥尚未发布或无法核验，请该节点重新启动后再试`,
            en: `cannot seal to the ${annex.body} body of ${annex.nodeId}: ${error.message}`,
          },
          409,
        );
      });
      boxes.push(
        seal(annex.text, { nodeId: annex.nodeId, body: annex.body, publicKey: key.publicKey }),
      );
    }
    return boxes;
  }

  async execute(dto: IssueDirectiveDto, actor: string): Promise<DirectiveView> {
    const directive = await this.dataSource.transaction((manager) =>
      this.issueIn(manager, {
        ...dto,
        actor,
        policies: dto.policies ?? [],
        parentDirectiveId: null,
      }),
    );
    return mapDirective(directive, this.clock.now());
  }

  async issueIn(manager: EntityManager, command: IssueDirectiveCommand): Promise<Directive> {
    const self = this.options.identity.nodeId;
    const recipients =
      command.scope === 'children'
        ? await manager.find(FederationNode, {
            where: { parentId: self },
            order: { nodeId: 'ASC' },
          })
        : await manager.find(FederationNode, { order: { nodeId: 'ASC' } });
    await this.checkRules(manager, command.policies);
    if (new Date(command.reportDueAt).getTime() <= this.clock.now().getTime())
      throw directiveRefusal(
        'DUE_IN_THE_PAST',
        {
          zh: '落实情况报告截止时间已经过去，请选一个以后的时间',
          en: 'reportDueAt is in the past: choose a time after now',
        },
        400,
      );
    if (recipients.length === 0) {
      throw directiveRefusal(
        'NO_RECIPIENTS',
        {
          zh: '本节点下级尚无节点接入，部署无法下发。请先让下级节点上线',
          en: `no node below ${self} has registered yet; start the nodes of this subtree first`,
        },
        409,
      );
    }
    const sealed = await this.seal(
      command.confidential ?? [],
      new Set(recipients.map((r) => r.nodeId)),
    );
    const now = this.clock.now();
    const directive = manager.create(Directive, {
      id: command.id ?? uuidv7(now.getTime()),
      origin: 'issued',
      issuerNode: self,
      title: command.title,
      body: command.body,
      scope: command.scope,
      reportDueAt: new Date(command.reportDueAt),
      parentDirectiveId: command.parentDirectiveId,
      policies: command.policies.map(({ key, value, effectiveFrom }) => ({
        key,
        value,
        effectiveFrom,
      })),
      issuedAt: now,
      issuedBy: command.issuedBy,
      receivedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      relayedDirectiveId: null,
      reportedAt: null,
      reportedBy: null,
      reportSummary: null,
      sealed,
    });
    await manager.insert(Directive, directive);
    const payload: DirectiveIssuedV1 = {
      directiveId: directive.id,
      title: directive.title,
      body: directive.body,
      scope: directive.scope,
      reportDueAt: directive.reportDueAt.toISOString(),
      parentDirectiveId: directive.parentDirectiveId,
      policies: directive.policies,
      ...(sealed.length > 0 ? { sealed } : {}),
    };
    const eventFor = new Map<string, string>();
    const meta = {
      type: DirectiveIssuedV1.type,
      payload,
      correlationId: command.correlationId,
      causationId: command.causationId,
    };
    if (command.scope === 'children') {
      const envelopes = await this.outbox.emitMany(
        manager,
        recipients.map((child) => ({ ...meta, audience: nodeAudience(child.nodeId) })),
      );
      recipients.forEach((child, i) => eventFor.set(child.nodeId, envelopes[i].id));
    } else {
      const envelope = await this.outbox.emit(manager, {
        ...meta,
        audience: subtreeAudience(self),
      });
      for (const node of recipients) eventFor.set(node.nodeId, envelope.id);
    }
    await manager.insert(
      DirectiveRecipient,
      recipients.map((node) => ({
        directiveId: directive.id,
        nodeId: node.nodeId,
        eventId: eventFor.get(node.nodeId) as string,
      })),
    );
    await this.policies.apply(manager, directive.policies, directive.id, self);
    await this.audit.record(manager, {
      actor: command.actor,
      action: 'directive.issued',
      subjectType: 'directive',
      subjectId: directive.id,
      detail: {
        issuedBy: command.issuedBy,
        title: directive.title,
        scope: directive.scope,
        recipients: recipients.length,
        parentDirectiveId: directive.parentDirectiveId,
      },
    });
    return directive;
  }
}
