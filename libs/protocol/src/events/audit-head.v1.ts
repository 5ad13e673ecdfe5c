import { IsDateString, IsInt, Matches, Min } from 'class-validator';

/**
 * A node's signed audit chain head, sent to its parent, which keeps it as a witness:
 * afterwards the node cannot rewrite its history up to that point unnoticed.
 */
export class AuditHeadV1 {
  static readonly type = 'audit.head.v1';

  @IsInt()
  @Min(0)
  seq!: number;

  @Matches(/^[0-9a-f]{64}$/)
  hash!: string;

  @IsDateString({ strict: true })
  at!: string;
}
