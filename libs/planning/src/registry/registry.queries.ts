import { Injectable } from '@nestjs/common';
import { TIER_LABELS } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { CATEGORIES } from '../categories';
import { OrganizationView } from './registry.dto';
import { Organization } from '../entities';

export interface RegistrySearch {
  /** Part of the name or of the code. */
  q?: string;
  /** Exactly this code. */
  code?: string;
  category?: string;
  limit: number;
  offset?: number;
}

export const organizationView = (org: Organization): OrganizationView => ({
  code: org.code,
  name: org.name,
  category: org.category,
  categoryLabel: CATEGORIES[org.category],
  parentCode: org.parentCode,
  cadreTier: org.cadreTier,
  cadreTierLabel: TIER_LABELS[org.cadreTier],
});

/** Reads of this node's organization registry (对象库), for its own screens and its ancestors. */
@Injectable()
export class RegistryQueries {
  constructor(private readonly dataSource: DataSource) {}

  async search(search: RegistrySearch): Promise<{ organizations: Organization[]; total: number }> {
    const builder = this.dataSource
      .getRepository(Organization)
      .createQueryBuilder('o')
      .orderBy('o.code')
      .take(search.limit)
      .skip(search.offset ?? 0);
    if (search.code) builder.andWhere('o.code = :code', { code: search.code });
    if (search.category) builder.andWhere('o.category = :category', { category: search.category });
    if (search.q)
      builder.andWhere(`(strpos(o.name, :q) > 0 OR strpos(o.code, :q) > 0)`, { q: search.q });
    const [organizations, total] = await builder.getManyAndCount();
    return { organizations, total };
  }
}
