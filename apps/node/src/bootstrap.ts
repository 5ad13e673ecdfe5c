import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { SwaggerModule } from '@nestjs/swagger';
import { nkeyAuthenticator } from 'nats';
import { natsServers } from '@liandong/messaging';
import { AppModule, NodeSettings } from './app.module';
import { natsTlsOf } from './config/node.config';
import { BeijingTimeInterceptor } from './http/beijing-time.interceptor';
import { InputSafetyPipe } from './http/input-safety.pipe';
import { validationException } from './http/validation-messages';
import { asNode, JsonLogger, NODE_LOGGER } from './http/json-logger';
import { buildOpenApi } from './http/openapi';
import { serveConsole } from './http/console-static';
import { applySecurityHeaders } from './http/security-headers';

export interface NodeAppOptions {
  /**
   * Close the app on SIGTERM/SIGINT (Nest's shutdown hooks, which then re-raise the signal).
   * Yes for a node alone in its process; no on a NodeHost, which stops all its nodes itself.
   */
  shutdownHooks?: boolean;
  /** The node's logger, when the caller runs the node's work in its context (asNode). */
  logger?: JsonLogger;
}

/** The logger of a node: every JSON line names the node. */
export function nodeLoggerOf(settings: NodeSettings): JsonLogger {
  return new JsonLogger({ node: settings.identity.nodeId }, settings.config.LOG_LEVEL);
}

/** Builds a node application: HTTP API with OpenAPI at /api/docs, plus the live NATS listener. */
export async function createNodeApp(
  settings: NodeSettings,
  options: NodeAppOptions = {},
): Promise<INestApplication> {
  const logger = options.logger ?? nodeLoggerOf(settings);
  return asNode(logger, () => buildNodeApp(settings, options.shutdownHooks ?? true));
}

async function buildNodeApp(
  settings: NodeSettings,
  shutdownHooks: boolean,
): Promise<INestApplication> {
  const { identity, config } = settings;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    // One logger for the process, writing through the logger of the node in context: Nest's
    // static Logger is shared by every app of a process (json-logger.ts).
    logger: NODE_LOGGER,
    bodyParser: false,
    abortOnError: false,
  });
  applySecurityHeaders(app, config.TRUST_PROXY);
  serveConsole(app, config.CONSOLE_DIR);
  app.useBodyParser('json', { limit: '1mb' });
  // Registry files (CSV, Excel) come as the raw request body: 100,000 rows fit well within 64 MB.
  // Evidence files (PDF, images, Word, text) too; their size is bounded per file by the use case.
  app.useBodyParser('raw', {
    type: [
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/pdf',
      'image/jpeg',
      'image/png',
      'text/plain',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    limit: '64mb',
  });
  app.useGlobalInterceptors(new BeijingTimeInterceptor());
  app.useGlobalPipes(
    new InputSafetyPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // The request class names a field where its name alone is ambiguous (fieldLabel); the
      // values are never echoed.
      validationError: { target: true, value: false },
      exceptionFactory: validationException,
    }),
  );
  if (shutdownHooks) app.enableShutdownHooks();
  const document = buildOpenApi(app, identity);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.NATS,
      options: {
        servers: natsServers(config.NATS_URL),
        authenticator: settings.natsSeed
          ? nkeyAuthenticator(new TextEncoder().encode(settings.natsSeed))
          : undefined,
        tls: natsTlsOf(config),
      },
    },
    { inheritAppConfig: true },
  );
  return app;
}

/** A node alone in its process: its microservice started, listening on HTTP_PORT. */
export async function startNodeApp(settings: NodeSettings): Promise<INestApplication> {
  const logger = nodeLoggerOf(settings);
  return asNode(logger, async () => {
    const app = await createNodeApp(settings, { logger });
    await app.startAllMicroservices();
    await app.listen(settings.config.HTTP_PORT, settings.config.HTTP_HOST);
    return app;
  });
}
