import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Tier } from '@liandong/protocol';
import type { Category } from '../categories';

/** A party organization under this node's inspection jurisdiction (对象库). */
@Entity({ name: 'organization' })
export class Organization {
  /** The registry's own code for it (e.g. a unified social credit code), unique per node. */
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  category!: Category;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode!: string | null;

  /** Which tier manages its leading cadres (干部管理权限). */
  @Column({ name: 'cadre_tier', type: 'text' })
  cadreTier!: Tier;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
