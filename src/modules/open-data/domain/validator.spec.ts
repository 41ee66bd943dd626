import { sampleCsv, sampleLine, sampleMeta } from '../testing/sample.js';
import { BUDGET_LINE_HEADER } from './budget-lines.js';
import { csvRecord, parseCsv } from './csv.js';
import { buildDescriptor } from './descriptor.js';
import { validateFiscalDataPackage } from './validator.js';

/** The amount column, found by name (its position moves when fields are added). */
const AMOUNT_FIELD = BUDGET_LINE_HEADER.indexOf('amount');

// Descriptors are broken on purpose below, one property at a time, wherever it sits.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** A fresh, valid descriptor (as JSON) and CSV to break one rule at a time. */
function valid(): { descriptor: Json; csv: string } {
  const descriptor = JSON.parse(JSON.stringify(buildDescriptor(sampleMeta()))) as Json;
  const csv = sampleCsv(2013, [sampleLine(), sampleLine({ lineId: 'L2', unitCode: 'SO-GD', approvedNow: 40_000_000n, adjustmentCount: 1, adjustmentNet: -5_000_000n })]);
  return { descriptor, csv };
}

/** The sample CSV with the value of `field` in data record `record` (1 = the first after the header) replaced. */
function withValue(csv: string, record: number, field: string, value: string): string {
  const records = parseCsv(csv);
  records[record][BUDGET_LINE_HEADER.indexOf(field)] = value;
  return records.map(csvRecord).join('');
}

const errorsOf = (descriptor: unknown, csv: string) => validateFiscalDataPackage(descriptor, csv).errors;

describe('validateFiscalDataPackage', () => {
  it('accepts the published form', () => {
    const { descriptor, csv } = valid();
    expect(validateFiscalDataPackage(descriptor, csv)).toEqual({ valid: true, errors: [], records: 5 });
  });

  it.each([
    ['name', (d: Json) => delete d.name, /^name: required/],
    ['a name with capitals', (d: Json) => (d.name = 'Bac-Ninh'), /^name: required, lower case/],
    ['title', (d: Json) => delete d.title, /^title: required/],
    ['profile', (d: Json) => delete d.profile, /^profile: required/],
    ['licenses', (d: Json) => (d.licenses = []), /^licenses: required/],
    ['a license without name or path', (d: Json) => (d.licenses = [{ title: 'x' }]), /^licenses\[0\]/],
    ['sources', (d: Json) => delete d.sources, /^sources: required/],
    ['fiscalPeriod', (d: Json) => delete d.fiscalPeriod, /^fiscalPeriod: required/],
    ['a fiscal period ending before it starts', (d: Json) => (d.fiscalPeriod.end = '2012-12-31'), /fiscalPeriod.end: before the start/],
    ['an impossible date', (d: Json) => (d.fiscalPeriod.start = '2013-02-30'), /fiscalPeriod.start/],
    ['model', (d: Json) => delete d.model, /^model: required/],
    ['measures', (d: Json) => (d.model.measures = {}), /model.measures: required/],
    ['dimensions', (d: Json) => delete d.model.dimensions, /model.dimensions: required/],
    ['a currency that is not ISO 4217', (d: Json) => (d.model.measures.amount.currency = 'đồng'), /model.measures.amount.currency/],
    ['a measure from a text field', (d: Json) => (d.model.measures.amount.source = 'description'), /model.measures.amount.source: the field "description" is not numeric/],
    ['a measure from no field', (d: Json) => (d.model.measures.amount.source = 'total'), /model.measures.amount.source: must name a field/],
    ['a direction outside the set', (d: Json) => (d.model.measures.amount.direction = 'spending'), /direction: "expenditure" or "revenue"/],
    ['a measure phase outside the set', (d: Json) => (d.model.measures.amount.phase = 'planned'), /model.measures.amount.phase: one of proposed, approved, adjusted, executed/],
    ['a dimension attribute from no field', (d: Json) => (d.model.dimensions.functional_classification.attributes.code.source = 'cofog'), /functional_classification.attributes.code.source/],
    ['a dimension without primary key', (d: Json) => delete d.model.dimensions.economic_classification.primaryKey, /economic_classification.primaryKey/],
    ['a label for no attribute', (d: Json) => (d.model.dimensions.funding_source.attributes.title.labelfor = 'toString'), /funding_source.attributes.title.labelfor/],
    ['an unknown dimension type', (d: Json) => (d.model.dimensions.activity.dimensionType = 'project'), /activity.dimensionType/],
    ['a resource without path', (d: Json) => delete d.resources[0].path, /resources\[0\].path: required/],
    ['a path climbing out', (d: Json) => (d.resources[0].path = '../secret.csv'), /resources\[0\].path/],
    ['a resource that is not tabular', (d: Json) => delete d.resources[0].profile, /resources\[0\].profile/],
    ['another encoding', (d: Json) => (d.resources[0].encoding = 'windows-1258'), /encoding: "utf-8"/],
    ['an unknown field type', (d: Json) => (d.resources[0].schema.fields[0].type = 'money'), /fields\[0\].type: not a Table Schema type/],
    ['a two-character group separator', (d: Json) => (d.resources[0].schema.fields[AMOUNT_FIELD].groupChar = '  '), /groupChar: one character/],
    ['group and decimal marks alike', (d: Json) => (d.resources[0].schema.fields[AMOUNT_FIELD].groupChar = '.'), /decimalChar and groupChar are the same/],
    ['a primary key naming no field', (d: Json) => (d.resources[0].schema.primaryKey = ['id']), /schema.primaryKey/],
    ['an extra field that is no constant', (d: Json) => delete d.resources[0].schema.extraFields[0].constant, /extraFields\[0\]/],
    ['a phase enum outside the set', (d: Json) => (d.resources[0].schema.fields[1].constraints.enum as string[]).push('planned'), /phase.constraints.enum: phases must be from/],
    ['a fiscal year typed as text', (d: Json) => (d.resources[0].schema.fields[0].type = 'string'), /columnType date:fiscal-year needs type integer/],
    [
      'no way to tell the phase',
      (d: Json) => {
        delete d.resources[0].schema.fields[1].columnType;
        delete d.model.dimensions.phase;
      },
      /^phase: neither every measure nor a phase column/,
    ],
  ])('names a missing or wrong %s', (_name, breakIt, message) => {
    const { descriptor, csv } = valid();
    breakIt(descriptor);
    const report = validateFiscalDataPackage(descriptor, csv);
    expect(report.valid).toBe(false);
    expect(report.errors.some((e) => message.test(e))).toBe(true);
  });

  it('accepts a phase given by the measure instead of a column', () => {
    const { descriptor, csv } = valid();
    delete descriptor.resources[0].schema.fields[1].columnType;
    delete descriptor.model.dimensions.phase;
    descriptor.model.measures.amount.phase = 'approved';
    expect(errorsOf(descriptor, csv)).toEqual([]);
  });

  it('refuses a descriptor that is no object, or has no resource', () => {
    expect(errorsOf(null, '')).toEqual(['descriptor: not a JSON object']);
    const { descriptor, csv } = valid();
    descriptor.resources = [];
    expect(errorsOf(descriptor, csv)).toContain('resources: required, at least one');
  });

  describe('the data', () => {
    it('needs the header to be the schema fields in order', () => {
      const { descriptor, csv } = valid();
      const swapped = csv.replace('fiscal_year,phase', 'phase,fiscal_year');
      expect(errorsOf(descriptor, swapped)[0]).toMatch(/CSV header .* is not the schema's fields in order/);
      (descriptor.resources[0].schema.fields as object[]).push({ name: 'note', type: 'string' });
      expect(errorsOf(descriptor, csv)[0]).toMatch(/CSV header/);
    });

    it('needs a header at all, and well-formed CSV', () => {
      const { descriptor, csv } = valid();
      expect(errorsOf(descriptor, '')).toEqual(['CSV: no header row']);
      expect(errorsOf(descriptor, csv.replaceAll('\r\n', '\n'))[0]).toMatch(/CRLF/);
    });

    it.each([
      ['an amount that is not a number', 'amount', '45.000.000', /CSV record 3, amount: "45.000.000" is not a number/],
      ['an amount written with a group separator', 'amount', '45 000 000', /is not a number/],
      ['a negative amount', 'amount', '-1', /amount: -1 is below the minimum 0/],
      ['an amount that is infinite', 'amount', 'INF', /is not a number/],
      ['a missing amount', 'amount', '', /CSV record 3, amount: required/],
      ['a phase outside the set', 'phase', 'planned', /phase: "planned" is not/],
      ['a year outside the fiscal period', 'fiscal_year', '2014', /fiscal_year: 2014 is above the maximum 2013/],
      ['a year that is not an integer', 'fiscal_year', '2013.0', /"2013.0" is not a integer/],
      ['an empty required code', 'unit_code', '', /unit_code: required/],
    ])('finds %s', (_name, field, value, message) => {
      const { descriptor, csv } = valid();
      const report = validateFiscalDataPackage(descriptor, withValue(csv, 2, field, value));
      expect(report.valid).toBe(false);
      expect(report.errors.some((e) => message.test(e))).toBe(true);
    });

    it('checks the fiscal period even without a year constraint', () => {
      const { descriptor, csv } = valid();
      descriptor.resources[0].schema.fields[0].constraints = {};
      expect(errorsOf(descriptor, withValue(csv, 1, 'fiscal_year', '2012'))).toEqual(['CSV record 2, fiscal_year: 2012 is outside the fiscal period']);
    });

    it('reads numbers with declared decimal and group marks', () => {
      const { descriptor } = valid();
      Object.assign(descriptor.resources[0].schema.fields[AMOUNT_FIELD], { decimalChar: ',', groupChar: '.' });
      const line = sampleLine({ approvedNow: null });
      const record = csvRecord(BUDGET_LINE_HEADER.map((name) => (name === 'amount' ? '60.000.000,50' : name === 'fiscal_year' ? '2013' : name === 'phase' ? 'proposed' : line.unitCode)));
      expect(errorsOf(descriptor, csvRecord(BUDGET_LINE_HEADER) + record)).toEqual([]);
    });

    it('finds a repeated primary key', () => {
      const { descriptor, csv } = valid();
      const lines = csv.split('\r\n');
      expect(errorsOf(descriptor, [...lines.slice(0, 3), lines[2], ...lines.slice(3)].join('\r\n'))).toEqual([expect.stringMatching(/CSV record 4: primary key .* repeats/)]);
    });

    it('stops listing after a hundred problems', () => {
      const { descriptor } = valid();
      const bad = csvRecord(BUDGET_LINE_HEADER.map(() => 'x'));
      const report = validateFiscalDataPackage(descriptor, csvRecord(BUDGET_LINE_HEADER) + bad.repeat(200));
      expect(report.valid).toBe(false);
      expect(report.errors).toHaveLength(101);
      expect(report.errors[100]).toMatch(/more problems left out/);
    });
  });
});
