import { Type } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Body } from '../sealed-box';
import { IsCalendarDate } from '../validation';
import { SealedBoxV1 } from './directive.v1';

/**
 * 巡前信息沟通 and 巡中监督手段支持: before an inspection the office asks a body that already
 * holds supervision results about the target (`information`); during it the team asks a body
 * for a supervision measure, e.g. the discipline body to verify a matter (`support`).
 */
export const INFORMATION_REQUEST_KINDS = ['information', 'support'] as const;
export type InformationRequestKind = (typeof INFORMATION_REQUEST_KINDS)[number];

/** The bodies a request may be addressed to: those that hold supervision results. */
export const ASKED_BODIES = [
  'discipline',
  'organization',
  'audit',
  'petitions',
  'judicial',
] as const satisfies readonly Body[];
export type AskedBody = (typeof ASKED_BODIES)[number];

/** Most attachments an answer carries, and their bytes together (they travel sealed in one event). */
export const ANSWER_MAX_ATTACHMENTS = 5;
export const ANSWER_MAX_ATTACHMENT_BYTES = 256 * 1024;

/** A request from the node conducting an inspection to a body of a node on its line. */
export class InformationRequestedV1 {
  static readonly type = 'information.requested.v1';

  @IsUUID()
  requestId!: string;

  @IsIn(INFORMATION_REQUEST_KINDS)
  kind!: InformationRequestKind;

  @IsIn(ASKED_BODIES)
  body!: AskedBody;

  /** The requesting node's inspection (conducting), whose team alone reads the answer. */
  @IsUUID()
  inspectionId!: string;

  /** The target of the inspection, as the requesting node's registry names it. */
  @IsString()
  @Length(1, 200)
  organizationName!: string;

  @IsString()
  @Length(1, 200)
  subject!: string;

  @IsString()
  @Length(1, 5000)
  details!: string;

  /** The last day (China Standard Time) an answer is on time. */
  @IsCalendarDate()
  answerBy!: string;

  @IsDateString({ strict: true })
  requestedAt!: string;
}

/** What `information.requested.v2` seals to the asked body: the request's own words. */
export interface SealedRequestTextV1 {
  subject: string;
  details: string;
}

/**
 * The same request with its subject and details sealed to the asked body's key (the canonical
 * JSON of `{ subject, details }`): a relay or the broker reads whom it is about, never what is
 * asked. This implementation sends v2 and still accepts v1.
 */
export class InformationRequestedV2 {
  static readonly type = 'information.requested.v2';

  @IsUUID()
  requestId!: string;

  @IsIn(INFORMATION_REQUEST_KINDS)
  kind!: InformationRequestKind;

  @IsIn(ASKED_BODIES)
  body!: AskedBody;

  @IsUUID()
  inspectionId!: string;

  @IsString()
  @Length(1, 200)
  organizationName!: string;

  @ValidateNested()
  @Type(() => SealedBoxV1)
  sealed!: SealedBoxV1;

  @IsCalendarDate()
  answerBy!: string;

  @IsDateString({ strict: true })
  requestedAt!: string;
}

/** The answer: a summary and attachments sealed to the requesting node's inspection office key. */
export class InformationAnsweredV1 {
  static readonly type = 'information.answered.v1';

  @IsUUID()
  requestId!: string;

  /** When the body answered, by the answering node's clock: late when its date is after answerBy. */
  @IsDateString({ strict: true })
  answeredAt!: string;

  @IsString()
  @Length(1, 100)
  answeredBy!: string;

  @IsInt()
  @Min(0)
  @Max(ANSWER_MAX_ATTACHMENTS)
  attachmentCount!: number;

  @ValidateNested()
  @Type(() => SealedBoxV1)
  sealed!: SealedBoxV1;
}
