import { Injectable } from '@nestjs/common';
import { Principal } from '@liandong/access';
import { DataSource } from 'typeorm';
import { FindingView } from '../dto/finding.views';
import { TeamAccess } from '../team-access';
import { mapFinding } from './finding.mapper';
import { findingsWithEvidence } from './finding.repository';

@Injectable()
export class FindingQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly team: TeamAccess,
  ) {}

  /** An inspection's findings with their evidence lists, for its team, the office and the leading group. */
  async list(inspectionId: string, user: Principal): Promise<FindingView[]> {
    const manager = this.dataSource.manager;
    await this.team.requireTeamOrOffice(manager, inspectionId, user);
    return (await findingsWithEvidence(manager, inspectionId)).map((f) =>
      mapFinding(f, f.evidence),
    );
  }
}
