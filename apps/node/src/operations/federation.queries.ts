import { Inject, Injectable } from '@nestjs/common';
import {
  DeadLetter,
  FederationNode,
  MESSAGING_OPTIONS,
  MessagingOptions,
} from '@liandong/messaging';
import { Tier, TIER_LABELS } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import {
  DeadLetterQuery,
  DeadLetterView,
  FederationNodeView,
  OutboxSummaryView,
} from './federation.dto';

/** What a node tells of itself and its place in the federation: identity, subtree, mail. */
@Injectable()
export class FederationQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  identity(): FederationNodeView {
    const { identity } = this.options;
    return {
      nodeId: identity.nodeId,
      name: identity.name,
      tier: identity.tier,
      tierLabel: TIER_LABELS[identity.tier],
      parentId: identity.parentId,
      path: identity.path,
    };
  }

  /** The nodes of this node's subtree that have registered. */
  async nodes(): Promise<FederationNodeView[]> {
    const rows = await this.dataSource
      .getRepository(FederationNode)
      .find({ order: { nodeId: 'ASC' } });
    return rows.map((row) => ({
      nodeId: row.nodeId,
      name: row.name,
      tier: row.tier,
      tierLabel: TIER_LABELS[row.tier as Tier] ?? row.tier,
      parentId: row.parentId,
      path: row.path,
    }));
  }

  /** Refused and dead-lettered envelopes, newest first. */
  async deadLetters(query: DeadLetterQuery): Promise<DeadLetterView[]> {
    const rows = await this.dataSource.getRepository(DeadLetter).find({
      where: query.kind ? { kind: query.kind } : {},
      order: { id: 'DESC' },
      take: query.limit ?? 100,
    });
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      reasonCode: row.reasonCode,
      reason: row.reason,
      eventId: row.eventId,
      eventType: row.eventType,
      issuer: row.issuer,
      hopFrom: row.hopFrom,
      recordedAt: row.recordedAt.toISOString(),
    }));
  }

  async deadLetterCount(): Promise<number> {
    return this.dataSource.getRepository(DeadLetter).count();
  }

  /** Outbox rows by status (pending, published, delivered, refused). */
  async outboxCounts(): Promise<Record<string, number>> {
    const rows: Array<{ status: string; count: string }> = await this.dataSource.query(
      `SELECT status, count(*) AS count FROM outbox GROUP BY status`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
  }

  async outboxSummary(): Promise<OutboxSummaryView> {
    const byStatus: Record<string, number> = {
      pending: 0,
      published: 0,
      delivered: 0,
      refused: 0,
      ...(await this.outboxCounts()),
    };
    return { byStatus, awaitingReceipt: byStatus.published };
  }
}
