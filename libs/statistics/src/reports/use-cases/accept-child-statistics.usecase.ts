import { Injectable } from '@nestjs/common';
import type { Principal } from '@liandong/access';
import { StatisticsView } from '../statistics.views';
import { DecideChildStatistics } from './decide-child';

/** 审核通过: the child's latest version is accepted and locked; its subtree rolls into this node's totals. */
@Injectable()
export class AcceptChildStatistics {
  constructor(private readonly decide: DecideChildStatistics) {}

  execute(nodeId: string, year: number, user: Principal): Promise<StatisticsView> {
    return this.decide.execute(nodeId, year, { accept: true }, user);
  }
}
