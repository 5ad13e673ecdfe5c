import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 上挂下派: a request to borrow a person, as the borrowing or the lending node holds it. */
@Entity({ name: 'secondment' })
export class Secondment {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  role!: 'borrowing' | 'lending';

  /**
   * The person lent: named by the request (secondment.requested.v1, or v2 naming one), else
   * nominated by the lending node on approval; null until then.
   */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  /** What kind of person the borrowing node asked for (secondment.requested.v2). */
  @Column({ type: 'text', nullable: true })
  wanted!: string | null;

  @Column({ name: 'borrowing_node', type: 'text' })
  borrowingNode!: string;

  @Column({ name: 'lending_node', type: 'text' })
  lendingNode!: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'text' })
  status!: 'requested' | 'approved' | 'declined';

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
