import { Injectable } from '@nestjs/common';
import { nodeAudience, RoundLinkAcknowledgedV1, RoundLinkedV1 } from '@liandong/protocol';
import { Clock, OutboxService } from '@liandong/messaging';
import { EntityManager } from 'typeorm';
import { LinkedRounds } from '../linked-rounds';

/** The parent asked for a linked round (巡视带巡察): open it here and acknowledge with its id. */
@Injectable()
export class OpenLinkedRound {
  constructor(
    private readonly rounds: LinkedRounds,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async apply(manager: EntityManager, parentNode: string, payload: RoundLinkedV1): Promise<void> {
    const { round } = await this.rounds.open(manager, payload, parentNode);
    const ack: RoundLinkAcknowledgedV1 = {
      parentRoundId: payload.roundId,
      roundId: round.id,
      acknowledgedAt: this.clock.now().toISOString(),
    };
    await this.outbox.emit(manager, {
      type: RoundLinkAcknowledgedV1.type,
      audience: nodeAudience(parentNode),
      payload: ack,
    });
  }
}
