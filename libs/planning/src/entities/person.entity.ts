import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PostV1, RelationV1, SourceBody } from '@liandong/protocol';

/** 干部人才库: a person this node may put on a team — its own, or seconded to it. */
@Entity({ name: 'person' })
export class Person {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'source_body', type: 'text' })
  sourceBody!: SourceBody;

  /** The jurisdiction the person comes from (division code). */
  @Column({ name: 'home_jurisdiction', type: 'text' })
  homeJurisdiction!: string;

  @Column({ name: 'home_unit_code', type: 'text', nullable: true })
  homeUnitCode!: string | null;

  @Column({ name: 'home_unit_name', type: 'text' })
  homeUnitName!: string;

  /** This node's user account of the person, if any: how a team member signs in to act. */
  @Column({ type: 'text', nullable: true })
  username!: string | null;

  @Column({ type: 'jsonb' })
  posts!: PostV1[];

  @Column({ type: 'jsonb' })
  relations!: RelationV1[];

  /** Set for a person seconded here: the lending node and the secondment's dates. */
  @Column({ name: 'lent_by', type: 'text', nullable: true })
  lentBy!: string | null;

  @Column({ name: 'secondment_id', type: 'uuid', nullable: true })
  secondmentId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
