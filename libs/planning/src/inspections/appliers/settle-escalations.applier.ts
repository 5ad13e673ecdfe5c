import { Injectable } from '@nestjs/common';
import type { InboundReceipt } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { settleEscalations } from '../inspection.repository';

/** Receipts for escalations: applied means the owner accepted it; refused says why. */
@Injectable()
export class SettleEscalations {
  async apply(manager: EntityManager, receipts: InboundReceipt[]): Promise<void> {
    await settleEscalations(manager, receipts);
  }
}
