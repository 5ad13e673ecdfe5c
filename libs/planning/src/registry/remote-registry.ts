import { Inject, Injectable } from '@nestjs/common';
import {
  LiveQueries,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
  registeredNode,
} from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { planningRefusal } from '../planning.errors';
import { DescendantRegistryQuery, DescendantRegistryView } from './descendant-registry.dto';
import { OrganizationView } from './registry.dto';

/** The body of a `registry` live query (protocol.md §10). */
export interface RegistryQueryBody {
  q?: string;
  code?: string;
  category?: string;
  limit: number;
}

export interface RegistryAnswer {
  organizations: OrganizationView[];
  total: number;
}

/**
 * A descendant's organization registry, read live (protocol.md §10): an ancestor picks the
 * organization it escalates from the owner's own registry, so both nodes hold the same
 * name and category. (This node answers its ancestors in RegistryLiveQueryHandler.)
 */
@Injectable()
export class RemoteRegistry {
  constructor(
    private readonly dataSource: DataSource,
    private readonly liveQueries: LiveQueries,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Searches `owner`'s registry; only a registered descendant of this node may be read. */
  async search(owner: string, body: RegistryQueryBody): Promise<RegistryAnswer> {
    await this.descendant(owner);
    return this.liveQueries.ask<RegistryQueryBody, RegistryAnswer>(owner, 'registry', body);
  }

  /** What a person browsing a descendant's registry sees (20 organizations unless asked for more). */
  async browse(nodeId: string, query: DescendantRegistryQuery): Promise<DescendantRegistryView> {
    const answer = await this.search(nodeId, {
      ...(query.q ? { q: query.q } : {}),
      ...(query.category ? { category: query.category } : {}),
      limit: query.limit ?? 20,
    });
    return { nodeId, nodeLabel: this.names.label(nodeId), ...answer };
  }

  /** The organization `code` as `owner`'s registry holds it, or a 404 naming both. */
  async pick(owner: string, code: string): Promise<OrganizationView> {
    const { organizations } = await this.search(owner, { code, limit: 1 });
    const organization = organizations.find((o) => o.code === code);
    if (!organization)
      throw planningRefusal(
        'ORGANIZATION_NOT_FOUND',
        {
          zh: `${this.names.label(owner)}的对象库中没有代码为 ${code} 的党组织。请在该节点的对象库中选择（GET /federation/nodes/${owner}/organizations），或请该节点先登记`,
          en: `organization ${code} is not in the registry of node ${owner}; pick one from GET /federation/nodes/${owner}/organizations, or have that node import it first`,
        },
        404,
      );
    return organization;
  }

  private async descendant(owner: string): Promise<void> {
    const self = this.options.identity.nodeId;
    const node = await registeredNode(this.dataSource.manager, owner);
    if (!node || owner === self || !node.path.includes(self))
      throw planningRefusal(
        'NOT_A_DESCENDANT',
        {
          zh: `${this.names.label(owner)}不是本节点${this.names.label(self)}的下级（或尚未接入联动），不能查阅其对象库。提级巡察只能巡察下级对象库中的党组织；要巡察同级的党组织，请由共同的上级安排交叉巡察`,
          en: `node ${owner} is not a registered descendant of this node, so its registry cannot be read: an escalated inspection (提级巡察) is of an organization in a descendant's registry; for a peer's organization, have the common ancestor order a cross inspection`,
        },
        409,
      );
  }
}
