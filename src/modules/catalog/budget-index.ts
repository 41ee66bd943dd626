// The state budget index (Mục lục ngân sách nhà nước, MLNS) as dated data, and the checks on it, as
// plain TypeScript. Which edition governs a budget year, whether a line's Loại-Khoản and Mục-Tiểu
// mục exist in it, and the shape of a unit's chapter and budget-relationship code.
// Sources and what was verified: src/modules/catalog/README.md.
import type { FieldProblem } from '../../common/errors/domain-error.js';

/** How far a seeded code was checked: against the document's own text, a secondary public source, or not at all. */
export type Verification = 'TEXT' | 'SECONDARY' | 'UNVERIFIED';

export interface BudgetIndexEdition {
  code: string;
  /** E.g. "Thông tư 324/2016/TT-BTC". */
  document: string;
  title: string;
  titleEn: string;
  /** First and last budget year the edition governs (inclusive); `validToYear` null = still in force. */
  validFromYear: number;
  validToYear: number | null;
  source: string;
}

/** The codes of one edition a line may use, as "LLL-KKK" and "MMMM-TTTT". */
export interface YearClassification {
  year: number;
  edition: Pick<BudgetIndexEdition, 'code' | 'document'> | null;
  loaiKhoan: ReadonlySet<string>;
  mucTieuMuc: ReadonlySet<string>;
}

export interface LineClassification {
  loaiKhoan?: string | null;
  mucTieuMuc?: string | null;
}

export const LOAI_KHOAN_PATTERN = /^[0-9]{3}-[0-9]{3}$/;
export const MUC_TIEU_MUC_PATTERN = /^[0-9]{4}-[0-9]{4}$/;

/** True when the edition governs budget year `year`. */
export function governs(edition: Pick<BudgetIndexEdition, 'validFromYear' | 'validToYear'>, year: number): boolean {
  return year >= edition.validFromYear && (edition.validToYear === null || year <= edition.validToYear);
}

/** The edition in force for a budget year, or null when none of the given ones governs it. */
export function editionFor<E extends Pick<BudgetIndexEdition, 'validFromYear' | 'validToYear'>>(editions: readonly E[], year: number): E | null {
  return editions.find((edition) => governs(edition, year)) ?? null;
}

/** Editions whose periods overlap (there must be none: one index per budget year), as pairs of codes. */
export function overlappingEditions(editions: readonly BudgetIndexEdition[]): [string, string][] {
  const pairs: [string, string][] = [];
  editions.forEach((a, i) =>
    editions.slice(i + 1).forEach((b) => {
      const aEnd = a.validToYear ?? Number.MAX_SAFE_INTEGER;
      const bEnd = b.validToYear ?? Number.MAX_SAFE_INTEGER;
      if (a.validFromYear <= bEnd && b.validFromYear <= aEnd) pairs.push([a.code, b.code]);
    }),
  );
  return pairs;
}

/**
 * Problems with a line's Loại-Khoản and Mục-Tiểu mục for the estimate's budget year: a malformed
 * code, or one the index in force that year does not hold (the message names the code, the year and
 * the edition). Blank codes are allowed (a line not yet classified).
 */
export function classificationProblems(line: LineClassification, index: YearClassification): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const check = (field: 'loaiKhoan' | 'mucTieuMuc', pattern: RegExp, codes: ReadonlySet<string>, vi: string, en: string, shape: string) => {
    const value = line[field];
    if (value === undefined || value === null) return;
    if (!pattern.test(value)) {
      problems.push({ field, code: 'INVALID_FORMAT', message: `${field}: mã ${vi} "${value}" phải có dạng ${shape} / the ${en} code must look like ${shape}` });
    } else if (index.edition === null) {
      problems.push({
        field,
        code: 'NO_BUDGET_INDEX',
        message: `${field}: chưa có mục lục ngân sách áp dụng cho năm ${index.year} / no budget index is in force for ${index.year}`,
      });
    } else if (!codes.has(value)) {
      problems.push({
        field,
        code: 'CODE_NOT_IN_FORCE',
        message:
          `${field}: mã ${vi} ${value} không có trong mục lục ngân sách năm ${index.year} (${index.edition.document}) / ` +
          `${en} ${value} is not valid in budget year ${index.year} (${index.edition.document})`,
      });
    }
  };
  check('loaiKhoan', LOAI_KHOAN_PATTERN, index.loaiKhoan, 'Loại-Khoản', 'type-item (Loại-Khoản)', 'LLL-KKK');
  check('mucTieuMuc', MUC_TIEU_MUC_PATTERN, index.mucTieuMuc, 'Mục-Tiểu mục', 'group-subitem (Mục-Tiểu mục)', 'MMMM-TTTT');
  return problems;
}

/**
 * Chapter ranges by the managing level (Thông tư 324/2016/TT-BTC, Art. 2.2.a; the same ranges under
 * Quyết định 33/2008/QĐ-BTC): central 001–399, province 400–599, district 600–799, commune 800–989.
 */
export const CHAPTER_RANGES = {
  CENTRAL: [1, 399],
  PROVINCIAL: [400, 599],
  DISTRICT: [600, 799],
  COMMUNE: [800, 989],
} as const;

/** True when a 3-digit chapter code lies in the range of the unit's budget level. */
export function chapterFitsLevel(chapter: string, level: keyof typeof CHAPTER_RANGES): boolean {
  if (!/^[0-9]{3}$/.test(chapter)) return false;
  const [low, high] = CHAPTER_RANGES[level];
  const n = Number(chapter);
  return n >= low && n <= high;
}

/** A budget-relationship code (mã số ĐVQHNS, Thông tư 185/2015/TT-BTC) is 7 digits. */
export function isBudgetRelationCode(code: string): boolean {
  return /^[0-9]{7}$/.test(code);
}
