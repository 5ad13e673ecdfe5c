import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RoundQuery } from '../rounds/round.dto';
import { InspectionDetailView, InspectionView } from './inspection.dto';
import { mapInspection, mapInspectionDetail } from './inspection.mapper';
import { findInspectionOrFail, listInspections } from './inspection.repository';
import { teamOf } from './team.repository';

@Injectable()
export class InspectionQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: RoundQuery): Promise<InspectionView[]> {
    return (await listInspections(this.dataSource.manager, query.roundId)).map(mapInspection);
  }

  /** An inspection this node holds in any role, with its team. */
  async detail(id: string): Promise<InspectionDetailView> {
    const manager = this.dataSource.manager;
    const inspection = await findInspectionOrFail(manager, id);
    return mapInspectionDetail(inspection, await teamOf(manager, id));
  }
}
