import { Injectable } from '@nestjs/common';
import { NodeNames } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { inspectionsInRound } from '../inspections/inspection.repository';
import { RoundDetailView, RoundView } from './round.dto';
import { mapRound, mapRoundDetail } from './round.mapper';
import { allRounds, findRoundOrFail, linksOf } from './round.repository';

@Injectable()
export class RoundQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly names: NodeNames,
  ) {}

  async list(): Promise<RoundView[]> {
    return (await allRounds(this.dataSource.manager)).map((r) => mapRound(r, this.names));
  }

  /** A round with its linked children, its inspections and the results reported under it. */
  async detail(id: string): Promise<RoundDetailView> {
    const manager = this.dataSource.manager;
    const round = await findRoundOrFail(manager, id);
    return mapRoundDetail(
      round,
      await linksOf(manager, id),
      await inspectionsInRound(manager, id),
      this.names,
    );
  }
}
