import { Injectable } from '@nestjs/common';
import { Envelope, ReceiptOutcome, RefusalCode } from '@liandong/protocol';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export interface InboundEvent<P = unknown> {
  envelope: Envelope<P>;
  /** Division codes from central down to the issuer, proven by its certificate chain. */
  issuerPath: string[];
  /** The node that put this envelope on the wire (the issuer, or a forwarding ancestor). */
  hopFrom: string | null;
  /** The transaction the effect must be written in, together with the inbox row. */
  manager: EntityManager;
  /**
   * Rows inserted at the end of the inbox batch, one statement per table, in the same
   * transaction: for a handler's plain insert that nothing later in the batch reads or
   * refers to (a round trip per event saved).
   */
  later: LaterInserts;
}

/** Inserts gathered over an inbox batch and written together before its inbox rows. */
export class LaterInserts {
  private readonly rows = new Map<EntityTarget<ObjectLiteral>, ObjectLiteral[]>();

  insert<T extends ObjectLiteral>(entity: EntityTarget<T>, row: QueryDeepPartialEntity<T>): void {
    const rows = this.rows.get(entity) ?? [];
    rows.push(row as ObjectLiteral);
    this.rows.set(entity, rows);
  }

  async flush(manager: EntityManager): Promise<void> {
    for (const [entity, rows] of this.rows)
      for (let start = 0; start < rows.length; start += 1000)
        await manager.insert(entity, rows.slice(start, start + 1000));
    this.rows.clear();
  }
}

export interface InboundReceipt {
  eventId: string;
  /** The node whose signed receipt this is. */
  fromNode: string;
  outcome: ReceiptOutcome;
  reasonCode: RefusalCode | null;
  reason: string | null;
  receivedAt: Date;
}

export type EventHandler = (event: InboundEvent<never>) => Promise<void>;
/** Called with every receipt of a batch, inside the batch's transaction. */
export type ReceiptListener = (receipts: InboundReceipt[], manager: EntityManager) => Promise<void>;

/**
 * Called, inside the transaction, when this node told a child that a subtree sequence
 * continues past envelopes it cannot re-send (the child joined late or they expired): what
 * those envelopes set that still applies (policies) is handed over by the domain modules.
 */
export type CatchUpListener = (manager: EntityManager, child: string) => Promise<void>;

/** Domain modules register what an event type does on this node; one handler per type. */
@Injectable()
export class EventHandlerRegistry {
  private readonly handlers = new Map<string, EventHandler>();
  private readonly receiptListeners: ReceiptListener[] = [];
  private readonly catchUpListeners: CatchUpListener[] = [];

  on<P>(type: string, handler: (event: InboundEvent<P>) => Promise<void>): void {
    if (this.handlers.has(type)) throw new Error(`a handler for ${type} is already registered`);
    this.handlers.set(type, handler as EventHandler);
  }

  onReceipt(listener: ReceiptListener): void {
    this.receiptListeners.push(listener);
  }

  onCatchUp(listener: CatchUpListener): void {
    this.catchUpListeners.push(listener);
  }

  get catchUpHandlers(): readonly CatchUpListener[] {
    return this.catchUpListeners;
  }

  handlerFor(type: string): EventHandler | undefined {
    return this.handlers.get(type);
  }

  get receiptHandlers(): readonly ReceiptListener[] {
    return this.receiptListeners;
  }
}
