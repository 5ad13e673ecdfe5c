import { Injectable } from '@nestjs/common';
import type { InboundReceipt } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { refuseOrders } from '../cross-order.repository';

/** A peer's refusal of an order (in its receipt) marks the order refused, with the reason. */
@Injectable()
export class SettleCrossOrders {
  async apply(manager: EntityManager, receipts: InboundReceipt[]): Promise<void> {
    const refused = receipts.filter(
      (r) => r.outcome === 'rejected' || r.outcome === 'dead_lettered',
    );
    if (refused.length === 0) return;
    await refuseOrders(manager, refused);
  }
}
