import { INestApplication, ModuleMetadata, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal, Role } from '@liandong/access';
import {
  DEFAULT_MESSAGING_TIMINGS,
  identityFromChain,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingModule,
  MessagingOptions,
  openKeyRegistry,
  SettableClock,
} from '@liandong/messaging';
import { HEBEI_SAMPLE_TREE } from '@liandong/local-federation';
import {
  adminDatabaseUrl,
  createDatabase,
  databaseUrl,
  dropDatabase,
  schemaTemplate,
  waitFor,
} from '@liandong/local-services';
import {
  buildEnvelope,
  certificateRegistryKey,
  Envelope,
  IdentityBundle,
  keyRegistryBucket,
  NodeSpec,
  nodeSubject,
  provisionTree,
  signEnvelope,
  streamName,
  uuidv7,
} from '@liandong/protocol';

type Constructor = new (...args: never[]) => object;

export interface NodeFixtureOptions {
  /** The node under test. */
  nodeId: string;
  /** The tree it belongs to (keys are made for every node of it); the README's by default. */
  tree?: NodeSpec[];
  /** The modules under test (the messaging module and TypeORM come with the fixture). */
  imports: NonNullable<ModuleMetadata['imports']>;
  /** Their entities and migrations (TypeORM runs the migrations in timestamp order). */
  entities: Constructor[];
  migrations: Constructor[];
  /** Where the node's clock starts; tests move it with `clock.set` / `clock.advance`. */
  now?: Date;
}

/** What the node did with an event delivered to it. */
export interface Settled {
  outcome: 'applied' | 'rejected' | 'dead_lettered';
  reasonCode: string | null;
  reason: string | null;
}

/**
 * One node as a Nest testing module: the modules under test with the real messaging module,
 * on a database of its own, real PostgreSQL and real NATS JetStream under a federation name
 * of its own, its clock in the test's hand. Rules are tested through the node's use cases with data built per test; what
 * the node sends is read from its outbox; what other nodes send is signed with their real
 * keys and delivered over the broker, so it passes the node's whole inbox.
 */
export class NodeFixture {
  readonly federation = `m${randomBytes(5).toString('hex')}`;
  readonly database = `ld_${this.federation}`;
  readonly clock: SettableClock;
  readonly bundles: Map<string, IdentityBundle>;
  private readonly admin = adminDatabaseUrl();
  private readonly natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  private readonly sequences = new Map<string, number>();
  private app?: INestApplication;

  constructor(private readonly options: NodeFixtureOptions) {
    this.clock = new SettableClock(options.now ?? new Date());
    this.bundles = provisionTree(options.tree ?? HEBEI_SAMPLE_TREE, this.clock.now());
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  async start(): Promise<this> {
    await createDatabase(this.admin, this.database, { template: this.template() });
    await this.publishCertificates();
    const own = this.bundle(this.nodeId);
    const messaging: MessagingOptions = {
      ...DEFAULT_MESSAGING_TIMINGS,
      relayPollMs: 200,
      resendAfterMs: 2_000,
      brokerCheckMs: 2_000,
      streamMaxBytes: 256 * 1024 ** 2,
      federation: this.federation,
      natsUrl: this.natsUrl,
      identity: identityFromChain(own.key, own.chain, own.rootPublicKey, own.bodies),
    };
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: databaseUrl(this.admin, this.database),
          entities: [...MESSAGING_ENTITIES, ...this.options.entities],
          migrations: [...MESSAGING_MIGRATIONS, ...this.options.migrations],
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          extra: { max: 5 },
        }),
        MessagingModule.forRootAsync({ useFactory: () => messaging, clock: this.clock }),
        ...this.options.imports,
      ],
    }).compile();
    this.app = moduleRef.createNestApplication({ logger: false });
    await this.app.init();
    return this;
  }

  /** A provider of the node: a use case, a queries class, a repository. */
  get<T>(type: Type<T>): T {
    return this.running.get(type, { strict: false });
  }

  get dataSource(): DataSource {
    return this.running.get(DataSource);
  }

  bundle(nodeId: string): IdentityBundle {
    const bundle = this.bundles.get(nodeId);
    if (!bundle) throw new Error(`no node ${nodeId} in the fixture's tree`);
    return bundle;
  }

  /** A signed-in person of this node, as a controller would hand it to a use case. */
  person(username: string, ...roles: Role[]): Principal {
    return { userId: uuidv7(), username, displayName: username, roles };
  }

  /** The payloads of the events of `type` this node has put in its outbox, oldest first. */
  async sent<P = any>(type: string): Promise<Array<{ audience: string; payload: P }>> {
    const rows: Array<{ envelope: string }> = await this.dataSource.query(
      'SELECT envelope FROM outbox WHERE event_type = $1 ORDER BY id',
      [type],
    );
    return rows.map((r) => {
      const envelope = JSON.parse(r.envelope) as Envelope;
      return { audience: envelope.audience, payload: envelope.payload as P };
    });
  }

  /**
   * Signs an event as `issuer` with its real key, in that issuer's next sequence to this
   * node, puts it on this node's subject, and waits until the node settled it.
   */
  async deliver(issuer: string, type: string, payload: object): Promise<Settled> {
    const key = this.bundle(issuer).key;
    const seq = (this.sequences.get(issuer) ?? 0) + 1;
    this.sequences.set(issuer, seq);
    const envelope = signEnvelope(
      buildEnvelope({
        type,
        issuer,
        keyId: key.keyId,
        audience: `node:${this.nodeId}`,
        seq,
        payload,
        issuedAt: this.clock.now(),
        ttlMs: 24 * 3600_000,
      }),
      key.privateKey,
    );
    const nc = await connect({ servers: this.natsUrl });
    try {
      await jetstream(nc).publish(
        nodeSubject(this.federation, this.nodeId, issuer),
        JSON.stringify(envelope),
        { msgID: envelope.id },
      );
    } finally {
      await nc.close();
    }
    return waitFor(`${this.nodeId} to settle ${type} from ${issuer}`, async () => {
      const rows: Settled[] = await this.dataSource.query(
        'SELECT outcome, reason_code AS "reasonCode", reason FROM inbox WHERE event_id = $1',
        [envelope.id],
      );
      return rows[0];
    });
  }

  async stop(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
    await dropDatabase(this.admin, this.database).catch(() => undefined);
    const nc = await connect({ servers: this.natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.delete(streamName(this.federation)).catch(() => undefined);
      await jsm.streams.delete(`KV_${keyRegistryBucket(this.federation)}`).catch(() => undefined);
    } finally {
      await nc.close();
    }
  }

  /**
   * The schema of these modules, made once per server and copied for each fixture: one
   * template per set of modules (named by their migrations), new when a migration changes.
   */
  private template() {
    const migrations = [...MESSAGING_MIGRATIONS, ...this.options.migrations];
    const set = createHash('sha256')
      .update(migrations.map((m) => m.name).join(','))
      .digest('hex')
      .slice(0, 8);
    return schemaTemplate(
      `ld_template_m${set}`,
      [...MESSAGING_ENTITIES, ...this.options.entities],
      migrations,
    );
  }

  private get running(): INestApplication {
    if (!this.app) throw new Error('the fixture is not started');
    return this.app;
  }

  /** Every node's certificate in the key registry under its own node, as each would put it. */
  private async publishCertificates(): Promise<void> {
    const nc = await connect({ servers: this.natsUrl });
    try {
      const kv = await openKeyRegistry(nc, this.federation);
      for (const bundle of this.bundles.values()) {
        const own = bundle.chain[0];
        await kv.put(certificateRegistryKey(own.nodeId, own.keyId), JSON.stringify(own));
      }
    } finally {
      await nc.close();
    }
  }
}
