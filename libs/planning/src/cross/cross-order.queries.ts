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

  /**
   * The orders this node holds (ordering, visiting or inspected), of a round or all; the
   * other peer (not on this node's line) named from its certificate.
   */
  async list(query: RoundQuery): Promise<CrossOrderView[]> {
    const orders = await listCrossOrders(this.dataSource.manager, query.roundId);
    await this.names.learn(orders.flatMap((o) => [o.visitingNode, o.inspectedNode]));
    return orders.map((o) => mapCrossOrder(o, (id) => this.names.label(id)));
  }
}
