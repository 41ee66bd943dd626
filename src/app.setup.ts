import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { AppLogger } from './common/logging/app-logger.js';
import helmet, { type HelmetOptions } from 'helmet';
import { type AppConfig, docsEnabled } from './config/app-config.js';
import { HttpErrorFilter } from './common/errors/http-error.filter.js';
import { refuseDeepJson } from './common/validation/json-guard.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { JsonContentTypeInterceptor } from './common/validation/json-content-type.interceptor.js';
import { setUpDatabase } from './database/migrate.js';
import { createOpenApiDocument } from './openapi/openapi-document.js';

/**
 * Helmet's headers (CSP, frame-ancestors, nosniff, referrer policy, HSTS …) on every answer. Its
 * default CSP fits what is served here: the web app under /app is Vite's build (module scripts
 * and styles from the same origin; inline style attributes, which 'unsafe-inline' in style-src
 * allows) and /docs is Swagger UI from files of its own. `upgrade-insecure-requests` is left out:
 * on a plain-HTTP intranet address it would send every script to an https:// that is not there.
 */
export const SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
};

/**
 * Builds the application: one validation pipe, one error filter, OpenAPI at /docs, and JSON in
 * which every bigint (money) is written as a string of digits.
 */
export async function createApp(config: AppConfig, ownerUrl: string, appUrl: string | null = null): Promise<INestApplication> {
  // The owner migrates and grants; the app itself then connects only as its own role.
  const appConnection = await setUpDatabase(config, ownerUrl, appUrl, (message) => new Logger('Database').warn(message));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, appConnection), {
    // Route and module lines of start-up only at LOG_LEVEL=debug or verbose (common/logging/app-logger.ts).
    logger: new AppLogger(config.LOG_LEVEL),
    bodyParser: false,
  });
  // The client's address (sign-in limits per address) is the socket's unless proxies are declared.
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  app.use(helmet(SECURITY_HEADERS));
  // Nesting is bounded on the raw bytes before JSON.parse recurses into it (json-guard.ts). Nest's
  // types reserve `verify` for its rawBody option (off here), and pass it on to body-parser.
  const jsonOptions = { limit: config.BODY_LIMIT, verify: refuseDeepJson };
  app.useBodyParser('json', jsonOptions);
  app.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  // Money is bigint in code and a digit string in JSON (DESIGN.md section 2).
  app.set('json replacer', (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  app.useGlobalPipes(createValidationPipe());
  // A body for a JSON route in another media type: 415 naming application/json (not a 400 about fields).
  app.useGlobalInterceptors(new JsonContentTypeInterceptor(app.get(Reflector)));
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  if (docsEnabled(config)) SwaggerModule.setup('docs', app, createOpenApiDocument(app));
  await app.init();
  return app;
}
