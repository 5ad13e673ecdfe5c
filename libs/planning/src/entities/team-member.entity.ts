import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 巡视组: a leader and members for one inspection. */
@Entity({ name: 'team_member' })
export class TeamMember {
  @PrimaryColumn({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  role!: 'leader' | 'deputy_leader' | 'member';
}
