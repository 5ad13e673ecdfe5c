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
import { JsonLogger } from './http/json-logger';
import { buildOpenApi } from './http/openapi';
import { serveConsole } from './http/console-static';
import { applySecurityHeaders } from './http/security-headers';

/** Builds a node application: HTTP API with OpenAPI at /api/docs, plus the live NATS listener. */
export async function createNodeApp(settings: NodeSettings): Promise<INestApplication> {
  const { identity, config } = settings;
  const logger = new JsonLogger({ node: identity.nodeId }, config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    logger,
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
  app.enableShutdownHooks();
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

export async function startNodeApp(settings: NodeSettings): Promise<INestApplication> {
  const app = await createNodeApp(settings);
  await app.startAllMicroservices();
  await app.listen(settings.config.HTTP_PORT, settings.config.HTTP_HOST);
  return app;
}
