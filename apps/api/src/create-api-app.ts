/**
 * Builds the API application (not yet listening): used by main.ts and by the tests, so
 * both run exactly the same wiring.
 */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../../../libs/config/src';
import { ApiModule } from './app.module';
import { PrincipalsService } from './auth/principals.service';
import { documentRoutePermissions, routePermissions } from './auth/route-permissions';
import { CONSOLE_PATH, consoleFiles } from './console/console-files';
import { apiSecurityHeaders, consoleSecurityHeaders, docsSecurityHeaders } from './http/security-headers';
import { allowedMethods, type RouterHost } from './http/allowed-methods';
import { assignRequestId, keepRequestContext } from './http/request-ids';
import { BODY_LIMIT, jsonMediaTypes, keepBodyErrorType, requireWellFormedBody, requireWellFormedUrl, verifyUtf8 } from './http/well-formed-input';
import { documentStandardResponses } from './openapi/standard-responses';
import { ApiMetrics } from './metrics/api-metrics';
import { httpMetrics } from './metrics/http-metrics';

/** `logDestination`: where the JSON log lines go (default stdout): a test that reads them */
export async function createApiApp(config: AppConfig, logDestination?: DestinationStream): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forConfig(config, logDestination), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // first, so that every request is timed and every answer carries them, the earliest refusals too
  app.use(httpMetrics(app.get(ApiMetrics)));
  app.use(assignRequestId);
  app.use(apiSecurityHeaders);
  app.use(allowedMethods(app.getHttpAdapter().getInstance() as unknown as RouterHost));
  app.use(requireWellFormedUrl);
  app.use('/docs', docsSecurityHeaders);
  app.use(CONSOLE_PATH, consoleSecurityHeaders, consoleFiles(config.consoleDir));
  app.useBodyParser('json', { limit: BODY_LIMIT, type: jsonMediaTypes, verify: verifyUtf8 });
  app.use(keepBodyErrorType);
  app.use(requireWellFormedBody);
  app.use(keepRequestContext);
  app.enableShutdownHooks();
  app.disable('x-powered-by');

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Complaint-resolution engine')
      .setDescription(
        'Intake, case handling and audit of customer complaints. Errors are RFC 9457 problem+json. ' +
          'Every /v1 route needs `Authorization: Bearer <api key>`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  documentRoutePermissions(document, routePermissions(config.metricsAuth));
  documentStandardResponses(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });

  const principals = app.get(PrincipalsService);
  if (config.apiKeys) await principals.bootstrap(config.apiKeys);
  else await principals.warnIfNoPrincipals();
  return app;
}
