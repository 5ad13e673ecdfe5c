import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';
import { PeerProtocol } from './entities';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

/** The header a node of protocol 1.1 puts on every message it publishes (protocol.md §9.1). */
export const PROTOCOL_HEADER = 'Liandong-Protocol';
export const PROTOCOL_VERSION = '1.1';

/** Whether a header value announces the batched forms (1.1 or a later 1.x). */
export function announcesBatchForms(value: string | undefined): boolean {
  const match = /^1\.(\d+)$/.exec(value?.trim() ?? '');
  return match !== null && Number(match[1]) >= 1;
}

/**
 * Which peers read protocol 1.1's batched forms. A peer counts as 1.1 from the first
 * authenticated message it published with the header, and as 1.0 again from the first
 * without it (a node rolled back); kept in the database so a restart does not forget.
 */
@Injectable()
export class PeerProtocolService {
  private known?: Promise<Map<string, boolean>>;

  constructor(
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /**
   * Whether this node may send `nodeId` a batch signature or a range receipt. Asked inside a
   * transaction, it reads through that transaction's connection (a pool held by concurrent
   * transactions must not have to lend another one).
   */
  async batchFormsTo(manager: EntityManager, nodeId: string): Promise<boolean> {
    if (!this.options.batchForms) return false;
    return (await this.peers(manager)).get(nodeId) === true;
  }

  /** Records what the publishers of an inbox batch announced, where it changed. */
  async heard(manager: EntityManager, announced: Map<string, boolean>): Promise<void> {
    const peers = await this.peers(manager);
    const changed = [...announced].filter(([nodeId, batch]) => peers.get(nodeId) !== batch);
    if (changed.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(PeerProtocol)
      .values(
        changed.map(([nodeId, batchForms]) => ({ nodeId, batchForms, seenAt: this.clock.now() })),
      )
      .orUpdate(['batch_forms', 'seen_at'], ['node_id'])
      .execute();
    for (const [nodeId, batch] of changed) peers.set(nodeId, batch);
  }

  private peers(manager: EntityManager): Promise<Map<string, boolean>> {
    this.known ??= manager
      .getRepository(PeerProtocol)
      .find()
      .then((rows) => new Map(rows.map((row) => [row.nodeId, row.batchForms])))
      .catch((error: unknown) => {
        this.known = undefined;
        throw error;
      });
    return this.known;
  }
}
