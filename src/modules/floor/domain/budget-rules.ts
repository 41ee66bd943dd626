// Budget rules as data, each checked the same way over the same picture of a year, and reported
// together. Each rule states where it comes from (document, article), the budget years it applies
// to and its parameters, period by period: what applies to a 2012 estimate is not what applies to
// a 2021 one. A BLOCKING failure stops the consolidated budget's submission; a WARNING travels with
// it. Plain TypeScript. What was verified of each source: src/modules/floor/README.md.
import { formatVnd, groupDigits } from '../../../common/money/vnd.js';
import { type FloorFigures, floorFigures, type FloorLine, type FloorSettings } from './floor.js';
import { message as catalogMessage } from '../../../common/errors/messages.js';
import { IT_FLOOR_PERIODS, itFloorPeriodFor, PLAN_2011_2015 } from '../../fiscal-years/floor-periods.js';

export interface RuleLine extends FloorLine {
  lineId: string;
  estimateId: string;
  unitCode: string;
  /** The unit's name as officials read it (the code stands in when absent) and its English name. */
  unitName?: string;
  unitNameEn?: string;
  /** The line's number in its estimate, to find it ("dòng 3"). */
  lineNo?: number;
  activityKindCode: string;
  /** RECURRENT or INVESTMENT. */
  expenditureTypeCode: string;
  contingency: bigint | null;
  multiYearTotal: bigint | null;
}

export interface RuleDistrict {
  unitCode: string;
  unitName: string;
  unitNameEn?: string;
  hasEstimate: boolean;
  ownItAmount: bigint;
}

export interface YearPicture {
  year: number;
  settings: FloorSettings & { floorPolicy: 'STOP' | 'WARN' };
  /**
   * Per funding source, the sums over the year's lines that count for the budget (exclusions left
   * out): `amount` = Σ requested, `approvedAmount` = Σ approved. From the estimate ledger's kept
   * totals, so the floor never reads the lines; `floorFigures` over them equals it over the lines.
   */
  sourceTotals: readonly FloorLine[];
  /** The lines the rules check one by one (IT projects with a contingency), exclusions left out. */
  lines: readonly RuleLine[];
  districts: readonly RuleDistrict[];
}

export type RuleSeverity = 'BLOCKING' | 'WARNING';

/** Where a rule comes from. `verified`: the article was read in the text itself (see the README for where). */
export interface RuleSource {
  /** The legal document, e.g. "Nghị định 73/2019/NĐ-CP". */
  document: string;
  /** The article or section, e.g. "Điều 51"; "" when not established. */
  article: string;
  verified: boolean;
  note?: string;
}

/**
 * One period of a rule: the budget years it covers (inclusive; `toYear` null = still in force), its
 * source and its parameters (amounts in đồng as digit strings, ratios as decimal strings), and what a
 * breach is: STOP (blocking), WARN, or the year's own setting (`YEAR_SETTING`, the floor's policy).
 */
export interface RulePeriod {
  fromYear: number;
  toYear: number | null;
  source: RuleSource;
  parameters: Readonly<Record<string, string>>;
  policy: 'STOP' | 'WARN' | 'YEAR_SETTING';
}

export interface RuleViolation {
  subject: string;
  message: string;
}

export interface RuleResult {
  code: string;
  title: string;
  passed: boolean;
  severity: RuleSeverity;
  message: string;
  violations: RuleViolation[];
  figures?: Record<string, string | boolean | null>;
  /** The period of the rule that applied, with its source and parameters. */
  period: RulePeriod;
}

export interface BudgetRule {
  code: string;
  title: string;
  periods: readonly RulePeriod[];
  /** For a year no period covers: the period the year's own settings make, or null (not in force). */
  outsidePeriods?(year: number, settings: YearPicture['settings']): RulePeriod | null;
  check(picture: YearPicture, period: RulePeriod): Omit<RuleResult, 'period'>;
}

/** A rule as in force in one budget year: what `GET /fiscal-years/{year}/rules` lists. */
export interface RuleInForce extends RulePeriod {
  code: string;
  title: string;
}

const money = (value: bigint | null) => (value === null ? null : formatVnd(value));

/** An amount in a sentence officials read: `1.250.000.000 đồng` (grouped as on every screen). */
const dong = (value: bigint) => `${groupDigits(value)} đồng`;

/** Who a line's finding is about, in each language: "Huyện Yên Phong, dòng 3" / "Yên Phong district, line 3". */
function lineSubject(line: RuleLine): { vi: string; en: string } {
  const vi = line.unitName ?? line.unitCode;
  const en = line.unitNameEn ?? vi;
  return line.lineNo === undefined ? { vi, en } : { vi: `${vi}, dòng ${line.lineNo}`, en: `${en}, line ${line.lineNo}` };
}

/** "Nghị định 73/2019/NĐ-CP, Điều 51": the citation a message carries. */
export function citation(source: RuleSource): string {
  return source.article ? `${source.document}, ${source.article}` : source.document;
}

const severityOf = (period: RulePeriod, picture: YearPicture): RuleSeverity =>
  (period.policy === 'YEAR_SETTING' ? picture.settings.floorPolicy : period.policy) === 'STOP' ? 'BLOCKING' : 'WARNING';

/** Where a year's floor requirement comes from, and whether there is one (`GET /fiscal-years/{year}/floor`). */
export interface FloorRequirement {
  required: boolean;
  /** PLAN_RULE: a period of the floor rule covers the year; YEAR_SETTING: DOF set a ratio for a year outside them; NONE: neither. */
  basis: 'PLAN_RULE' | 'YEAR_SETTING' | 'NONE';
  /** The rule's citation under PLAN_RULE, else null. */
  source: string | null;
  /** Why, for officials: Vietnamese first, then English. */
  message: string;
}

/** "2011–2015", "2020–": the years a period covers. */
const yearsOf = (period: Pick<RulePeriod, 'fromYear' | 'toYear'>) => `${period.fromYear}–${period.toYear ?? ''}`;
const planPeriods = () => IT_FLOOR_PERIODS.map((p) => `${citation(p.source)}, ${yearsOf(p)}`).join('; ');

/** A ratio above 0 is a floor; "0", "0.000000" are none. */
const hasRatio = (ratio: string) => /[1-9]/.test(ratio);

/**
 * Whether a year has a floor to meet, and why (README "The 1% floor outside the plan's years"): a
 * year a period of the floor rule covers has the rule's floor under the year's settings; a year
 * outside every period has a floor only when DOF set a ratio above 0 for it (its defaults set none).
 */
export function floorRequirement(year: number, settings: Pick<FloorSettings, 'floorRatio'>): FloorRequirement {
  const period = itFloorPeriodFor(year);
  if (period) {
    const cite = citation(period.source);
    return {
      required: true,
      basis: 'PLAN_RULE',
      source: cite,
      message: `Mức sàn theo ${cite} (năm ${yearsOf(period)}) / the floor set by ${cite} (budget years ${yearsOf(period)})`,
    };
  }
  if (hasRatio(settings.floorRatio)) {
    return {
      required: true,
      basis: 'YEAR_SETTING',
      source: null,
      message:
        `Năm ${year} ngoài kỳ của quy định mức sàn (${planPeriods()}); mức sàn là tỷ lệ ${settings.floorRatio} Sở Tài chính đặt cho năm / ` +
        `${year} is outside the floor rule's years (${planPeriods()}); the floor is the ratio ${settings.floorRatio} DOF set for the year`,
    };
  }
  return {
    required: false,
    basis: 'NONE',
    source: null,
    message:
      `Năm ${year} ngoài kỳ của quy định mức sàn (${planPeriods()}) và chưa đặt tỷ lệ mức sàn cho năm: không có yêu cầu mức sàn / ` +
      `${year} is outside the floor rule's years (${planPeriods()}) and no floor ratio is set for it: no floor requirement`,
  };
}

export const floorRule: BudgetRule = {
  code: 'IT_FLOOR',
  title: 'Tối thiểu 1% tổng chi ngân sách địa phương cho CNTT / At least 1% of total local expenditure for IT',
  periods: IT_FLOOR_PERIODS,
  // Outside the plan's years the floor is checked only when DOF set a ratio for the year.
  outsidePeriods(year, settings) {
    if (!hasRatio(settings.floorRatio)) return null;
    return {
      fromYear: year,
      toYear: year,
      source: {
        document: `Thiết lập mức sàn của năm ${year} (Sở Tài chính) / the ${year} floor settings (DOF)`,
        article: '',
        verified: true,
        note: `Ngoài kỳ của quy định mức sàn (${planPeriods()}) / outside the floor rule's years`,
      },
      parameters: { floorRatio: settings.floorRatio, floorSources: settings.floorSources.join(',') },
      policy: 'YEAR_SETTING',
    };
  },
  check(picture, period) {
    const figures: FloorFigures = floorFigures(picture.settings, picture.sourceTotals);
    const severity = severityOf(period, picture);
    const cite = citation(period.source);
    const base = {
      code: this.code,
      title: this.title,
      severity,
      figures: {
        floorAmount: money(figures.floorAmount),
        itTotal: money(figures.itTotal),
        requestedTotal: money(figures.requestedTotal),
        shortfall: money(figures.shortfall),
        compliant: figures.compliant,
      },
    };
    if (figures.floorAmount === null) {
      return {
        ...base,
        passed: false,
        message: catalogMessage('TOTAL_NOT_SET', { year: picture.year }),
        violations: [{ subject: String(picture.year), message: catalogMessage('TOTAL_NOT_SET_SHORT') }],
      };
    }
    if (figures.compliant) {
      return { ...base, passed: true, message: catalogMessage('FLOOR_MET', { itTotal: dong(figures.itTotal), floorAmount: dong(figures.floorAmount) }), violations: [] };
    }
    const message =
      `Thiếu ${dong(figures.shortfall ?? 0n)} so với mức sàn ${dong(figures.floorAmount)} (${cite}) / ` +
      `IT is ${dong(figures.shortfall ?? 0n)} short of the floor of ${dong(figures.floorAmount)} (${cite})`;
    return { ...base, passed: false, message, violations: [{ subject: String(picture.year), message }] };
  },
};

export const districtItLineRule: BudgetRule = {
  code: 'DISTRICT_IT_LINE',
  title: 'Mỗi huyện có mục chi CNTT riêng / Every district carries its own IT line',
  periods: [
    {
      fromYear: 2011,
      toYear: 2015,
      source: { document: PLAN_2011_2015, article: 'mục III.2', verified: true },
      parameters: { ownSource: 'DISTRICT' },
      policy: 'WARN',
    },
  ],
  check(picture, period) {
    const cite = citation(period.source);
    const violations = picture.districts.flatMap((d) =>
      !d.hasEstimate
        ? [{ subject: d.unitCode, message: `${d.unitName}: chưa có dự toán CNTT (${cite}) / ${d.unitNameEn ?? d.unitName}: no IT estimate` }]
        : d.ownItAmount === 0n
          ? [{ subject: d.unitCode, message: `${d.unitName}: chưa có mục chi CNTT từ ngân sách huyện (${cite}) / ${d.unitNameEn ?? d.unitName}: no own IT line` }]
          : [],
    );
    return {
      code: this.code,
      title: this.title,
      severity: severityOf(period, picture),
      passed: violations.length === 0,
      message: violations.length === 0 ? catalogMessage('DISTRICTS_ALL_HAVE_LINE') : catalogMessage('DISTRICTS_LACKING', { count: violations.length }),
      violations,
    };
  },
};

/** Dự phòng of an IT project stays within 10% of its cost (the multi-year total, else the year's amount). */
export const CONTINGENCY_PERCENT = 10n;

export const projectContingencyRule: BudgetRule = {
  code: 'PROJECT_CONTINGENCY',
  title: 'Dự phòng của dự án không quá 10% chi phí / A project’s contingency stays within 10% of its cost',
  periods: [
    {
      fromYear: 2011,
      toYear: null,
      source: {
        document: 'Chưa xác định / not established',
        article: '',
        verified: false,
        note: 'Giới hạn 10% có từ khi lập sổ quy tắc (DESIGN.md mục 9); văn bản quy định chưa được kiểm chứng / the 10% cap predates this registry; its legal source was not verified',
      },
      parameters: { contingencyPercent: CONTINGENCY_PERCENT.toString() },
      policy: 'WARN',
    },
  ],
  check(picture, period) {
    const percent = BigInt(period.parameters.contingencyPercent ?? CONTINGENCY_PERCENT.toString());
    const violations = picture.lines
      .filter((line) => line.activityKindCode === 'PROJECT' && line.contingency !== null)
      .flatMap((line) => {
        const cost = line.multiYearTotal ?? line.amount;
        const contingency = line.contingency ?? 0n;
        const who = lineSubject(line);
        return contingency * 100n > cost * percent
          ? [
              {
                subject: line.lineId,
                message:
                  `${who.vi}: dự phòng ${dong(contingency)} vượt ${percent}% chi phí ${dong(cost)} / ` +
                  `${who.en}: a contingency of ${dong(contingency)} is above ${percent}% of the cost of ${dong(cost)}`,
              },
            ]
          : [];
      });
    return {
      code: this.code,
      title: this.title,
      severity: severityOf(period, picture),
      passed: violations.length === 0,
      message: violations.length === 0 ? catalogMessage('CONTINGENCY_ALL_WITHIN', { percent }) : catalogMessage('CONTINGENCY_ABOVE', { count: violations.length, percent }),
      violations,
    };
  },
};

/** The activity kind a recurrent line must be, by its multi-year total (else its year amount). */
export type RequiredKind = 'TASK_SIMPLE' | 'TASK_DETAILED' | 'PROJECT';

/** ≤ simpleMax: simple purchase; ≤ projectAbove: outline and detailed estimate; above: investment project. */
export function requiredKind(total: bigint, simpleMax: bigint, projectAbove: bigint): RequiredKind {
  if (total <= simpleMax) return 'TASK_SIMPLE';
  return total <= projectAbove ? 'TASK_DETAILED' : 'PROJECT';
}

const KIND_TEXT: Record<RequiredKind, { vi: string; en: string }> = {
  TASK_SIMPLE: { vi: 'mua sắm đơn giản (không cần đề cương)', en: 'a simple purchase (no outline)' },
  TASK_DETAILED: { vi: 'nhiệm vụ có đề cương và dự toán chi tiết', en: 'a task with an outline and detailed estimate' },
  PROJECT: { vi: 'dự án đầu tư', en: 'an investment project' },
};

const KIND_RANK: Record<string, number> = { TASK_SIMPLE: 0, TASK_DETAILED: 1, PROJECT: 2 };

const THRESHOLDS = { simpleMax: '200000000', projectAbove: '15000000000' } as const;

export const recurrentThresholdsRule: BudgetRule = {
  code: 'RECURRENT_IT_THRESHOLDS',
  title:
    'Hoạt động CNTT chi thường xuyên: loại hoạt động theo tổng mức / Recurrent IT spending: the activity kind follows the multi-year total',
  periods: [
    {
      fromYear: 2010,
      toYear: 2019,
      source: {
        document: 'Nghị định 102/2009/NĐ-CP',
        article: 'Điều 1 (phạm vi áp dụng)',
        verified: false,
        note: 'Nghị định ngày 06/11/2009 về quản lý đầu tư ứng dụng CNTT sử dụng nguồn vốn NSNN (nguồn thứ cấp); điều khoản và các ngưỡng chưa đối chiếu toàn văn / the article and the thresholds were not checked against the text',
      },
      parameters: THRESHOLDS,
      policy: 'WARN',
    },
    {
      fromYear: 2020,
      toYear: null,
      source: {
        document: 'Nghị định 73/2019/NĐ-CP',
        article: 'Điều 51',
        verified: false,
        note: 'Nghị định ngày 05/9/2019 thay thế Nghị định 102/2009 (nguồn thứ cấp); nội dung Điều 51 và các ngưỡng chưa đối chiếu toàn văn / Art. 51 and the thresholds were not checked against the text',
      },
      parameters: THRESHOLDS,
      policy: 'WARN',
    },
  ],
  check(picture, period) {
    const simpleMax = BigInt(period.parameters.simpleMax);
    const projectAbove = BigInt(period.parameters.projectAbove);
    const cite = citation(period.source);
    // Service rentals follow their own procedure; only purchases and tasks are sized here.
    const violations = picture.lines
      .filter((line) => line.expenditureTypeCode === 'RECURRENT' && line.activityKindCode !== 'SERVICE_RENTAL')
      .flatMap((line) => {
        const total = line.multiYearTotal ?? line.amount;
        const required = requiredKind(total, simpleMax, projectAbove);
        // A heavier procedure than the total needs is never a breach (an outline is never forbidden).
        if (KIND_RANK[line.activityKindCode] === undefined || KIND_RANK[line.activityKindCode] >= KIND_RANK[required]) return [];
        const kind = KIND_TEXT[required];
        // Only the three sized kinds get here (KIND_RANK): each has its words.
        const recorded = KIND_TEXT[line.activityKindCode as RequiredKind];
        const who = lineSubject(line);
        return [
          {
            subject: line.lineId,
            message:
              `${who.vi}: tổng mức ${dong(total)} phải là ${kind.vi}, đang ghi là ${recorded.vi} (${cite}) / ` +
              `${who.en}: a total of ${dong(total)} must be ${kind.en}, not ${recorded.en} (${cite})`,
          },
        ];
      });
    return {
      code: this.code,
      title: this.title,
      severity: severityOf(period, picture),
      passed: violations.length === 0,
      message:
        violations.length === 0
          ? 'Mọi dòng chi thường xuyên đúng loại hoạt động theo tổng mức / every recurrent line has the kind its total requires'
          : `${violations.length} dòng chi thường xuyên sai loại hoạt động theo tổng mức (${cite}) / ${violations.length} recurrent lines have a kind their total does not allow`,
      violations,
    };
  },
};

/** The registry: every rule, in the order they are reported. */
export const BUDGET_RULES: readonly BudgetRule[] = [floorRule, districtItLineRule, projectContingencyRule, recurrentThresholdsRule];

/** The period of a rule that governs a budget year, or null when the rule is not in force then. */
export function periodFor(rule: BudgetRule, year: number): RulePeriod | null {
  return rule.periods.find((p) => year >= p.fromYear && (p.toYear === null || year <= p.toYear)) ?? null;
}

/**
 * The period of a rule that governs a budget year: its own period for the year, else (given the
 * year's settings) the one the settings make (`outsidePeriods`); null when the rule is not in force.
 */
function governingPeriod(rule: BudgetRule, year: number, settings?: YearPicture['settings']): RulePeriod | null {
  return periodFor(rule, year) ?? (settings && rule.outsidePeriods ? rule.outsidePeriods(year, settings) : null);
}

/** The rules in force in a budget year (under its settings when given), each with its period, source and parameters. */
export function rulesInForce(year: number, rules: readonly BudgetRule[] = BUDGET_RULES, settings?: YearPicture['settings']): RuleInForce[] {
  return rules.flatMap((rule) => {
    const period = governingPeriod(rule, year, settings);
    return period ? [{ code: rule.code, title: rule.title, ...period }] : [];
  });
}

/** Checks the rules in force in the picture's year under its settings (a rule not in force that year is not reported). */
export function checkRules(picture: YearPicture, rules: readonly BudgetRule[] = BUDGET_RULES): RuleResult[] {
  return rules.flatMap((rule) => {
    const period = governingPeriod(rule, picture.year, picture.settings);
    return period ? [{ ...rule.check(picture, period), period }] : [];
  });
}
