// The descriptor (datapackage.json) of a year's approved IT budget as a Fiscal Data Package.
//
// Two generations of the Fiscal Data Package specification are served at once, since they do not
// conflict:
// - 1.0-rc.1 (frictionlessdata.io, 2018): fiscal meaning on the fields (`columnType` from the budget
//   taxonomy, custom types deduced by prefix) and `extraFields` for what every row shares (currency,
//   direction);
// - 0.3 (whose JSON Schema is the published `fiscal-data-package.json` profile): the `model` section
//   (measures with currency and direction, dimensions with attributes and primary keys), the
//   `fiscalPeriod`, `countryCode` and `granularity`.
// The package is a Tabular Data Package (`profile: tabular-data-package`: the published fiscal
// profile pins that value) over one CSV resource, in long form: one record per line and phase.
// Plain TypeScript.
import { BUDGET_LINE_FIELDS, type FieldSpec, PHASES } from './budget-lines.js';
import { CSV_DIALECT } from './csv.js';

export const RESOURCE_NAME = 'budget-lines';
export const RESOURCE_PATH = 'budget-lines.csv';
export const CURRENCY = 'VND';
export const BUDGET_TAXONOMY = 'https://frictionlessdata.io/taxonomies/fiscal/budgets.json';

export const LICENSE = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
  title: 'Creative Commons Attribution 4.0 International',
} as const;

/** What the descriptor says about a published year: never a person, only the institution and its decision. */
export interface PublicationMeta {
  year: number;
  planPeriod: string;
  decisionNumber: string | null;
  /** YYYY-MM-DD */
  decisionDate: string | null;
  /** When the published figures last changed (the approval, or the latest adjustment), ISO 8601. */
  updatedAt: string;
  publisher: { code: string; name: string; nameEn: string };
  /** Some published estimates are illustrative (demo data), not real figures. */
  illustrative: boolean;
}

export interface TableField {
  name: string;
  type: string;
  title: string;
  description: string;
  columnType: string;
  constraints: Record<string, unknown>;
  bareNumber?: boolean;
  decimalChar?: string;
  groupChar?: string;
}

export interface ExtraField {
  name: string;
  type: string;
  title: string;
  columnType: string;
  constant: string;
}

export interface DimensionAttribute {
  source: string;
  resource?: string;
  labelfor?: string;
}

export interface Dimension {
  title: string;
  dimensionType: 'datetime' | 'entity' | 'classification' | 'activity' | 'fact' | 'location' | 'other';
  classificationType?: 'functional' | 'administrative' | 'economic';
  attributes: Record<string, DimensionAttribute>;
  primaryKey: string | string[];
  [extra: string]: unknown;
}

export interface Measure {
  source: string;
  resource?: string;
  currency: string;
  factor?: number;
  direction?: string;
  phase?: string;
  title?: string;
}

export interface FiscalDataPackage {
  profile: string;
  profiles: Record<string, string>;
  name: string;
  title: string;
  description: string;
  created: string;
  keywords: string[];
  licenses: { name: string; path: string; title: string }[];
  sources: { title: string; path?: string }[];
  contributors: { title: string; role: string }[];
  countryCode: string;
  granularity: 'aggregated' | 'transactional';
  fiscalPeriod: { start: string; end: string };
  columnTypes: string[];
  resources: {
    profile: string;
    name: string;
    path: string;
    title: string;
    description: string;
    format: string;
    mediatype: string;
    encoding: string;
    dialect: typeof CSV_DIALECT;
    schema: { fields: TableField[]; missingValues: string[]; primaryKey: string[]; extraFields: ExtraField[] };
  }[];
  model: { measures: Record<string, Measure>; dimensions: Record<string, Dimension> };
  illustrative?: boolean;
}

/** A name of the Data Package form: lower case letters, digits, '-', '_', '.', '/'. */
export function packageName(publisherCode: string, year: number): string {
  const slug = publisherCode
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'province'}-it-budget-${year}`;
}

function tableField(spec: FieldSpec, year: number): TableField {
  const constraints: Record<string, unknown> = {};
  if (spec.required) constraints.required = true;
  if (spec.enum) constraints.enum = [...spec.enum];
  const field: TableField = { name: spec.name, type: spec.type, title: spec.title, description: spec.description, columnType: spec.columnType, constraints };
  if (spec.name === 'fiscal_year') Object.assign(constraints, { minimum: year, maximum: year });
  if (spec.type === 'number') {
    // Whole đồng as plain digits: no group separator is ever written, the decimal mark never appears.
    field.bareNumber = true;
    field.decimalChar = '.';
    constraints.minimum = 0;
  }
  return field;
}

const source = (name: string, labelfor?: string): DimensionAttribute => ({ source: name, resource: RESOURCE_NAME, ...(labelfor ? { labelfor } : {}) });

export function buildDescriptor(meta: PublicationMeta): FiscalDataPackage {
  const { year, publisher } = meta;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const decision = meta.decisionNumber
    ? {
        vi: `Quyết định số ${meta.decisionNumber}${meta.decisionDate ? ` ngày ${meta.decisionDate}` : ''} của ${publisher.name} phê duyệt dự toán chi ứng dụng CNTT năm ${year}`,
        en: `Decision No. ${meta.decisionNumber}${meta.decisionDate ? ` of ${meta.decisionDate}` : ''} of the ${publisher.nameEn} approving the IT budget for ${year}`,
      }
    : {
        vi: `Dự toán chi ứng dụng CNTT năm ${year} do ${publisher.name} phê duyệt`,
        en: `The IT budget for ${year} as approved by the ${publisher.nameEn}`,
      };
  const illustrativeNote = meta.illustrative
    ? ' MINH HỌA / ILLUSTRATIVE: some figures are demo data, not official figures.'
    : '';
  const descriptor: FiscalDataPackage = {
    profile: 'tabular-data-package',
    profiles: { fiscal: '*', tabular: '*' },
    name: packageName(publisher.code, year),
    title: `Dự toán chi ứng dụng CNTT năm ${year} đã phê duyệt — ${publisher.name} / Approved IT budget ${year} — ${publisher.nameEn}`,
    description:
      `Các dòng dự toán chi ứng dụng công nghệ thông tin năm ${year} (kế hoạch ${meta.planPeriod}) đã được phê duyệt, ` +
      'theo đơn vị, nội dung kế hoạch, loại chi, nguồn vốn và giai đoạn (đề nghị, phê duyệt, điều chỉnh, thực hiện). ' +
      `The approved information-technology budget lines of ${year} (plan ${meta.planPeriod}) by unit, plan area, ` +
      'expenditure type, funding source and phase: proposed (requested by the unit), approved (as decided), adjusted ' +
      '(after a recorded adjustment), executed (disbursed so far this year, from the latest semi-annual progress reports accepted by DIC). ' +
      'Only estimates approved by the chair are published; excluded estimates are not. Amounts are whole Vietnamese đồng.' +
      illustrativeNote,
    created: meta.updatedAt,
    keywords: ['fiscal', 'budget', 'information technology', 'ngân sách', 'công nghệ thông tin', 'Việt Nam'],
    licenses: [{ ...LICENSE }],
    sources: [{ title: `${decision.vi} / ${decision.en}` }],
    contributors: [{ title: `${publisher.name} / ${publisher.nameEn}`, role: 'publisher' }],
    countryCode: 'VN',
    granularity: 'aggregated',
    fiscalPeriod: { start, end },
    columnTypes: [BUDGET_TAXONOMY],
    resources: [
      {
        profile: 'tabular-data-resource',
        name: RESOURCE_NAME,
        path: RESOURCE_PATH,
        title: `Dòng dự toán CNTT năm ${year} / IT budget lines ${year}`,
        description: 'One record per budget line and phase / Mỗi dòng dự toán một bản ghi cho mỗi giai đoạn.',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: CSV_DIALECT,
        schema: {
          fields: BUDGET_LINE_FIELDS.map((spec) => tableField(spec, year)),
          missingValues: [''],
          primaryKey: ['line_id', 'phase'],
          extraFields: [
            { name: 'currency', type: 'string', title: 'Tiền tệ / Currency', columnType: 'value-currency:code', constant: CURRENCY },
            { name: 'direction', type: 'string', title: 'Chiều / Direction', columnType: 'direction', constant: 'expenditure' },
          ],
        },
      },
    ],
    model: {
      measures: {
        amount: {
          title: 'Số tiền / Amount',
          source: 'amount',
          resource: RESOURCE_NAME,
          currency: CURRENCY,
          factor: 1,
          direction: 'expenditure',
          // The phase varies by record: it is the `phase` dimension, not a property of the measure.
        },
      },
      dimensions: {
        administrative_classification: {
          title: 'Đơn vị / Unit',
          dimensionType: 'classification',
          classificationType: 'administrative',
          attributes: {
            code: source('unit_code'),
            title: source('unit_name', 'code'),
            title_en: source('unit_name_en', 'code'),
            kind: source('unit_kind'),
            budget_level: source('unit_budget_level'),
          },
          primaryKey: ['code'],
        },
        functional_classification: {
          title: 'Nội dung kế hoạch / Plan area',
          dimensionType: 'classification',
          classificationType: 'functional',
          attributes: { code: source('plan_area_code'), title: source('plan_area_name', 'code'), title_en: source('plan_area_name_en', 'code') },
          primaryKey: ['code'],
        },
        economic_classification: {
          title: 'Loại chi / Expenditure type',
          dimensionType: 'classification',
          classificationType: 'economic',
          attributes: {
            code: source('expenditure_type_code'),
            title: source('expenditure_type_name', 'code'),
            title_en: source('expenditure_type_name_en', 'code'),
          },
          primaryKey: ['code'],
        },
        funding_source: {
          title: 'Nguồn vốn / Funding source',
          dimensionType: 'entity',
          attributes: { id: source('funding_source_code'), title: source('funding_source_name', 'id'), title_en: source('funding_source_name_en', 'id') },
          primaryKey: ['id'],
        },
        activity: {
          title: 'Dòng dự toán / Budget line',
          dimensionType: 'activity',
          attributes: {
            id: source('line_id'),
            title: source('description', 'id'),
            kind: source('activity_kind_code'),
            kind_title: source('activity_kind_name', 'kind'),
            kind_title_en: source('activity_kind_name_en', 'kind'),
          },
          primaryKey: ['id'],
        },
        fiscal_period: {
          title: 'Năm ngân sách / Fiscal year',
          dimensionType: 'datetime',
          attributes: { year: source('fiscal_year') },
          primaryKey: ['year'],
          start,
          end,
        },
        phase: {
          title: 'Giai đoạn / Phase',
          dimensionType: 'other',
          attributes: { phase: source('phase') },
          primaryKey: ['phase'],
          values: [...PHASES],
        },
      },
    },
  };
  if (meta.illustrative) descriptor.illustrative = true;
  return descriptor;
}
