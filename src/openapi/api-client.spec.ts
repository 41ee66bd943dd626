import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_FILE, SCHEMA_FILE, renderClient, repositoryRoot } from './api-client.js';
import { buildOpenApiDocumentOffline } from './openapi-document.js';

/** Null when equal, else the first line that differs, to say where the committed file is stale. */
function firstDifference(committed: string, current: string): string | null {
  if (committed === current) return null;
  const a = committed.split('\n');
  const b = current.split('\n');
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}: committed ${JSON.stringify(a[at])}, generated ${JSON.stringify(b[at])}`;
}

describe('the committed typed client (web/src/api)', () => {
  it('is what `npm run api:client` makes from the controllers today', async () => {
    const generated = await renderClient(await buildOpenApiDocumentOffline());
    const root = repositoryRoot();
    const stale = [
      [OPENAPI_FILE, generated.openapiJson],
      [SCHEMA_FILE, generated.schemaDts],
    ].flatMap(([file, text]) => {
      const difference = firstDifference(readFileSync(join(root, file), 'utf8'), text);
      return difference ? [`${file} is out of date with the API (run \`npm run api:client\`), ${difference}`] : [];
    });
    expect(stale).toEqual([]);
  });
});
