import { Injectable } from '@nestjs/common';
import { EntityManager, DataSource } from 'typeorm';
import { Clock } from '@liandong/messaging';
import { PolicyVersion } from './entities';

export interface PolicyChange {
  key: string;
  value: number;
  effectiveFrom: string;
}

/**
 * Versioned policy parameters (e.g. rectification progress reports due 3 months after
 * feedback, formerly 2). A version applies from its effective date until a later one;
 * the history is kept, so the rule in force on any past day can be shown.
 */
@Injectable()
export class PolicyBook {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
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

  /** The version in force on a day: the latest effective date not after it, the last recorded on ties. */
  async inForce(
    key: string,
    on: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PolicyVersion | null> {
    return manager
      .getRepository(PolicyVersion)
      .createQueryBuilder('p')
      .where('p.key = :key AND p.effective_from <= :on', { key, on })
      .orderBy('p.effective_from', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .getOne();
  }
}
