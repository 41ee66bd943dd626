// A validator for the Fiscal Data Packages published here: a descriptor and the CSV of its resource,
// checked against the rules of the Data Package, Tabular Data Package, Table Schema and Fiscal Data
// Package specifications that the publication relies on. Plain TypeScript, no dependencies beyond
// decimal.js; used by the tests, usable by anyone holding a package.
//
// Descriptor
//  - `name` (lower case, digits, `-_./`), `title`, `profile` (tabular or fiscal data package),
//    `licenses` (each with a name or a path), `sources` (each with a title) are present;
//  - `fiscalPeriod.start` (and `end`, not before it) are dates; `countryCode`, `granularity` well formed;
//  - every resource is a Tabular Data Resource: name, path, `csv` / `text/csv` / `utf-8`, a schema
//    whose fields have unique names and Table Schema types; `number` fields declare well-formed
//    `decimalChar` / `groupChar`; the primary key names fields; every extra field is a constant;
//  - `model.measures` (≥ 1): each from a numeric field of its resource, an ISO 4217 currency, a
//    direction and phase from the allowed sets; `model.dimensions` (≥ 1): attributes from fields of
//    the resource (or constants), a primary key among them, known dimension and classification types;
//  - the phase of every amount is known: from the measure, or from a phase column (columnType
//    `phase:id`, or the `phase` dimension) whose enum stays within proposed / approved / adjusted / executed.
// Data
//  - the CSV parses as RFC 4180; its header is the schema's field names in order;
//  - every value fits its field's type and constraints (required, enum, minimum, maximum);
//    measures are finite numbers; phases are from the allowed set; fiscal years fall in the fiscal
//    period; the primary key is unique.
import { Decimal } from 'decimal.js';
import { PHASES } from './budget-lines.js';
import { CsvSyntaxError, parseCsv } from './csv.js';

export interface ValidationReport {
  valid: boolean;
  errors: string[];
  /** Data records read (the header not counted). */
  records: number;
}

const MAX_ERRORS = 100;
const NAME = /^[-a-z0-9._/]+$/;
const LICENSE_NAME = /^[-a-zA-Z0-9._]+$/;
const PATH = /^(?=^[^./~])(^((?!\.{2}).)*$).*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;
const TABLE_SCHEMA_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'date', 'time', 'datetime', 'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any'];
const DIRECTIONS = ['expenditure', 'revenue'];
const DIMENSION_TYPES = ['datetime', 'entity', 'classification', 'activity', 'fact', 'location', 'other'];
const CLASSIFICATION_TYPES = ['functional', 'administrative', 'economic'];
const ALLOWED_PHASES: readonly string[] = PHASES;
/** Data types the budget taxonomy fixes for some ColumnTypes. */
const COLUMN_TYPE_DATA_TYPES: Record<string, readonly string[]> = {
  value: ['number', 'integer'],
  'date:fiscal-year': ['integer'],
  'phase:id': ['string'],
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const oneOf = (value: unknown, allowed: readonly string[]): value is string => typeof value === 'string' && allowed.includes(value);

function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

interface Field {
  name: string;
  type: string;
  columnType?: string;
  constraints: Json;
  decimalChar: string;
  groupChar: string | null;
  bareNumber: boolean;
}

class Problems {
  readonly list: string[] = [];
  add(message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push(message);
    else if (this.list.length === MAX_ERRORS) this.list.push('… more problems left out');
  }
  get full(): boolean {
    return this.list.length > MAX_ERRORS;
  }
}

interface CheckedDescriptor {
  fields: Field[];
  missing: string[];
  primaryKey: string[];
  phaseField: string | null;
  yearFields: string[];
  periodYears: [number, number] | null;
}

/** Checks the descriptor alone; returns what reading its first resource's data needs, when it could be read. */
function checkDescriptor(d: unknown, problems: Problems): CheckedDescriptor | null {
  if (!isObject(d)) {
    problems.add('descriptor: not a JSON object');
    return null;
  }
  if (typeof d.name !== 'string' || !NAME.test(d.name)) problems.add('name: required, lower case letters, digits and - _ . / only');
  if (!isText(d.title)) problems.add('title: required');
  if (d.profile !== 'tabular-data-package' && d.profile !== 'fiscal-data-package') problems.add('profile: required, "tabular-data-package" or "fiscal-data-package"');
  if (!Array.isArray(d.licenses) || d.licenses.length === 0) problems.add('licenses: required, at least one');
  else
    d.licenses.forEach((license, i) => {
      const ok = isObject(license) && ((typeof license.name === 'string' && LICENSE_NAME.test(license.name)) || (typeof license.path === 'string' && license.path.length > 0));
      if (!ok) problems.add(`licenses[${i}]: needs a license name (letters, digits, - . _) or a path`);
    });
  if (!Array.isArray(d.sources) || d.sources.length === 0) problems.add('sources: required, at least one');
  else d.sources.forEach((s, i) => (isObject(s) && isText(s.title) ? undefined : problems.add(`sources[${i}].title: required`)));
  if (d.countryCode !== undefined && !(typeof d.countryCode === 'string' && COUNTRY.test(d.countryCode))) problems.add('countryCode: an ISO 3166-1 alpha-2 code in capitals');
  if (d.granularity !== undefined && d.granularity !== 'aggregated' && d.granularity !== 'transactional') problems.add('granularity: "aggregated" or "transactional"');

  let periodYears: [number, number] | null = null;
  if (!isObject(d.fiscalPeriod)) problems.add('fiscalPeriod: required');
  else {
    const { start, end } = d.fiscalPeriod;
    if (!isDate(start)) problems.add('fiscalPeriod.start: required, a date YYYY-MM-DD');
    if (end !== undefined && !isDate(end)) problems.add('fiscalPeriod.end: a date YYYY-MM-DD');
    if (isDate(start) && isDate(end) && end < start) problems.add('fiscalPeriod.end: before the start');
    if (isDate(start)) periodYears = [Number(start.slice(0, 4)), isDate(end) ? Number(end.slice(0, 4)) : Number(start.slice(0, 4))];
  }

  if (!Array.isArray(d.resources) || d.resources.length === 0) {
    problems.add('resources: required, at least one');
    return null;
  }
  const resources = d.resources as unknown[];
  const fieldsByResource = new Map<string, Map<string, Field>>();
  let first: { fields: Field[]; missing: string[]; primaryKey: string[] } | null = null;
  for (const [r, resource] of resources.entries()) {
    const at = `resources[${r}]`;
    if (!isObject(resource)) {
      problems.add(`${at}: not an object`);
      continue;
    }
    if (typeof resource.name !== 'string' || !NAME.test(resource.name)) problems.add(`${at}.name: required, lower case letters, digits and - _ . / only`);
    if (resource.profile !== 'tabular-data-resource') problems.add(`${at}.profile: required, "tabular-data-resource"`);
    if (resource.data === undefined && !(typeof resource.path === 'string' && PATH.test(resource.path))) problems.add(`${at}.path: required, a URL or a relative POSIX path`);
    if (resource.format !== undefined && resource.format !== 'csv') problems.add(`${at}.format: only "csv" is published`);
    if (resource.mediatype !== undefined && resource.mediatype !== 'text/csv') problems.add(`${at}.mediatype: "text/csv" for a CSV resource`);
    if (resource.encoding !== undefined && !(typeof resource.encoding === 'string' && resource.encoding.toLowerCase() === 'utf-8')) problems.add(`${at}.encoding: "utf-8"`);
    const schema = resource.schema;
    if (!isObject(schema) || !Array.isArray(schema.fields) || schema.fields.length === 0) {
      problems.add(`${at}.schema.fields: required, at least one field`);
      continue;
    }
    const fields: Field[] = [];
    const names = new Set<string>();
    (schema.fields as unknown[]).forEach((f, i) => {
      const fat = `${at}.schema.fields[${i}]`;
      if (!isObject(f) || !isText(f.name)) return problems.add(`${fat}.name: required`);
      if (names.has(f.name)) problems.add(`${fat}.name: "${f.name}" is not unique`);
      names.add(f.name);
      const type = f.type === undefined ? 'string' : f.type;
      if (!oneOf(type, TABLE_SCHEMA_TYPES)) problems.add(`${fat}.type: not a Table Schema type`);
      const decimalChar = f.decimalChar === undefined ? '.' : f.decimalChar;
      const groupChar = f.groupChar === undefined ? null : f.groupChar;
      if (type === 'number') {
        if (typeof decimalChar !== 'string' || decimalChar.length !== 1) problems.add(`${fat}.decimalChar: one character`);
        if (groupChar !== null && (typeof groupChar !== 'string' || groupChar.length !== 1)) problems.add(`${fat}.groupChar: one character`);
        if (groupChar !== null && groupChar === decimalChar) problems.add(`${fat}: decimalChar and groupChar are the same`);
      }
      if (f.bareNumber !== undefined && typeof f.bareNumber !== 'boolean') problems.add(`${fat}.bareNumber: a boolean`);
      if (f.constraints !== undefined && !isObject(f.constraints)) problems.add(`${fat}.constraints: an object`);
      const constraints = isObject(f.constraints) ? f.constraints : {};
      if (constraints.enum !== undefined && (!Array.isArray(constraints.enum) || constraints.enum.length === 0)) problems.add(`${fat}.constraints.enum: a non-empty array`);
      if (f.columnType !== undefined && !isText(f.columnType)) problems.add(`${fat}.columnType: a string`);
      const columnType = typeof f.columnType === 'string' ? f.columnType : undefined;
      const fixed = columnType ? COLUMN_TYPE_DATA_TYPES[columnType] : undefined;
      if (fixed && !oneOf(type, fixed)) problems.add(`${fat}: columnType ${columnType} needs type ${fixed.join(' or ')}`);
      fields.push({
        name: f.name,
        type: typeof type === 'string' ? type : 'any',
        columnType,
        constraints,
        decimalChar: typeof decimalChar === 'string' ? decimalChar : '.',
        groupChar: typeof groupChar === 'string' ? groupChar : null,
        bareNumber: f.bareNumber !== false,
      });
    });
    const primaryKey = schema.primaryKey === undefined ? [] : typeof schema.primaryKey === 'string' ? [schema.primaryKey] : schema.primaryKey;
    if (!Array.isArray(primaryKey) || primaryKey.some((k) => typeof k !== 'string' || !names.has(k))) problems.add(`${at}.schema.primaryKey: must name fields of the schema`);
    if (schema.extraFields !== undefined) {
      if (!Array.isArray(schema.extraFields)) problems.add(`${at}.schema.extraFields: an array`);
      else
        (schema.extraFields as unknown[]).forEach((x, i) => {
          const ok = isObject(x) && isText(x.name) && !names.has(x.name) && (x.constant !== undefined || x.normalizationTarget === true);
          if (!ok) problems.add(`${at}.schema.extraFields[${i}]: needs a new name and a constant (or to be the normalisation target)`);
        });
    }
    const missing = Array.isArray(schema.missingValues) ? schema.missingValues.filter((v): v is string => typeof v === 'string') : [''];
    if (typeof resource.name === 'string') fieldsByResource.set(resource.name, new Map(fields.map((f) => [f.name, f])));
    if (r === 0) first = { fields, missing, primaryKey: Array.isArray(primaryKey) ? primaryKey.map(String) : [] };
  }

  const firstName = isObject(resources[0]) && typeof resources[0].name === 'string' ? resources[0].name : '';
  const fieldOf = (resource: unknown, name: unknown): Field | undefined =>
    typeof name === 'string' ? fieldsByResource.get(typeof resource === 'string' ? resource : firstName)?.get(name) : undefined;

  let phaseField: string | null = null;
  let everyMeasureHasPhase = true;
  const model = d.model;
  if (!isObject(model)) problems.add('model: required');
  else {
    if (!isObject(model.measures) || Object.keys(model.measures).length === 0) problems.add('model.measures: required, at least one measure');
    else
      for (const [key, m] of Object.entries(model.measures)) {
        const at = `model.measures.${key}`;
        if (!isObject(m)) {
          problems.add(`${at}: not an object`);
          continue;
        }
        const f = fieldOf(m.resource, m.source);
        if (!f) problems.add(`${at}.source: must name a field of the resource`);
        else if (f.type !== 'number' && f.type !== 'integer') problems.add(`${at}.source: the field "${f.name}" is not numeric`);
        if (typeof m.currency !== 'string' || !CURRENCY.test(m.currency)) problems.add(`${at}.currency: required, an ISO 4217 code`);
        if (m.factor !== undefined && typeof m.factor !== 'number') problems.add(`${at}.factor: a number`);
        if (m.direction !== undefined && !oneOf(m.direction, DIRECTIONS)) problems.add(`${at}.direction: "expenditure" or "revenue"`);
        if (m.phase === undefined) everyMeasureHasPhase = false;
        else if (!oneOf(m.phase, ALLOWED_PHASES)) problems.add(`${at}.phase: one of ${ALLOWED_PHASES.join(', ')}`);
      }
    if (!isObject(model.dimensions) || Object.keys(model.dimensions).length === 0) problems.add('model.dimensions: required, at least one dimension');
    else
      for (const [key, dim] of Object.entries(model.dimensions)) {
        const at = `model.dimensions.${key}`;
        if (!/^\w+/.test(key)) problems.add(`${at}: a dimension name starts with a letter, digit or _`);
        if (!isObject(dim)) {
          problems.add(`${at}: not an object`);
          continue;
        }
        if (!isObject(dim.attributes) || Object.keys(dim.attributes).length === 0) {
          problems.add(`${at}.attributes: required, at least one`);
          continue;
        }
        const attributes = dim.attributes;
        for (const [name, a] of Object.entries(attributes)) {
          if (!isObject(a)) problems.add(`${at}.attributes.${name}: not an object`);
          else if (a.source === undefined) problems.add(`${at}.attributes.${name}.source: required`);
          else if (!fieldOf(a.resource, a.source)) problems.add(`${at}.attributes.${name}.source: must name a field of the resource`);
          if (isObject(a) && a.labelfor !== undefined && !(typeof a.labelfor === 'string' && Object.hasOwn(attributes, a.labelfor))) problems.add(`${at}.attributes.${name}.labelfor: must name an attribute of the dimension`);
        }
        const pk = typeof dim.primaryKey === 'string' ? [dim.primaryKey] : dim.primaryKey;
        if (!Array.isArray(pk) || pk.length === 0 || pk.some((k) => typeof k !== 'string' || !Object.hasOwn(attributes, k))) problems.add(`${at}.primaryKey: required, attributes of the dimension`);
        if (dim.dimensionType !== undefined && !oneOf(dim.dimensionType, DIMENSION_TYPES)) problems.add(`${at}.dimensionType: one of ${DIMENSION_TYPES.join(', ')}`);
        if (dim.classificationType !== undefined && !oneOf(dim.classificationType, CLASSIFICATION_TYPES)) problems.add(`${at}.classificationType: one of ${CLASSIFICATION_TYPES.join(', ')}`);
        if (key === 'phase') {
          const a = Object.values(attributes)[0];
          if (isObject(a) && typeof a.source === 'string') phaseField = a.source;
        }
      }
  }

  if (!first) return null;
  const { fields } = first;
  phaseField = fields.find((f) => f.columnType === 'phase:id')?.name ?? phaseField;
  if (phaseField === null && !everyMeasureHasPhase) problems.add('phase: neither every measure nor a phase column (columnType phase:id) says which phase an amount belongs to');
  const phase = fields.find((f) => f.name === phaseField);
  if (phase && Array.isArray(phase.constraints.enum) && phase.constraints.enum.some((p) => !ALLOWED_PHASES.includes(String(p)))) {
    problems.add(`${phase.name}.constraints.enum: phases must be from ${ALLOWED_PHASES.join(', ')}`);
  }
  const yearFields = fields.filter((f) => f.columnType === 'date:fiscal-year').map((f) => f.name);
  return { ...first, phaseField, yearFields, periodYears };
}

function numberPattern(field: Field): RegExp {
  const esc = (c: string) => c.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
  const digits = field.groupChar ? `\\d{1,3}(?:${esc(field.groupChar)}\\d{3})*|\\d+` : '\\d+';
  const core = `[+-]?(?:${digits})(?:${esc(field.decimalChar)}\\d+)?(?:[eE][+-]?\\d+)?`;
  return new RegExp(field.bareNumber ? `^${core}$` : `^\\D*${core}\\D*$`);
}

/** The value as a Decimal when it fits the field's type, else null. Strings and other types: their own text. */
function typed(field: Field, value: string): Decimal | string | null {
  switch (field.type) {
    case 'integer':
      return /^[+-]?\d+$/.test(value) ? new Decimal(value) : null;
    case 'number': {
      if (!numberPattern(field).test(value)) return null;
      let text = field.bareNumber ? value : value.replace(/^[^\d+-]*/, '').replace(/[^\d]*$/, '');
      if (field.groupChar) text = text.split(field.groupChar).join('');
      if (field.decimalChar !== '.') text = text.replace(field.decimalChar, '.');
      return new Decimal(text);
    }
    case 'date':
      return isDate(value) ? value : null;
    case 'boolean':
      return ['true', 'false', 'True', 'False', 'TRUE', 'FALSE', '1', '0'].includes(value) ? value : null;
    default:
      return value;
  }
}

/**
 * Validates a descriptor and the CSV text of its (first) resource. Every problem found is listed
 * (up to a hundred), each naming where it is.
 */
export function validateFiscalDataPackage(descriptor: unknown, csv: string): ValidationReport {
  const problems = new Problems();
  const checked = checkDescriptor(descriptor, problems);
  if (!checked) return { valid: false, errors: problems.list, records: 0 };
  const { fields, missing, primaryKey, phaseField, yearFields, periodYears } = checked;

  let records: string[][];
  try {
    records = parseCsv(csv);
  } catch (error) {
    problems.add(error instanceof CsvSyntaxError ? error.message : String(error));
    return { valid: false, errors: problems.list, records: 0 };
  }
  const [header, ...rows] = records;
  if (!header) {
    problems.add('CSV: no header row');
    return { valid: false, errors: problems.list, records: 0 };
  }
  const names = fields.map((f) => f.name);
  if (header.length !== names.length || header.some((h, i) => h !== names[i])) {
    problems.add(`CSV header [${header.join(', ')}] is not the schema's fields in order [${names.join(', ')}]`);
    return { valid: false, errors: problems.list, records: rows.length };
  }
  const measureFields = new Set<string>();
  const model = (descriptor as Json).model;
  if (isObject(model) && isObject(model.measures)) for (const m of Object.values(model.measures)) if (isObject(m) && typeof m.source === 'string') measureFields.add(m.source);

  const keys = new Set<string>();
  const pkIndexes = primaryKey.map((k) => names.indexOf(k));
  rows.forEach((row, r) => {
    if (problems.full) return;
    const at = `CSV record ${r + 2}`;
    fields.forEach((field, c) => {
      const value = row[c];
      const constraints = field.constraints;
      if (missing.includes(value)) {
        if (constraints.required === true) problems.add(`${at}, ${field.name}: required`);
        return;
      }
      const v = typed(field, value);
      if (v === null) return problems.add(`${at}, ${field.name}: "${value}" is not a ${field.type}`);
      if (Array.isArray(constraints.enum) && !constraints.enum.map(String).includes(value)) problems.add(`${at}, ${field.name}: "${value}" is not one of ${constraints.enum.join(', ')}`);
      if (v instanceof Decimal) {
        if (!v.isFinite()) problems.add(`${at}, ${field.name}: not a finite number`);
        if (typeof constraints.minimum === 'number' && v.lessThan(constraints.minimum)) problems.add(`${at}, ${field.name}: ${value} is below the minimum ${constraints.minimum}`);
        if (typeof constraints.maximum === 'number' && v.greaterThan(constraints.maximum)) problems.add(`${at}, ${field.name}: ${value} is above the maximum ${constraints.maximum}`);
        if (periodYears && yearFields.includes(field.name) && (v.lessThan(periodYears[0]) || v.greaterThan(periodYears[1]))) {
          problems.add(`${at}, ${field.name}: ${value} is outside the fiscal period`);
        }
      } else if (measureFields.has(field.name)) {
        problems.add(`${at}, ${field.name}: an amount must be numeric`);
      }
      if (field.name === phaseField && !ALLOWED_PHASES.includes(value)) problems.add(`${at}, ${field.name}: "${value}" is not a phase (${ALLOWED_PHASES.join(', ')})`);
    });
    if (pkIndexes.length > 0) {
      const key = JSON.stringify(pkIndexes.map((i) => row[i]));
      if (keys.has(key)) problems.add(`${at}: primary key ${key} repeats`);
      keys.add(key);
    }
  });
  return { valid: problems.list.length === 0, errors: problems.list, records: rows.length };
}
