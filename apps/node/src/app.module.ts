import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@liandong/access';
import { DirectivesModule } from '@liandong/directives';
import { PlanningModule } from '@liandong/planning';
import { ExchangeModule } from '@liandong/exchange';
import { OversightModule } from '@liandong/oversight';
import { RectificationModule } from '@liandong/rectification';
import { StatisticsModule } from '@liandong/statistics';
import { EvaluationModule } from '@liandong/evaluation';
import {
  Clock,
  DEFAULT_MESSAGING_TIMINGS,
  MessagingModule,
  MessagingOptions,
  NodeIdentity,
} from '@liandong/messaging';
import { liveSubject } from '@liandong/protocol';
import { NodeConfig, natsTlsOf } from './config/node.config';
import { HttpErrorFilter } from './http/http-errors';
import {
  HealthController,
  NatsHealthIndicator,
  OutboxListenerIndicator,
} from './health/health.controller';
import { liveController } from './live/live.controller';
import { AuditController } from './operations/audit.controller';
import { AuditQueries } from './operations/audit.queries';
import { FederationController } from './operations/federation.controller';
import { FederationQueries } from './operations/federation.queries';
import { NodeStatus, NodeStatusController } from './operations/node-status';
import { Workbench, WorkbenchController } from './workbench/workbench.controller';
import { NODE_ENTITIES, NODE_MIGRATIONS } from './schema';

export interface NodeSettings {
  config: NodeConfig;
  identity: NodeIdentity;
  clock?: Clock;
  /** This node's NKey seed for an authenticating broker. */
  natsSeed?: string;
  /** Overrides of relay and consumer timings (tests shorten the re-send interval). */
  messaging?: Partial<Omit<MessagingOptions, 'identity' | 'federation' | 'natsUrl'>>;
}

@Module({})
export class AppModule {
  static forRoot(settings: NodeSettings): DynamicModule {
    const { config, identity } = settings;
    const messaging: MessagingOptions = {
      ...DEFAULT_MESSAGING_TIMINGS,
      resendAfterMs: config.RESEND_AFTER_MS,
      envelopeTtlMs: config.ENVELOPE_TTL_MS,
      syncIntervalMs: config.SYNC_INTERVAL_MS,
      brokerCheckMs: config.BROKER_CHECK_MS,
      batchForms: config.PROTOCOL_BATCH_FORMS,
      ...settings.messaging,
      federation: config.FEDERATION,
      natsUrl: config.NATS_URL,
      keyRegistryDomain: config.NATS_KEY_REGISTRY_DOMAIN,
      natsSeed: settings.natsSeed,
      natsTls: natsTlsOf(config),
      identity,
    };
    const planning = PlanningModule.forRoot({ recentPostYears: config.RECUSAL_RECENT_POST_YEARS });
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.DATABASE_URL,
          entities: NODE_ENTITIES,
          migrations: NODE_MIGRATIONS,
          migrationsRun: config.MIGRATE_ON_BOOT,
          migrationsTransactionMode: 'each',
          synchronize: false,
          extra: { max: 10, application_name: `liandong-${identity.nodeId}` },
        }),
        TerminusModule,
        MessagingModule.forRootAsync({ useFactory: () => messaging, clock: settings.clock }),
        AccessModule.forRoot({
          oidc: config.OIDC_ISSUER
            ? {
                issuer: config.OIDC_ISSUER,
                jwksUrl: config.OIDC_JWKS_URL as string,
                audience: config.OIDC_AUDIENCE as string,
                rolesClaim: config.OIDC_ROLES_CLAIM,
                usernameClaim: config.OIDC_USERNAME_CLAIM,
                authorizationUrl: config.OIDC_AUTHORIZATION_URL,
                tokenUrl: config.OIDC_TOKEN_URL,
              }
            : undefined,
        }),
        DirectivesModule,
        planning,
        RectificationModule.forRoot(planning, { alertSweepMs: config.ALERT_SWEEP_MS }),
        ExchangeModule.forRoot(planning),
        OversightModule.forRoot(planning, { sweepMs: config.ALERT_SWEEP_MS }),
        StatisticsModule.forRoot(planning),
        EvaluationModule.forRoot(planning),
      ],
      controllers: [
        HealthController,
        FederationController,
        AuditController,
        WorkbenchController,
        NodeStatusController,
        liveController(liveSubject(config.FEDERATION, identity.nodeId, 'status')),
      ],
      providers: [
        NatsHealthIndicator,
        OutboxListenerIndicator,
        AuditQueries,
        FederationQueries,
        Workbench,
        NodeStatus,
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
