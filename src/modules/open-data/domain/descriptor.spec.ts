import { sampleCsv, sampleLine, sampleMeta } from '../testing/sample.js';
import { BUDGET_LINE_HEADER } from './budget-lines.js';
import { buildDescriptor, packageName, RESOURCE_NAME, RESOURCE_PATH } from './descriptor.js';
import { validateFiscalDataPackage } from './validator.js';

describe('buildDescriptor', () => {
  const descriptor = buildDescriptor(sampleMeta());
  const [resource] = descriptor.resources;

  it('is a Tabular Data Package with name, bilingual title, license, source and publisher', () => {
    expect(descriptor).toMatchObject({
      profile: 'tabular-data-package',
      profiles: { fiscal: '*', tabular: '*' },
      name: 'bn-ppc-it-budget-2013',
      licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
      countryCode: 'VN',
      granularity: 'aggregated',
      created: '2012-12-20T03:00:00.000Z',
    });
    expect(descriptor.title).toBe('Dự toán chi ứng dụng CNTT năm 2013 đã phê duyệt — UBND tỉnh Bắc Ninh / Approved IT budget 2013 — Bac Ninh provincial People\'s Committee');
    expect(descriptor.sources[0].title).toContain('Quyết định số 2345/QĐ-UBND ngày 2012-12-20');
    expect(descriptor.sources[0].title).toContain('Decision No. 2345/QĐ-UBND of 2012-12-20');
    expect(descriptor.contributors).toEqual([{ title: "UBND tỉnh Bắc Ninh / Bac Ninh provincial People's Committee", role: 'publisher' }]);
    expect(descriptor.description).toMatch(/executed \(disbursed so far this year, from the latest semi-annual progress reports accepted by DIC\)/);
  });

  it('covers the fiscal year, 1 January to 31 December', () => {
    expect(descriptor.fiscalPeriod).toEqual({ start: '2013-01-01', end: '2013-12-31' });
    expect(descriptor.model.dimensions.fiscal_period).toMatchObject({ dimensionType: 'datetime', attributes: { year: { source: 'fiscal_year' } }, start: '2013-01-01', end: '2013-12-31' });
  });

  it('describes one CSV resource whose fields are the CSV header, with types and fiscal column types', () => {
    expect(resource).toMatchObject({ name: RESOURCE_NAME, path: RESOURCE_PATH, format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', profile: 'tabular-data-resource' });
    expect(resource.dialect).toMatchObject({ delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true });
    expect(resource.schema.fields.map((f) => f.name)).toEqual(BUDGET_LINE_HEADER);
    expect(resource.schema.primaryKey).toEqual(['line_id', 'phase']);
    const field = (name: string) => resource.schema.fields.find((f) => f.name === name);
    expect(field('amount')).toMatchObject({ type: 'number', columnType: 'value', bareNumber: true, decimalChar: '.', constraints: { required: true, minimum: 0 } });
    expect(field('amount')).not.toHaveProperty('groupChar');
    expect(field('fiscal_year')).toMatchObject({ type: 'integer', columnType: 'date:fiscal-year', constraints: { minimum: 2013, maximum: 2013 } });
    expect(field('phase')).toMatchObject({ columnType: 'phase:id', constraints: { enum: ['proposed', 'approved', 'adjusted', 'executed'] } });
    expect(field('unit_code')?.columnType).toBe('administrative-classification:generic:code');
    expect(field('plan_area_code')?.columnType).toBe('functional-classification:generic:code');
    expect(field('expenditure_type_code')?.columnType).toBe('economic-classification:generic:code');
    expect(field('funding_source_code')?.columnType).toBe('fin-source:generic:code');
    expect(resource.schema.extraFields).toEqual([
      expect.objectContaining({ name: 'currency', columnType: 'value-currency:code', constant: 'VND' }),
      expect.objectContaining({ name: 'direction', columnType: 'direction', constant: 'expenditure' }),
    ]);
  });

  it('models the amount in VND as expenditure, and the administrative, functional and economic classifications, funding source and phase', () => {
    expect(descriptor.model.measures).toEqual({
      amount: expect.objectContaining({ source: 'amount', resource: RESOURCE_NAME, currency: 'VND', factor: 1, direction: 'expenditure' }),
    });
    const { dimensions } = descriptor.model;
    expect(dimensions.administrative_classification).toMatchObject({
      classificationType: 'administrative',
      attributes: { code: { source: 'unit_code' }, title: { source: 'unit_name', labelfor: 'code' }, kind: { source: 'unit_kind' }, budget_level: { source: 'unit_budget_level' } },
    });
    expect(dimensions.functional_classification).toMatchObject({ classificationType: 'functional', attributes: { code: { source: 'plan_area_code' }, title: { source: 'plan_area_name' } } });
    expect(dimensions.economic_classification).toMatchObject({ classificationType: 'economic', attributes: { code: { source: 'expenditure_type_code' } } });
    expect(dimensions.funding_source).toMatchObject({ dimensionType: 'entity', attributes: { id: { source: 'funding_source_code' } } });
    expect(dimensions.phase).toMatchObject({ attributes: { phase: { source: 'phase' } }, values: ['proposed', 'approved', 'adjusted', 'executed'] });
  });

  it('names no person: only the institution and its decision', () => {
    const text = JSON.stringify(descriptor);
    expect(text).not.toMatch(/\b(approvedBy|approved_by|submitted_by|actor|actorId|username|full_name|password)\b/i);
  });

  it('validates with the sample data, and says when figures are illustrative', () => {
    const csv = sampleCsv(2013, [sampleLine(), sampleLine({ lineId: 'L2', approvedNow: 40_000_000n, adjustmentCount: 1, adjustmentNet: -5_000_000n })]);
    expect(validateFiscalDataPackage(JSON.parse(JSON.stringify(descriptor)), csv)).toEqual({ valid: true, errors: [], records: 5 });
    const demo = buildDescriptor(sampleMeta({ illustrative: true }));
    expect(demo.illustrative).toBe(true);
    expect(demo.description).toMatch(/ILLUSTRATIVE/);
    expect(descriptor).not.toHaveProperty('illustrative');
  });

  it('gives a usable package name whatever the publisher code', () => {
    expect(packageName('BN-PPC', 2013)).toBe('bn-ppc-it-budget-2013');
    expect(packageName('Đà Nẵng / PPC', 2014)).toBe('da-nang-ppc-it-budget-2014');
    expect(packageName('***', 2015)).toBe('province-it-budget-2015');
  });
});
