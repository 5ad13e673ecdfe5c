import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, DataSource } from 'typeorm';
import { Clock, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { tierDepth } from '@liandong/protocol';
import { PolicyVersion } from './entities';
import { RuleDefinition, ruleOf, stricterOf } from './rules/rule-catalogue';

export interface PolicyChange {
  key: string;
  value: number;
  effectiveFrom: string;
}

/**
 * Versioned rules (e.g. rectification progress reports due 3 months after feedback,
 * formerly 2). Each tier that set a rule has its own line of versions: on a day, each line's
 * latest version not after that day counts, and of those the strictest applies (a lower tier
 * may only tighten what the owner set; the owner may change its own base value either way).
 * The schema's baseline belongs to the owner's line. The history is kept, so the rule in
 * force on any past day can be shown.
 */
@Injectable()
export class PolicyBook {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async apply(
    manager: EntityManager,
    changes: PolicyChange[],
    directiveId: string,
    setByNode: string,
  ): Promise<void> {
    for (const change of changes) {
      await manager.insert(PolicyVersion, {
        ...change,
        directiveId,
        setByNode,
        recordedAt: this.clock.now(),
      });
    }
  }

  async versions(key?: string): Promise<PolicyVersion[]> {
    return this.dataSource.getRepository(PolicyVersion).find({
      where: key ? { key } : {},
      order: { key: 'ASC', effectiveFrom: 'ASC', id: 'ASC' },
    });
  }

  /** The version in force on a day: the strictest of each setter's latest version not after it. */
  async inForce(
    key: string,
    on: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PolicyVersion | null> {
    return this.strictest(key, on, manager, () => true);
  }

  /**
   * What the given setters (and the schema's baseline) have in force on a day: for a node
   * about to set a rule, its ancestors — the bound its version may not loosen.
   */
  async inForceBy(
    key: string,
    on: string,
    setters: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PolicyVersion | null> {
    return this.strictest(
      key,
      on,
      manager,
      (v) => v.setByNode === null || setters.includes(v.setByNode),
    );
  }

  private async strictest(
    key: string,
    on: string,
    manager: EntityManager,
    counts: (version: PolicyVersion) => boolean,
  ): Promise<PolicyVersion | null> {
    const rule = ruleOf(key);
    const candidates: PolicyVersion[] = await manager
      .getRepository(PolicyVersion)
      .createQueryBuilder('p')
      .where('p.key = :key AND p.effective_from <= :on', { key, on })
      .orderBy('p.effective_from', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .getMany();
    // Each setter's latest version (the baseline, set by nobody, is the owner's line).
    const owner = rule ? `tier:${rule.owner}` : 'tier:owner';
    const latest = new Map<string, PolicyVersion>();
    for (const version of candidates.filter(counts)) {
      const line = version.setByNode ?? owner;
      const ownerLine = rule && this.setByOwner(rule, version) ? owner : line;
      if (!latest.has(ownerLine)) latest.set(ownerLine, version);
    }
    let best: PolicyVersion | null = null;
    for (const version of latest.values()) {
      if (!best) best = version;
      else if (rule && stricterOf(rule, version.value, best.value) === version.value)
        best = version.value === best.value ? best : version;
    }
    return best;
  }

  /** The baseline and versions set by the owner tier's node form one line. */
  private setByOwner(rule: RuleDefinition, version: PolicyVersion): boolean {
    if (version.setByNode === null) return true;
    return this.options.identity.path[tierDepth(rule.owner)] === version.setByNode;
  }
}
