import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/app-config.js';

/**
 * The OpenAPI document of the API, read from the controllers' decorators. The operation id is
 * `<Controller without the suffix>_<method>` (e.g. `Estimates_addLine`), stable as long as the
 * method keeps its name.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('itbudget')
      .setDescription(
        'Budget engine for a province IT plan. Amounts are whole đồng as strings of digits. ' +
          'Errors: { statusCode, error, code, message, details? }; the message is Vietnamese first, English after " / ".',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
    { operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}` },
  );
}

/**
 * The same document without a database or a server: Nest's preview mode registers the modules and
 * controllers without instantiating any provider, so nothing connects anywhere. Used by
 * `npm run api:client` and by the test that keeps the committed client current.
 */
export async function buildOpenApiDocumentOffline(): Promise<OpenAPIObject> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' });
  const app = await NestFactory.create(AppModule.forRoot(config, 'postgres://preview.invalid/none'), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
