import { Inject, Injectable } from '@nestjs/common';
import { Clock, MESSAGING_OPTIONS, MessagingOptions, NodeNames } from '@liandong/messaging';
import type { OversightFiguresV1 } from '@liandong/protocol';
import { DataSource, EntityManager } from 'typeorm';
import { ReferralListView } from '../dto/referral.views';
import { Referral } from '../entities';
import { mapReferralList } from './referral.mapper';
import { referralState } from './referral-state';

@Injectable()
export class ReferralQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private get self(): string {
    return this.options.identity.nodeId;
  }

  /** What this node sent, with its summary, and what it received. */
  async list(): Promise<ReferralListView> {
    const rows = await this.dataSource.manager.find(Referral, { order: { sentAt: 'ASC' } });
    return mapReferralList(
      rows.filter((r) => r.fromNode === this.self),
      rows.filter((r) => r.targetNode === this.self),
      this.clock.now(),
      (id) => this.names.label(id),
    );
  }

  /** What this node sent: open, overdue (unacknowledged past the deadline), disposed. */
  async figures(manager: EntityManager): Promise<Partial<OversightFiguresV1>> {
    const sent = await manager.find(Referral, { where: { fromNode: this.self } });
    const now = this.clock.now();
    const states = sent.map((r) => referralState(r, now));
    return {
      referralsSent: sent.length,
      referralsOpen: states.filter((s) => s !== 'disposed').length,
      referralsOverdue: states.filter((s) => s === 'overdue').length,
      referralsDisposed: states.filter((s) => s === 'disposed').length,
    };
  }
}
