import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MAX_SEQUENCE } from '../limits';
import { IsNodeId } from '../validation';

const AUDIENCE = /^(node|subtree):\d{6}$/;

/**
 * Control messages that keep every node's sequences joined up (protocol.md §5.5): a node
 * that joins late, is restored from a backup or re-installed says where it stands, and the
 * node that delivers each sequence to it re-sends what it lacks or says where the sequence
 * starts for it; an issuer whose own counters went back says so. Unsequenced, like receipts.
 */

/** One sequence as the asking node has settled it. */
export class SequencePositionV1 {
  @IsNodeId()
  issuer!: string;

  @Matches(AUDIENCE)
  audience!: string;

  @IsInt()
  @Min(0)
  @Max(MAX_SEQUENCE)
  lastSettled!: number;
}

/** 同步请求: "of the sequences you deliver to me, I have settled these up to here". */
export class SyncRequestedV1 {
  static readonly type = 'sync.requested.v1';

  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SequencePositionV1)
  sequences!: SequencePositionV1[];
}

/** Where a sequence continues for the asking node: everything up to `startAfter` is behind it. */
export class SequenceStartV1 {
  @IsNodeId()
  issuer!: string;

  @Matches(AUDIENCE)
  audience!: string;

  @IsInt()
  @Min(0)
  @Max(MAX_SEQUENCE)
  startAfter!: number;
}

/**
 * The deliverer's answer where it cannot re-send the start of a sequence (the asking node
 * joined after it, or those envelopes have expired): the asker continues after `startAfter`.
 */
export class SyncAnsweredV1 {
  static readonly type = 'sync.answered.v1';

  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SequenceStartV1)
  sequences!: SequenceStartV1[];
}

/**
 * The issuer's own counter for the envelope's audience went back (it was restored from a
 * backup or re-installed): its sequence continues after `after` with new event ids.
 */
export class SequenceRestartedV1 {
  static readonly type = 'sequence.restarted.v1';

  @IsInt()
  @Min(0)
  @Max(MAX_SEQUENCE)
  after!: number;
}
