import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page } from '../page';
import { EXPORT_HEADER, exportRow } from './registry-file';
import {
  ImportView,
  OrganizationQuery,
  OrganizationView,
  RegistrySummaryView,
} from './registry.dto';
import { mapImport, mapOrganization, mapSummary } from './registry.mapper';
import {
  allOrganizations,
  countByCategory,
  RegistrySearch,
  searchOrganizations,
} from './organization.repository';
import { findImportOrFail } from './registry-import.repository';

/** Reads of this node's organization registry (对象库), for its own screens and its ancestors. */
@Injectable()
export class RegistryQueries {
  constructor(private readonly dataSource: DataSource) {}

  async search(
    search: RegistrySearch,
  ): Promise<{ organizations: OrganizationView[]; total: number }> {
    const [organizations, total] = await searchOrganizations(this.dataSource.manager, search);
    return { organizations: organizations.map(mapOrganization), total };
  }

  /** A page of the registry (100 rows unless `limit` says otherwise). */
  async list(query: OrganizationQuery): Promise<Page<OrganizationView>> {
    const { organizations, total } = await this.search({ ...query, limit: query.limit ?? 100 });
    return { rows: organizations, total };
  }

  async summary(): Promise<RegistrySummaryView> {
    return mapSummary(await countByCategory(this.dataSource.manager));
  }

  /** The whole registry as the rows of an export file, header first. */
  async exportTable(): Promise<string[][]> {
    const organizations = await allOrganizations(this.dataSource.manager);
    return [EXPORT_HEADER, ...organizations.map(exportRow)];
  }

  async importJob(id: string): Promise<ImportView> {
    return mapImport(await findImportOrFail(this.dataSource.manager, id));
  }
}
