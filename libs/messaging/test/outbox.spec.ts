import { DirectiveAcknowledgedV1, nodeAudience, streamName, uuidv7 } from '@liandong/protocol';
import { DataSource } from 'typeorm';
import { JetStreamService, OutboxRelayService, OutboxService, PeerProtocolService } from '../src';
import { MessagingFixture } from './messaging-fixture';

/**
 * The outbox against real PostgreSQL and a real nats-server, in a Nest testing module
 * (no node application around it, no lifecycle started: the test drives the relay).
 */
describe('outbox and relay', () => {
  const fixture = new MessagingFixture('130000', { relayBatchSize: 50 });
  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  const emitOne = (dataSource: DataSource, outbox: OutboxService) =>
    dataSource.transaction((manager) =>
      outbox.emit(manager, {
        type: DirectiveAcknowledgedV1.type,
        audience: nodeAudience('000000'),
        payload: {
          directiveId: uuidv7(),
          acknowledgedAt: new Date().toISOString(),
          acknowledgedBy: '测试',
        },
      }),
    );

  it('numbers concurrent events of one audience without gaps or repeats, in commit order', async () => {
    const dataSource = fixture.moduleRef.get(DataSource);
    const outbox = fixture.moduleRef.get(OutboxService);
    const envelopes = await Promise.all(
      Array.from({ length: 40 }, () => emitOne(dataSource, outbox)),
    );
    expect(envelopes.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const rows: Array<{ seq: number }> = await dataSource.query(
      `SELECT (envelope::jsonb ->> 'seq')::int AS seq FROM outbox ORDER BY id`,
    );
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('lets two relays share the outbox without publishing any row twice (FOR UPDATE SKIP LOCKED)', async () => {
    const dataSource = fixture.moduleRef.get(DataSource);
    const outbox = fixture.moduleRef.get(OutboxService);
    for (let i = 0; i < 260; i += 1) await emitOne(dataSource, outbox);
    const first = fixture.moduleRef.get(OutboxRelayService);
    const second = new OutboxRelayService(
      dataSource,
      fixture.moduleRef.get(JetStreamService),
      fixture.moduleRef.get(PeerProtocolService),
      fixture.options,
    );
    let claimed = 0;
    for (;;) {
      const [a, b] = await Promise.all([first.relayBatch(), second.relayBatch()]);
      claimed += a + b;
      if (a + b === 0) break;
    }
    expect(claimed).toBe(300);
    const [attempts] = await dataSource.query(
      `SELECT min(attempts) AS min, max(attempts) AS max, count(*) FILTER (WHERE status = 'published') AS published FROM outbox`,
    );
    expect(attempts).toEqual({ min: 1, max: 1, published: '300' });
    const info = await fixture.moduleRef
      .get(JetStreamService)
      .jsm.streams.info(streamName(fixture.federation));
    expect(info.state.messages).toBe(300);
  });
});
