// `npm run api:client`: writes web/src/api/openapi.json and web/src/api/schema.d.ts from the
// controllers (no database, no server: Nest's preview mode). Run it after changing any route or DTO.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_DIR, OPENAPI_FILE, SCHEMA_FILE, renderClient, repositoryRoot } from '../src/openapi/api-client.js';
import { buildOpenApiDocumentOffline } from '../src/openapi/openapi-document.js';

const root = repositoryRoot();
const { openapiJson, schemaDts } = await renderClient(await buildOpenApiDocumentOffline());
mkdirSync(join(root, CLIENT_DIR), { recursive: true });
writeFileSync(join(root, OPENAPI_FILE), openapiJson);
writeFileSync(join(root, SCHEMA_FILE), schemaDts);
console.log(`wrote ${OPENAPI_FILE} and ${SCHEMA_FILE}`);
