// The global pipe's choice of message, checked on every request DTO of the API: a field left out is
// named as missing and a value of the wrong kind is named by its type check, never by a range or a
// length ("version không được nhỏ hơn 1" for a missing version), whatever the order of decorators.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BadRequestException } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';
import { CreateEstimateDto, ListEstimatesQuery } from '../../modules/estimates/dto/estimate.dto.js';
import { CreateLineDto, DeleteLineQuery } from '../../modules/estimates/dto/line.dto.js';
import { ReviewItemDto } from '../../modules/workflow/dto/workflow.dto.js';
import { createValidationPipe, leadingConstraint } from './validation.pipe.js';
import { PageQuery } from './pagination.js';
import { INTEGER_TEXT_CONSTRAINT } from './validators.js';

interface Refusal {
  code: string;
  message: string;
  details: { field: string; code: string; message: string }[];
}

const pipe = createValidationPipe();

async function refusal(metatype: new () => object, value: unknown, type: 'body' | 'query' = 'body'): Promise<Refusal | null> {
  try {
    await pipe.transform(value, { type, metatype });
    return null;
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    return error.getResponse() as Refusal;
  }
}

const SRC = join(process.cwd(), 'src');
function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name), keep) : keep(entry.name) && !entry.name.endsWith('.spec.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The kinds of value class-validator checks; a field with one of them must be named by it (or as missing). */
const TYPE_CHECKS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', INTEGER_TEXT_CONSTRAINT]);
// ValidationTypes.CONDITIONAL_VALIDATION (ValidateIf, IsOptional)
const CONDITIONAL = 'conditionalValidation';

function constraintName(metadata: ValidationMetadata): string | undefined {
  if (metadata.name) return metadata.name;
  return getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls)[0]?.name;
}

describe('the validation pipe', () => {
  // Every request DTO: those under dto/ folders and those declared beside their controller.
  let targets: [string, new () => object][] = [];
  beforeAll(async () => {
    const sources = files(join(SRC, 'modules'), (name) => name.endsWith('.dto.ts') || name.endsWith('.query.ts') || name.endsWith('.controller.ts'));
    for (const file of [...sources, join(SRC, 'common/validation/pagination.ts')]) await import(pathToFileURL(file).href);
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<new () => object, ValidationMetadata[]> };
    // The environment's config class is validated at boot, not by the pipe.
    targets = [...storage.validationMetadatas.keys()].filter((target) => typeof target === 'function' && target.name !== '' && target.name !== 'AppConfig').map((target) => [target.name, target]);
  }, 120_000);

  it('finds the DTOs of the API', () => {
    const names = targets.map(([name]) => name);
    for (const dto of ['CreateLineDto', 'UpdateLineDto', 'CreateEstimateDto', 'PageQuery', 'FloorQuery', 'WorkbookUploadDto', 'CheckpointsQuery']) expect(names).toContain(dto);
    expect(names.length).toBeGreaterThan(40);
  });

  it('names a field of the wrong kind by its type check, and a missing one as missing, in every DTO', async () => {
    const wrong: string[] = [];
    for (const [name, target] of targets) {
      const metadatas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
      const properties = [...new Set(metadatas.map((m) => m.propertyName))];
      for (const property of properties) {
        const own = metadatas.filter((m) => m.propertyName === property);
        const types = own.map(constraintName).filter((c): c is string => c !== undefined && TYPE_CHECKS.has(c));
        if (types.length === 0) continue;
        // A value of another kind: a boolean, or text where a boolean is due.
        const sample = types.includes('isBoolean') ? 'yes' : true;
        const given = await refusal(target, { [property]: sample });
        const detail = given?.details.find((d) => d.field === property);
        if (!detail || !types.includes(detail.code)) wrong.push(`${name}.${property} = ${JSON.stringify(sample)}: ${detail?.code ?? 'accepted'} ${detail?.message ?? ''}`);
        // Left out, when the field is required (no condition lets it be absent).
        if (own.some((m) => m.type === CONDITIONAL)) continue;
        const absent = (await refusal(target, {}))?.details.find((d) => d.field === property);
        if (absent?.code !== 'isDefined') wrong.push(`${name}.${property} left out: ${absent?.code ?? 'accepted'} ${absent?.message ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('says a missing version is missing, and a year given as text is not a number', async () => {
    const line = await refusal(CreateLineDto, { description: 'x' });
    expect(line?.details.find((d) => d.field === 'version')).toEqual({ field: 'version', code: 'isDefined', message: 'version không được để trống / version should not be empty' });
    const year = await refusal(CreateEstimateDto, { unitId: '00000000-0000-4000-8000-000000000000', year: '2013' });
    expect(year?.details).toEqual([{ field: 'year', code: 'isInt', message: 'year phải là số nguyên / year must be an integer number' }]);
    // The range still speaks when the kind is right.
    const early = await refusal(CreateEstimateDto, { unitId: '00000000-0000-4000-8000-000000000000', year: 1999 });
    expect(early?.details).toEqual([{ field: 'year', code: 'min', message: 'year không được nhỏ hơn 2000 / year must not be less than 2000' }]);
  });

  it('picks presence, then kind, then form, then the rest, whatever the order given', () => {
    expect(leadingConstraint({ max: 'a', min: 'b', isInt: 'c' })?.[0]).toBe('isInt');
    expect(leadingConstraint({ maxLength: 'a', matches: 'b', isString: 'c' })?.[0]).toBe('isString');
    expect(leadingConstraint({ maxLength: 'a', matches: 'b' })?.[0]).toBe('matches');
    expect(leadingConstraint({ min: 'a', max: 'b' })?.[0]).toBe('min');
  });

  describe('numbers in the query and in form fields', () => {
    it.each(['1e2', '0x10', '+5', ' 5', '5 ', '5.0', '', '0b101', '99999999999999999999', '5abc'])('refuses limit=%j with 400 INVALID_NUMBER_PARAM naming it', async (limit) => {
      const refused = await refusal(PageQuery, { limit }, 'query');
      expect(refused).toEqual({
        code: 'INVALID_NUMBER_PARAM',
        message: 'limit: cần một số nguyên / limit: Validation failed (numeric string is expected)',
        details: [{ field: 'limit', code: 'INVALID_NUMBER_PARAM', message: 'limit: cần một số nguyên / limit: Validation failed (numeric string is expected)' }],
      });
    });

    it('refuses a repeated parameter (an array) and names every bad one', async () => {
      const refused = await refusal(ListEstimatesQuery, { limit: ['5', '6'], offset: '0x10', year: '2012.0' }, 'query');
      expect(refused?.code).toBe('INVALID_NUMBER_PARAM');
      expect(refused?.details.map((d) => d.field).sort()).toEqual(['limit', 'offset', 'year']);
    });

    it('reads decimal digits, and the range still applies', async () => {
      const page = (await pipe.transform({ limit: '5', offset: '0' }, { type: 'query', metatype: PageQuery })) as PageQuery;
      expect(page).toMatchObject({ limit: 5, offset: 0 });
      const defaults = (await pipe.transform({}, { type: 'query', metatype: PageQuery })) as PageQuery;
      expect(defaults).toMatchObject({ limit: 100, offset: 0 });
      const big = await refusal(PageQuery, { limit: '1001' }, 'query');
      expect(big).toMatchObject({ code: 'INVALID_INPUT', details: [{ field: 'limit', code: 'max' }] });
      const version = (await pipe.transform({ version: '3' }, { type: 'query', metatype: DeleteLineQuery })) as DeleteLineQuery;
      expect(version.version).toBe(3);
      expect(await refusal(DeleteLineQuery, { version: '3e0' }, 'query')).toMatchObject({ code: 'INVALID_NUMBER_PARAM', details: [{ field: 'version' }] });
      expect(await refusal(DeleteLineQuery, {}, 'query')).toMatchObject({ details: [{ field: 'version', code: 'isDefined' }] });
    });
  });

  describe('optional texts', () => {
    const item = { lineId: '00000000-0000-4000-8000-000000000000', opinion: 'AGREE' };
    it.each(['', '   ', '\u200b', '\u00a0\u200b\u2060', '\ufeff', '\u3164'])('keep no text for %j (one rule for every optional text)', async (note) => {
      const dto = (await pipe.transform({ ...item, note }, { type: 'body', metatype: ReviewItemDto })) as ReviewItemDto;
      expect(dto.note).toBe('');
    });

    it('keep visible text as written, and still refuse a non-string', async () => {
      const dto = (await pipe.transform({ ...item, note: ' Phù hợp ' }, { type: 'body', metatype: ReviewItemDto })) as ReviewItemDto;
      expect(dto.note).toBe(' Phù hợp ');
      expect((await refusal(ReviewItemDto, { ...item, note: 5 }))?.details).toEqual([expect.objectContaining({ field: 'note', code: 'isString' })]);
    });
  });
});
