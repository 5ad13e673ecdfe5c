import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { nodeAudience, NodeRegisteredV1, RefusalError } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { AuditService } from './audit.service';
import { Clock } from './clock';
import { FederationNode, NodeState } from './entities';
import { NodeIdentity } from './identity';
import { EventHandlerRegistry, InboundEvent } from './event-handlers';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { NodeNames } from './node-names';
import { OutboxService } from './outbox.service';

/** What a node announces of itself to each ancestor (node.registered.v1). */
export function registrationOf(identity: NodeIdentity): NodeRegisteredV1 {
  return {
    nodeId: identity.nodeId,
    name: identity.name,
    tier: identity.tier,
    parentId: identity.parentId,
    path: identity.path,
  };
}

/**
 * How each node learns its subtree: a node announces itself once (per key) to every
 * ancestor with a signed node.registered event; ancestors keep the nodes below them.
 * Subtree events are forwarded along these parent links.
 */
@Injectable()
export class RegistrationService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly handlers: EventHandlerRegistry,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    this.handlers.on<NodeRegisteredV1>(NodeRegisteredV1.type, (event) => this.onRegistered(event));
  }

  /** Announces this node to its ancestors unless this key already did. */
  async ensureRegistered(): Promise<void> {
    const { identity } = this.options;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO node_state (node_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
        identity.nodeId,
      ]);
      const state = await manager.findOneOrFail(NodeState, {
        where: { nodeId: identity.nodeId },
        lock: { mode: 'pessimistic_write' },
      });
      if (state.registeredKeyId === identity.key.keyId) return;
      const payload = registrationOf(identity);
      for (const ancestor of identity.path.slice(0, -1)) {
        await this.outbox.emit(manager, {
          type: NodeRegisteredV1.type,
          audience: nodeAudience(ancestor),
          payload,
        });
      }
      await manager.update(
        NodeState,
        { nodeId: identity.nodeId },
        { registeredKeyId: identity.key.keyId, registeredAt: this.clock.now() },
      );
      await this.audit.record(manager, {
        actor: 'system',
        action: 'node.registered',
        subjectType: 'node',
        subjectId: identity.nodeId,
        detail: { keyId: identity.key.keyId, ancestors: identity.path.slice(0, -1) },
      });
    });
  }

  private async onRegistered({
    envelope,
    issuerPath,
    manager,
  }: InboundEvent<NodeRegisteredV1>): Promise<void> {
    const node = envelope.payload;
    if (node.nodeId !== envelope.issuer || node.path.join('/') !== issuerPath.join('/')) {
      throw new RefusalError(
        'NOT_AUTHORIZED',
        `registration of ${node.nodeId} does not match the issuer's certified place ${issuerPath.join('/')}`,
      );
    }
    this.names.remember(node.nodeId, node.name);
    await manager.upsert(
      FederationNode,
      {
        nodeId: node.nodeId,
        name: node.name,
        tier: node.tier,
        parentId: node.parentId,
        path: node.path,
        registeredAt: this.clock.now(),
      },
      ['nodeId'],
    );
    await this.audit.record(manager, {
      actor: `node:${envelope.issuer}`,
      action: 'federation.node_registered',
      subjectType: 'node',
      subjectId: node.nodeId,
      detail: { eventId: envelope.id, path: node.path },
    });
  }
}
