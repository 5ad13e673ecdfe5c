import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last sequence settled per (issuer, audience); the next one applied must be last + 1. */
@Entity({ name: 'inbox_cursor' })
export class InboxCursor {
  @PrimaryColumn({ type: 'text' })
  issuer!: string;

  @PrimaryColumn({ type: 'text' })
  audience!: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;
}
