import {
  BUDGET_CHAPTERS,
  BUDGET_ECONOMIC_ITEMS,
  BUDGET_INDEX_EDITIONS,
  BUDGET_SECTOR_ITEMS,
  QD33,
  TT324,
  UNIT_CLASSIFICATION,
} from '../../../seeds/data/budget-index.js';
import { DEMO_ESTIMATES } from '../../../seeds/data/demo-estimates.js';
import { FISCAL_YEARS } from '../../../seeds/data/fiscal-years.js';
import { UNITS } from '../../../seeds/data/units.js';
import {
  chapterFitsLevel,
  classificationProblems,
  editionFor,
  isBudgetRelationCode,
  overlappingEditions,
  type YearClassification,
} from './budget-index.js';

/** The codes of the seeded edition in force for a year, as CatalogService.classificationFor builds them. */
function seededIndex(year: number): YearClassification {
  const edition = editionFor(BUDGET_INDEX_EDITIONS, year);
  return {
    year,
    edition: edition && { code: edition.code, document: edition.document },
    loaiKhoan: new Set(BUDGET_SECTOR_ITEMS.filter((i) => i.editionCode === edition?.code).map((i) => `${i.loai}-${i.khoan}`)),
    mucTieuMuc: new Set(BUDGET_ECONOMIC_ITEMS.filter((i) => i.editionCode === edition?.code).map((i) => `${i.muc}-${i.tieuMuc}`)),
  };
}

describe('the state budget index by budget year', () => {
  it('has one edition per year: QĐ 33/2008 up to 2017 (TT 324 Art. 8.1.a), TT 324/2016 from 2018 to 2025', () => {
    expect(overlappingEditions(BUDGET_INDEX_EDITIONS)).toEqual([]);
    expect(editionFor(BUDGET_INDEX_EDITIONS, 2012)?.code).toBe(QD33);
    expect(editionFor(BUDGET_INDEX_EDITIONS, 2017)?.code).toBe(QD33);
    expect(editionFor(BUDGET_INDEX_EDITIONS, 2018)?.code).toBe(TT324);
    expect(editionFor(BUDGET_INDEX_EDITIONS, 2021)?.code).toBe(TT324);
    expect(editionFor(BUDGET_INDEX_EDITIONS, 2026)).toBeNull();
  });

  it('finds overlapping periods', () => {
    const a = { ...BUDGET_INDEX_EDITIONS[0], code: 'A', validFromYear: 2010, validToYear: 2018 };
    const b = { ...BUDGET_INDEX_EDITIONS[1], code: 'B', validFromYear: 2018, validToYear: null };
    expect(overlappingEditions([a, b])).toEqual([['A', 'B']]);
  });

  it('refuses in 2012 a code valid only from 2018, and the other way round, naming the code and the year', () => {
    const in2012 = classificationProblems({ loaiKhoan: '280-314', mucTieuMuc: '9050-9062' }, seededIndex(2012));
    expect(in2012).toEqual([expect.objectContaining({ field: 'loaiKhoan', code: 'CODE_NOT_IN_FORCE' })]);
    expect(in2012[0].message).toContain('280-314');
    expect(in2012[0].message).toContain('2012');
    expect(in2012[0].message).toContain('Quyết định 33/2008/QĐ-BTC');

    const in2021 = classificationProblems({ loaiKhoan: '460-463' }, seededIndex(2021));
    expect(in2021).toEqual([expect.objectContaining({ field: 'loaiKhoan', code: 'CODE_NOT_IN_FORCE' })]);
    expect(in2021[0].message).toMatch(/460-463.*2021/);

    expect(classificationProblems({ loaiKhoan: '280-314', mucTieuMuc: '6900-6917' }, seededIndex(2021))).toEqual([]);
    expect(classificationProblems({ loaiKhoan: null, mucTieuMuc: undefined }, seededIndex(2012))).toEqual([]);
  });

  it('refuses malformed codes and any code in a year no edition governs', () => {
    expect(classificationProblems({ loaiKhoan: '314', mucTieuMuc: '6912' }, seededIndex(2012)).map((p) => p.code)).toEqual(['INVALID_FORMAT', 'INVALID_FORMAT']);
    const none = classificationProblems({ mucTieuMuc: '9050-9062' }, seededIndex(2030));
    expect(none).toEqual([expect.objectContaining({ field: 'mucTieuMuc', code: 'NO_BUDGET_INDEX' })]);
    expect(none[0].message).toContain('2030');
  });

  it('checks chapters against the ranges of TT 324 Art. 2.2.a and relationship codes as 7 digits', () => {
    expect(chapterFitsLevel('418', 'PROVINCIAL')).toBe(true);
    expect(chapterFitsLevel('605', 'PROVINCIAL')).toBe(false);
    expect(chapterFitsLevel('605', 'DISTRICT')).toBe(true);
    expect(chapterFitsLevel('990', 'COMMUNE')).toBe(false);
    expect(chapterFitsLevel('05', 'CENTRAL')).toBe(false);
    expect(isBudgetRelationCode('1000111')).toBe(true);
    expect(isBudgetRelationCode('100011')).toBe(false);
    expect(isBudgetRelationCode('10001a1')).toBe(false);
  });
});

describe('the seeded classification', () => {
  it('gives every seeded unit a unique 7-digit relationship code and a chapter of its level, seeded in every edition', () => {
    const byId = new Map(UNIT_CLASSIFICATION.map((c) => [c.unitId, c]));
    for (const unit of UNITS) {
      const codes = byId.get(unit.id);
      expect(codes).toBeDefined();
      expect(isBudgetRelationCode(codes!.budgetRelationCode)).toBe(true);
      expect(chapterFitsLevel(codes!.chapterCode, unit.budgetLevel)).toBe(true);
      for (const edition of BUDGET_INDEX_EDITIONS) {
        expect(BUDGET_CHAPTERS.some((c) => c.editionCode === edition.code && c.code === codes!.chapterCode)).toBe(true);
      }
    }
    const relationCodes = UNIT_CLASSIFICATION.map((c) => c.budgetRelationCode);
    expect(new Set(relationCodes).size).toBe(relationCodes.length);
  });

  it('classifies every demo line with codes valid in its year', () => {
    const lines = DEMO_ESTIMATES.flatMap((e) => e.lines.map((line) => ({ year: e.year, line })));
    expect(lines.length).toBeGreaterThan(0);
    for (const { year, line } of lines) {
      expect(FISCAL_YEARS.some((y) => y.year === year)).toBe(true);
      expect({ id: line.id, problems: classificationProblems(line, seededIndex(year)) }).toEqual({ id: line.id, problems: [] });
      expect(line.loaiKhoan).not.toBe('');
      expect(line.mucTieuMuc).not.toBe('');
    }
  });

  it('says for every code how far it was verified, with a note where it was not read in the text', () => {
    for (const row of [...BUDGET_CHAPTERS, ...BUDGET_SECTOR_ITEMS, ...BUDGET_ECONOMIC_ITEMS]) {
      expect(['TEXT', 'SECONDARY', 'UNVERIFIED']).toContain(row.verification);
      if (row.verification !== 'TEXT') expect(row.note.length).toBeGreaterThan(20);
    }
  });
});
