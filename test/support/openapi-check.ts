// Checks a response body against the schema its operation declares in the OpenAPI document: what
// the typed client of the web app promises must be what the API answers. A small checker for the
// subset @nestjs/swagger writes (types, nullable, required, enum, pattern, format date, $ref, allOf,
// oneOf, items); extra properties are allowed (adding a field breaks no client).

type Schema = Record<string, unknown>;
export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components?: { schemas?: Record<string, Schema> };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  const found = document.components?.schemas?.[name];
  if (!found) throw new Error(`unknown schema ${ref}`);
  return found;
}

/** The problems of `value` against `schema`, each naming the JSON path. */
export function schemaProblems(document: OpenApiDocument, schema: Schema, value: unknown, path = '$'): string[] {
  const s = resolve(document, schema);
  if (value === null) return s.nullable === true || schema.nullable === true ? [] : [`${path}: null but not nullable`];
  if (Array.isArray(s.allOf)) return (s.allOf as Schema[]).flatMap((part) => schemaProblems(document, part, value, path));
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) {
    const options = (s.oneOf ?? s.anyOf) as Schema[];
    return options.some((option) => schemaProblems(document, option, value, path).length === 0) ? [] : [`${path}: matches none of its options`];
  }
  const problems: string[] = [];
  if (Array.isArray(s.enum) && !s.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(s.enum)}`);
  switch (s.type) {
    case 'string':
      if (typeof value !== 'string') return [`${path}: expected a string, got ${JSON.stringify(value)}`];
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern).test(value)) problems.push(`${path}: ${JSON.stringify(value)} does not match ${s.pattern}`);
      if (s.format === 'date' && !DATE.test(value)) problems.push(`${path}: ${JSON.stringify(value)} is not a date`);
      if (s.format === 'date-time' && Number.isNaN(Date.parse(value))) problems.push(`${path}: ${JSON.stringify(value)} is not a date-time`);
      return problems;
    case 'integer':
      return Number.isInteger(value) ? problems : [`${path}: expected an integer, got ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' ? problems : [`${path}: expected a number, got ${JSON.stringify(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? problems : [`${path}: expected a boolean, got ${JSON.stringify(value)}`];
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected an array`];
      return value.flatMap((item, index) => schemaProblems(document, (s.items ?? {}) as Schema, item, `${path}[${index}]`));
    default: {
      if (s.type !== 'object' && s.properties === undefined) return problems;
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected an object`];
      const record = value as Record<string, unknown>;
      for (const key of (s.required ?? []) as string[]) if (record[key] === undefined) problems.push(`${path}.${key}: required but missing`);
      for (const [key, property] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
        if (record[key] !== undefined) problems.push(...schemaProblems(document, property, record[key], `${path}.${key}`));
      }
      if (typeof s.additionalProperties === 'object') {
        for (const [key, item] of Object.entries(record)) {
          if (!(key in ((s.properties ?? {}) as Record<string, Schema>))) problems.push(...schemaProblems(document, s.additionalProperties as Schema, item, `${path}.${key}`));
        }
      }
      return problems;
    }
  }
}

/** The JSON schema an operation declares for a status, or an error naming what is missing. */
export function responseSchema(document: OpenApiDocument, method: string, path: string, status: number): Schema {
  const operation = document.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${path} is not in the document`);
  const response = operation.responses?.[String(status)] ?? operation.responses?.default;
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method} ${path} declares no JSON body for ${status}`);
  return schema;
}

/** Fails with every problem of a response body against its operation's declared schema. */
export function expectMatchesDocument(document: OpenApiDocument, method: string, path: string, response: { status: number; body: unknown }): void {
  const problems = schemaProblems(document, responseSchema(document, method, path, response.status), response.body);
  if (problems.length > 0) throw new Error(`${method} ${path} → ${response.status} does not match its OpenAPI schema:\n${problems.slice(0, 20).join('\n')}`);
}
