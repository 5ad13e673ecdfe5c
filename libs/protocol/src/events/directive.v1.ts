import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Body, BODIES, SEALED_BOX_ALGORITHM } from '../sealed-box';
import { IsCalendarDate, IsNodeId } from '../validation';

export const DIRECTIVE_SCOPES = ['children', 'subtree'] as const;
export type DirectiveScope = (typeof DIRECTIVE_SCOPES)[number];

/** A policy parameter set by a directive, in force from its effective date. */
export class PolicyChangeV1 {
  /** Dotted lowercase key, e.g. `rectification.progress_report_months`. */
  @Matches(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/)
  key!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  /** Calendar date (YYYY-MM-DD, China Standard Time) from which the value applies. */
  @IsCalendarDate()
  effectiveFrom!: string;
}

/** A confidential annex (密件), sealed to one receiving body of one node (protocol.md §12). */
export class SealedBoxV1 {
  @IsIn([SEALED_BOX_ALGORITHM])
  alg!: typeof SEALED_BOX_ALGORITHM;

  @IsNodeId()
  recipientNode!: string;

  @IsIn(BODIES)
  body!: Body;

  @Matches(/^[0-9a-f]{32}$/)
  kid!: string;

  @Matches(/^[A-Za-z0-9_-]{43}$/)
  epk!: string;

  @Matches(/^[A-Za-z0-9_-]{16}$/)
  iv!: string;

  /** Room for 100,000 characters of text (up to 4 UTF-8 bytes each), base64url. */
  @Matches(/^[A-Za-z0-9_-]{0,540000}$/)
  ct!: string;

  @Matches(/^[A-Za-z0-9_-]{22}$/)
  tag!: string;
}

/** 部署: a directive issued to the issuer's children or its whole subtree. */
export class DirectiveIssuedV1 {
  static readonly type = 'directive.issued.v1';

  @IsUUID()
  directiveId!: string;

  @IsString()
  @Length(1, 200)
  title!: string;

  @IsString()
  @Length(1, 20000)
  body!: string;

  @IsIn(DIRECTIVE_SCOPES)
  scope!: DirectiveScope;

  /** When the implementation report (落实情况) is due. */
  @IsDateString({ strict: true })
  reportDueAt!: string;

  /** Set when this directive relays (层层传导) a directive received from an ancestor. */
  @IsOptional()
  @IsUUID()
  parentDirectiveId!: string | null;

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PolicyChangeV1)
  policies!: PolicyChangeV1[];

  /** Confidential annexes: relaying and storing nodes hold only ciphertext. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SealedBoxV1)
  sealed?: SealedBoxV1[];
}

/** 签收: a receiving node acknowledges a directive; sent to the directive's issuer. */
export class DirectiveAcknowledgedV1 {
  static readonly type = 'directive.acknowledged.v1';

  @IsUUID()
  directiveId!: string;

  @IsDateString({ strict: true })
  acknowledgedAt!: string;

  @IsString()
  @Length(1, 100)
  acknowledgedBy!: string;
}

/** A receiving node relayed the directive to its own subtree with added requirements. */
export class DirectiveRelayedV1 {
  static readonly type = 'directive.relayed.v1';

  @IsUUID()
  directiveId!: string;

  @IsUUID()
  relayedDirectiveId!: string;

  @IsDateString({ strict: true })
  relayedAt!: string;
}

/** 落实情况报告: the implementation report, sent to the directive's issuer. */
export class DirectiveReportedV1 {
  static readonly type = 'directive.reported.v1';

  @IsUUID()
  directiveId!: string;

  @IsDateString({ strict: true })
  reportedAt!: string;

  @IsString()
  @Length(1, 100)
  reportedBy!: string;

  @IsString()
  @Length(1, 20000)
  summary!: string;
}

/** One policy version as the sending node holds it, with the node that set it. */
export class PolicyVersionV1 extends PolicyChangeV1 {
  @IsNodeId()
  setByNode!: string;

  /** The directive that set it. */
  @IsUUID()
  directiveId!: string;
}

/**
 * The policy versions in force below the sender, from a parent to a child that joined late,
 * was re-installed or skipped envelopes that have expired (protocol.md §5.5): the rules set by
 * the tiers above keep applying to it although the directives that carried them are gone.
 */
export class PolicyBookV1 {
  static readonly type = 'policy.book.v1';

  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => PolicyVersionV1)
  policies!: PolicyVersionV1[];
}
