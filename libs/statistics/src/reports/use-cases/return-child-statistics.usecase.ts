import { Injectable } from '@nestjs/common';
import type { Principal } from '@liandong/access';
import { ReturnStatisticsDto } from '../statistics.dto';
import { StatisticsView } from '../statistics.views';
import { DecideChildStatistics } from './decide-child';

/** 退回: the child's latest version goes back with a reason; the child may submit a new version. */
@Injectable()
export class ReturnChildStatistics {
  constructor(private readonly decide: DecideChildStatistics) {}

  execute(
    nodeId: string,
    year: number,
    dto: ReturnStatisticsDto,
    user: Principal,
  ): Promise<StatisticsView> {
    return this.decide.execute(nodeId, year, { accept: false, reason: dto.reason }, user);
  }
}
