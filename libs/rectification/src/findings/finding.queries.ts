import { Injectable } from '@nestjs/common';
import { Principal } from '@liandong/access';
import { DataSource } from 'typeorm';
import { FindingTrailEntryView, FindingView } from '../dto/finding.views';
import { TeamAccess } from '../team-access';
import { mapFinding, mapTrailEntry } from './finding.mapper';
import {
  auditEntriesOf,
  findFinding,
  findingsWithEvidence,
  findingWithEvidence,
} from './finding.repository';

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

  /** One finding with its evidence list, for its team, the office and the leading group. */
  async one(id: string, user: Principal): Promise<FindingView> {
    const manager = this.dataSource.manager;
    const finding = await findingWithEvidence(manager, id);
    await this.team.requireTeamOrOffice(manager, finding.inspectionId, user);
    return mapFinding(finding, finding.evidence);
  }

  /** Who did what to a finding and when (the audit log's entries about it), oldest first. */
  async trail(id: string, user: Principal): Promise<FindingTrailEntryView[]> {
    const manager = this.dataSource.manager;
    const finding = await findFinding(manager, id);
    await this.team.requireTeamOrOffice(manager, finding.inspectionId, user);
    return (await auditEntriesOf(manager, id)).map(mapTrailEntry);
  }
}
