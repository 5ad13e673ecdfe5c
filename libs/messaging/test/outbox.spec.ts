import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import {
  DirectiveAcknowledgedV1,
  IdentityBundle,
  keyRegistryBucket,
  nodeAudience,
  provisionTree,
  streamName,
  uuidv7,
} from '@liandong/protocol';
import { adminDatabaseUrl, createDatabase, databaseUrl, dropDatabase } from '@liandong/testing';
import { DataSource } from 'typeorm';
import {
  DEFAULT_MESSAGING_TIMINGS,
  identityFromChain,
  JetStreamService,
  MESSAGING_ENTITIES,
  MessagingModule,
  MessagingOptions,
  MessagingSchema1764115200000,
  OutboxRelayService,
  OutboxService,
} from '../src';

/**
 * The outbox against real PostgreSQL and a real nats-server, in a Nest testing module
 * (no node application around it, no lifecycle started: the test drives the relay).
 */
describe('outbox and relay', () => {
  const federation = `u${randomBytes(5).toString('hex')}`;
  const database = `ld_${federation}`;
  const admin = adminDatabaseUrl();
  const identities = provisionTree([
    { nodeId: '000000', name: '中央', tier: 'central', parentId: null },
    { nodeId: '130000', name: '河北省', tier: 'provincial', parentId: '000000' },
  ]);
  const bundle = identities.get('130000') as IdentityBundle;
  let moduleRef: TestingModule;
  let options: MessagingOptions;

  beforeAll(async () => {
    await createDatabase(admin, database);
    options = {
      ...DEFAULT_MESSAGING_TIMINGS,
      relayBatchSize: 50,
      federation,
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      identity: identityFromChain(bundle.key, bundle.chain, bundle.rootPublicKey),
    };
    moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: databaseUrl(admin, database),
          entities: MESSAGING_ENTITIES,
          migrations: [MessagingSchema1764115200000],
          migrationsRun: true,
        }),
        MessagingModule.forRootAsync({ useFactory: () => options }),
      ],
    }).compile();
    await moduleRef.get(JetStreamService).start();
  });

  afterAll(async () => {
    const jetstream = moduleRef.get(JetStreamService);
    await jetstream.jsm.streams.delete(streamName(federation)).catch(() => undefined);
    await jetstream.jsm.streams
      .delete(`KV_${keyRegistryBucket(federation)}`)
      .catch(() => undefined);
    await jetstream.close();
    await moduleRef.close();
    await dropDatabase(admin, database);
  });

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
    const dataSource = moduleRef.get(DataSource);
    const outbox = moduleRef.get(OutboxService);
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
    const dataSource = moduleRef.get(DataSource);
    const outbox = moduleRef.get(OutboxService);
    for (let i = 0; i < 260; i += 1) await emitOne(dataSource, outbox);
    const first = moduleRef.get(OutboxRelayService);
    const second = new OutboxRelayService(dataSource, moduleRef.get(JetStreamService), options);
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
    const info = await moduleRef.get(JetStreamService).jsm.streams.info(streamName(federation));
    expect(info.state.messages).toBe(300);
  });
});
