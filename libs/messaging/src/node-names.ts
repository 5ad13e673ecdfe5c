import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FederationNode } from './entities';
import { KeyRegistryService } from './key-registry.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

/**
 * The names of the nodes this node knows — its own path (from its certificates) and its
 * subtree (from registrations), and nodes off its line once learned from their certificates —
 * so that messages name a node as a person reads it: 石家庄市（130100）. A node it does not
 * know is named by its code alone.
 */
@Injectable()
export class NodeNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: KeyRegistryService,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    for (const cert of options.identity.chain) this.names.set(cert.nodeId, cert.name);
  }

  /** Loads the subtree's names (at start). */
  async load(): Promise<void> {
    for (const node of await this.dataSource.getRepository(FederationNode).find())
      this.names.set(node.nodeId, node.name);
  }

  remember(nodeId: string, name: string): void {
    this.names.set(nodeId, name);
  }

  /** 石家庄市（130100）, or 130100 when the name is not known here. */
  label(nodeId: string | null | undefined): string {
    if (!nodeId) return '—';
    const name = this.names.get(nodeId);
    return name ? `${name}（${nodeId}）` : nodeId;
  }

  name(nodeId: string): string | undefined {
    return this.names.get(nodeId);
  }

  /**
   * Learns the names of nodes off this node's line (a peer of a cross inspection, say) from
   * their certificates, verified up to the root, so that label() names them too. A node whose
   * certificate cannot be had now stays named by its code (asked again next time).
   */
  async learn(nodeIds: Iterable<string>): Promise<void> {
    for (const nodeId of new Set(nodeIds)) {
      if (this.names.has(nodeId)) continue;
      const name = await this.keys.certifiedName(nodeId).catch(() => undefined);
      if (name) this.names.set(nodeId, name);
    }
  }
}
