import { type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { HttpErrorFilter } from './common/errors/http-error.filter.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { migrateDatabase } from './database/migrate.js';
import { createOpenApiDocument } from './openapi/openapi-document.js';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Builds the application: one validation pipe, one error filter, OpenAPI at /docs, and JSON in
 * which every bigint (money) is written as a string of digits.
 */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const { appRole } = await migrateDatabase(databaseUrl);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, appRole), {
    logger: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.LOG_LEVEL) + 1),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: config.BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  // Money is bigint in code and a digit string in JSON (DESIGN.md section 2).
  app.set('json replacer', (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document);
  await app.init();
  return app;
}
