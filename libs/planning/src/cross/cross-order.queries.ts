import { Injectable } from '@nestjs/common';
import { NodeNames } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { RoundQuery } from '../rounds/round.dto';
import { CrossOrderView } from './cross.dto';
import { mapCrossOrder } from './cross.mapper';
import { listCrossOrders } from './cross-order.repository';

@Injectable()
export class CrossOrderQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly names: NodeNames,
  ) {}

  /** The orders this node holds (ordering, visiting or inspected), of a round or all. */
  async list(query: RoundQuery): Promise<CrossOrderView[]> {
    return (await listCrossOrders(this.dataSource.manager, query.roundId)).map((o) =>
      mapCrossOrder(o, (id) => this.names.label(id)),
    );
  }
}
