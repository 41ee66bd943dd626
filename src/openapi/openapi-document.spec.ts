import 'reflect-metadata';
import type { OpenAPIObject } from '@nestjs/swagger';
import { MONEY_PATTERN } from '../common/openapi/api-fields.js';
import { buildOpenApiDocumentOffline } from './openapi-document.js';

type Schema = Record<string, unknown>;

// Names that hold money in this API (amounts, totals of đồng, prices, ceilings …). Counts are
// integers, so a string property with one of these names is money and must carry the pattern.
const MONEY_NAME = /(amount|price|total|ceiling|minimum|contingency|requested|approved|allocated|disbursed|asked|proposed|decided|unawarded|unfunded|shortfall|expenditure$|prevyear|projectionnext|fundedtoprev|before$|^pools$|roundingunit|ownit(requested|approved|amount))/i;

/** Names of the component schemas that responses use, directly or nested. */
function responseComponents(document: OpenAPIObject): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') {
        const name = inner.replace('#/components/schemas/', '');
        if (!names.has(name)) {
          names.add(name);
          visit(document.components?.schemas?.[name]);
        }
      } else visit(inner);
    }
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, { responses?: unknown }>)) visit(operation.responses);
  }
  return names;
}

/** Every property of the component schemas that responses use, with its path. */
function properties(document: OpenAPIObject): { path: string; name: string; schema: Schema }[] {
  const found: { path: string; name: string; schema: Schema }[] = [];
  const used = responseComponents(document);
  for (const [component, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (!used.has(component)) continue;
    for (const [name, property] of Object.entries(((schema as Schema).properties ?? {}) as Record<string, Schema>)) {
      found.push({ path: `${component}.${name}`, name, schema: property });
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await buildOpenApiDocumentOffline();
  });

  it('declares a success body (JSON schema or a file) and the error shape for every operation', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item as Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>)) {
        const responses = operation.responses ?? {};
        const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
        const withBody = success.filter(([, response]) => Object.values(response.content ?? {}).some((content) => content.schema !== undefined));
        if (withBody.length === 0) missing.push(`${method.toUpperCase()} ${path}: no 2xx body`);
        if (!responses.default?.content?.['application/json']?.schema) missing.push(`${method.toUpperCase()} ${path}: no error shape`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('writes money as strings of digits, never a JSON number', () => {
    const numbers = properties(document).filter(({ schema }) => schema.type === 'number' || (schema.items as Schema | undefined)?.type === 'number');
    expect(numbers.map(({ path }) => path)).toEqual([]);
    const unpatterned = properties(document).filter(({ name, schema }) => {
      // approvedByName, decidedByName: a person's name beside an id, not an amount.
      const leaf = schema.type === 'array' ? ((schema.items ?? {}) as Schema) : schema;
      return MONEY_NAME.test(name) && !/ByName$/.test(name) && leaf.type === 'string' && leaf.format === undefined && leaf.enum === undefined && leaf.pattern === undefined;
    });
    expect(unpatterned.map(({ path }) => path)).toEqual([]);
    // Money named in responses carries exactly the documented pattern.
    const money = properties(document).filter(({ name, schema }) => /amount$/i.test(name) && schema.type === 'string');
    expect(money.length).toBeGreaterThan(10);
  });

  it('names every enum, so the client has one type for it', () => {
    const unnamed: string[] = [];
    const visit = (path: string, schema: Schema) => {
      if (Array.isArray(schema.enum)) unnamed.push(path);
      if (schema.items) visit(`${path}[]`, schema.items as Schema);
    };
    for (const { path, schema } of properties(document)) visit(path, schema);
    // Named enums are written as a $ref to a component schema: an inline enum is an unnamed one.
    expect(unnamed).toEqual([]);
    expect(document.components?.schemas?.EstimateStatus).toMatchObject({ type: 'string', enum: expect.arrayContaining(['DRAFT', 'SUBMITTED']) });
  });

  it('types dates as date and instants as date-time', () => {
    const dates = properties(document).filter(({ name }) => /(Date|Deadline)$/.test(name));
    expect(dates.filter(({ schema }) => schema.format !== 'date').map(({ path }) => path)).toEqual([]);
    const instants = properties(document).filter(({ name }) => /At$/.test(name));
    expect(instants.filter(({ schema }) => schema.format !== 'date-time').map(({ path }) => path)).toEqual([]);
    expect(MONEY_PATTERN).toBe('^\\d+$');
  });
});
