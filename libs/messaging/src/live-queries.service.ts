import { Inject, Injectable, Logger } from '@nestjs/common';
import { Subscription } from '@nats-io/nats-core';
import {
  LIVE_QUERY_TTL_MS,
  LiveQuery,
  liveSubject,
  RefusalError,
  signLiveQuery,
} from '@liandong/protocol';
import { Clock } from './clock';
import { DomainError } from '@liandong/common';
import { JetStreamService } from './jetstream.service';
import { KeyRegistryService } from './key-registry.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { NodeNames } from './node-names';
import { messagingRefusal } from './messaging.errors';

/** Who may ask: given the asker's certified path (central first), whether to answer. */
export type LiveQueryRule = (askerPath: string[]) => boolean;

export type LiveQueryAnswer<B, R> = (body: B, asker: string) => Promise<R>;

type Reply<R> = { ok: true; result: R } | { ok: false; code: string; zh: string; en: string };

/**
 * Signed, at-most-once questions between nodes over core NATS (protocol.md §10): for reads
 * that must be current and need no durability — an ancestor picking an organization from a
 * descendant's registry to escalate, say. The answering node checks the asker's key chain
 * and its place in the tree; a node that does not answer within the timeout is reported as
 * unreachable (503), never guessed at.
 */
@Injectable()
export class LiveQueries {
  private readonly logger = new Logger(LiveQueries.name);
  private readonly subscriptions: Subscription[] = [];
  private readonly answers = new Map<
    string,
    { handle: LiveQueryAnswer<unknown, unknown>; admits: LiveQueryRule }
  >();

  constructor(
    private readonly jetstream: JetStreamService,
    private readonly keys: KeyRegistryService,
    private readonly names: NodeNames,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /**
   * Answers `what` for askers the rule admits (by default: this node's ancestors). Register
   * at module init; the answers are served once the broker connection is up.
   */
  answer<B, R>(what: string, handle: LiveQueryAnswer<B, R>, rule?: LiveQueryRule): void {
    const self = this.options.identity;
    // By default only this node's ancestors may ask.
    const admits =
      rule ?? ((path: string[]) => self.path.slice(0, -1).includes(path[path.length - 1]));
    this.answers.set(what, { handle: handle as LiveQueryAnswer<unknown, unknown>, admits });
  }

  /** Serves the registered answers (called by MessagingLifecycle once JetStream is up). */
  start(): void {
    for (const [what, { handle, admits }] of this.answers) {
      const subscription = this.jetstream.nc.subscribe(
        liveSubject(this.options.federation, this.options.identity.nodeId, what),
        {
          callback: (error, message) => {
            if (error) return;
            void this.reply(message.data, handle, admits).then((reply) =>
              message.respond(JSON.stringify(reply)),
            );
          },
        },
      );
      this.subscriptions.push(subscription);
    }
  }

  private async reply<B, R>(
    data: Uint8Array,
    handle: LiveQueryAnswer<B, R>,
    admits: LiveQueryRule,
  ): Promise<Reply<R>> {
    try {
      const query = JSON.parse(new TextDecoder().decode(data)) as LiveQuery<B>;
      const age = this.clock.now().getTime() - Date.parse(query.issuedAt);
      if (query.target !== this.options.identity.nodeId || Math.abs(age) > LIVE_QUERY_TTL_MS)
        return refused(
          'STALE_QUERY',
          '查询已过期或不是发给本节点的',
          'the query is stale or not for this node',
        );
      const asker = await this.keys.authenticateQuery(query);
      if (!admits(asker.path))
        return refused(
          'NOT_AUTHORIZED',
          `${this.names.label(query.asker)}无权查询本节点`,
          `${query.asker} may not ask this node`,
        );
      return { ok: true, result: await handle(query.body, query.asker) };
    } catch (error) {
      if (error instanceof RefusalError)
        return refused(error.code, '查询未通过身份核验', error.message);
      if (error instanceof DomainError) return refused(error.code, error.text.zh, error.text.en);
      this.logger.warn({ msg: 'live query failed', error: (error as Error).message });
      return refused('QUERY_FAILED', '查询失败，请稍后再试', (error as Error).message);
    }
  }

  /** Asks `target` and returns its answer; a refusal or silence becomes a DomainError. */
  async ask<B, R>(target: string, what: string, body: B, timeoutMs = 5000): Promise<R> {
    const { identity, federation } = this.options;
    const query = signLiveQuery(
      { what, asker: identity.nodeId, target, body, at: this.clock.now() },
      identity.key,
    );
    let reply: Reply<R>;
    try {
      const message = await this.jetstream.nc.request(
        liveSubject(federation, target, what),
        JSON.stringify(query),
        { timeout: timeoutMs },
      );
      reply = JSON.parse(new TextDecoder().decode(message.data)) as Reply<R>;
    } catch (error) {
      throw messagingRefusal(
        'NODE_UNREACHABLE',
        {
          zh: `${this.names.label(target)}节点暂时无法连接，请稍后再试`,
          en: `node ${target} did not answer: ${(error as Error).message}`,
        },
        503,
      );
    }
    if (!reply.ok)
      throw new DomainError(
        reply.code,
        { zh: reply.zh, en: reply.en },
        reply.code === 'NOT_FOUND' ? 404 : 403,
      );
    return reply.result;
  }

  stop(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }
}

function refused<R>(code: string, zh: string, en: string): Reply<R> {
  return { ok: false, code, zh, en };
}
