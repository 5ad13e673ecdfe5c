import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from '@liandong/protocol';
import { Clock, MESSAGING_OPTIONS, MessagingOptions } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { Inspection, Round } from '../entities';

/** What an inspection has not had yet when it is recorded: no refusal, feedback or hand-back. */
const NOT_YET = {
  refusalReason: null,
  eventId: null,
  feedbackAt: null,
  feedbackSummary: null,
  handedBackAt: null,
  handBackNotes: null,
};

/** Builds the inspection rows this node records, conducting one or hosting another node's. */
@Injectable()
export class InspectionFactory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** An inspection this node conducts in one of its rounds (own, escalated or cross). */
  conducted(
    round: Round,
    fields: Pick<
      Inspection,
      | 'mode'
      | 'ownerNode'
      | 'organizationCode'
      | 'organizationName'
      | 'organizationCategory'
      | 'status'
    > &
      Partial<Inspection>,
  ): Inspection {
    return this.dataSource.manager.create(Inspection, {
      id: uuidv7(this.clock.now().getTime()),
      role: 'conducting',
      roundId: round.id,
      conductingNode: this.options.identity.nodeId,
      crossOrderId: null,
      windowStart: round.windowStart,
      windowEnd: round.windowEnd,
      ...NOT_YET,
      createdAt: this.clock.now(),
      ...fields,
    });
  }

  /** This node's record of another node inspecting one of its organizations. */
  hosted(
    fields: Pick<
      Inspection,
      | 'id'
      | 'mode'
      | 'conductingNode'
      | 'organizationCode'
      | 'organizationName'
      | 'organizationCategory'
      | 'crossOrderId'
      | 'windowStart'
      | 'windowEnd'
    >,
  ): Inspection {
    return this.dataSource.manager.create(Inspection, {
      role: 'hosted',
      roundId: null,
      ownerNode: this.options.identity.nodeId,
      status: 'planned',
      ...NOT_YET,
      createdAt: this.clock.now(),
      ...fields,
    });
  }
}
