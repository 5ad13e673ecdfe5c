import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import {
  certificateRegistryKey,
  IdentityBundle,
  keyRegistryBucket,
  NodeSpec,
  provisionTree,
  streamName,
} from '@liandong/protocol';
import {
  adminDatabaseUrl,
  createDatabase,
  databaseUrl,
  dropDatabase,
} from '@liandong/local-services';
import {
  DEFAULT_MESSAGING_TIMINGS,
  identityFromChain,
  JetStreamService,
  MESSAGING_ENTITIES,
  MessagingModule,
  MessagingOptions,
  MESSAGING_MIGRATIONS,
} from '../src';

export const SMALL_TREE: NodeSpec[] = [
  { nodeId: '000000', name: '中央', tier: 'central', parentId: null },
  { nodeId: '130000', name: '河北省', tier: 'provincial', parentId: '000000' },
  { nodeId: '130100', name: '石家庄市', tier: 'municipal', parentId: '130000' },
  { nodeId: '130200', name: '唐山市', tier: 'municipal', parentId: '130000' },
];

/**
 * The messaging module of one node (`as`) in a Nest testing module, on a database and a
 * federation name of its own, against the real PostgreSQL and nats-server. Lifecycle
 * hooks are not run: tests drive the parts themselves.
 */
export class MessagingFixture {
  readonly federation = `u${randomBytes(5).toString('hex')}`;
  readonly database = `ld_${this.federation}`;
  readonly identities: Map<string, IdentityBundle>;
  readonly admin = adminDatabaseUrl();
  options!: MessagingOptions;
  moduleRef!: TestingModule;

  constructor(
    private readonly as: string,
    private readonly overrides: Partial<MessagingOptions> = {},
  ) {
    this.identities = provisionTree(SMALL_TREE);
  }

  bundle(nodeId: string): IdentityBundle {
    const bundle = this.identities.get(nodeId);
    if (!bundle) throw new Error(`no node ${nodeId} in the fixture tree`);
    return bundle;
  }

  async start(): Promise<TestingModule> {
    await createDatabase(this.admin, this.database);
    const own = this.bundle(this.as);
    this.options = {
      ...DEFAULT_MESSAGING_TIMINGS,
      ...this.overrides,
      federation: this.federation,
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      identity: identityFromChain(own.key, own.chain, own.rootPublicKey, own.bodies),
    };
    this.moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: databaseUrl(this.admin, this.database),
          entities: MESSAGING_ENTITIES,
          migrations: MESSAGING_MIGRATIONS,
          migrationsRun: true,
        }),
        MessagingModule.forRootAsync({ useFactory: () => this.options }),
      ],
    }).compile();
    await this.moduleRef.get(JetStreamService).start();
    return this.moduleRef;
  }

  /** Puts every node's certificate in the key registry under its own node. */
  async publishCertificates(): Promise<void> {
    const keys = this.moduleRef.get(JetStreamService).keys;
    for (const bundle of this.identities.values()) {
      const own = bundle.chain[0];
      await keys.put(certificateRegistryKey(own.nodeId, own.keyId), JSON.stringify(own));
    }
  }

  async stop(): Promise<void> {
    const jetstream = this.moduleRef.get(JetStreamService);
    await jetstream.jsm.streams.delete(streamName(this.federation)).catch(() => undefined);
    await jetstream.jsm.streams
      .delete(`KV_${keyRegistryBucket(this.federation)}`)
      .catch(() => undefined);
    await jetstream.close();
    await this.moduleRef.close();
    await dropDatabase(this.admin, this.database);
  }
}
