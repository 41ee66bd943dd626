// Budget rules as data, each checked the same way over the same picture of a year, and reported
// together. A BLOCKING failure stops the consolidated budget's submission; a WARNING travels
// with it. Plain TypeScript.
import { formatVnd } from '../../../common/money/vnd.js';
import { type FloorFigures, floorFigures, type FloorLine, type FloorSettings } from './floor.js';

export interface RuleLine extends FloorLine {
  lineId: string;
  estimateId: string;
  unitCode: string;
  activityKindCode: string;
  contingency: bigint | null;
  multiYearTotal: bigint | null;
}

export interface RuleDistrict {
  unitCode: string;
  unitName: string;
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
}

export interface BudgetRule {
  code: string;
  title: string;
  check(picture: YearPicture): RuleResult;
}

const money = (value: bigint | null) => (value === null ? null : formatVnd(value));

export const floorRule: BudgetRule = {
  code: 'IT_FLOOR',
  title: 'Tối thiểu 1% tổng chi ngân sách địa phương cho CNTT / At least 1% of total local expenditure for IT',
  check(picture) {
    const figures: FloorFigures = floorFigures(picture.settings, picture.sourceTotals);
    const severity: RuleSeverity = picture.settings.floorPolicy === 'STOP' ? 'BLOCKING' : 'WARNING';
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
        message: `Chưa nhập tổng chi ngân sách địa phương năm ${picture.year} / total local expenditure of ${picture.year} is not set`,
        violations: [{ subject: String(picture.year), message: 'totalLocalExpenditure is not set' }],
      };
    }
    if (figures.compliant) {
      return { ...base, passed: true, message: `IT ${formatVnd(figures.itTotal)} ≥ floor ${formatVnd(figures.floorAmount)}`, violations: [] };
    }
    const message =
      `Thiếu ${formatVnd(figures.shortfall ?? 0n)} đồng so với mức sàn ${formatVnd(figures.floorAmount)} / ` +
      `IT is ${formatVnd(figures.shortfall ?? 0n)} đồng short of the floor ${formatVnd(figures.floorAmount)}`;
    return { ...base, passed: false, message, violations: [{ subject: String(picture.year), message }] };
  },
};

export const districtItLineRule: BudgetRule = {
  code: 'DISTRICT_IT_LINE',
  title: 'Mỗi huyện có mục chi CNTT riêng / Every district carries its own IT line',
  check(picture) {
    const violations = picture.districts.flatMap((d) =>
      !d.hasEstimate
        ? [{ subject: d.unitCode, message: `${d.unitName}: chưa có dự toán CNTT / no IT estimate` }]
        : d.ownItAmount === 0n
          ? [{ subject: d.unitCode, message: `${d.unitName}: chưa có mục chi CNTT từ ngân sách huyện / no own IT line` }]
          : [],
    );
    return {
      code: this.code,
      title: this.title,
      severity: 'WARNING',
      passed: violations.length === 0,
      message: violations.length === 0 ? 'Every district has its own IT line' : `${violations.length} districts lack an estimate or their own IT line`,
      violations,
    };
  },
};

/** Dự phòng of an IT project stays within 10% of its cost (the multi-year total, else the year's amount). */
export const CONTINGENCY_PERCENT = 10n;

export const projectContingencyRule: BudgetRule = {
  code: 'PROJECT_CONTINGENCY',
  title: 'Dự phòng của dự án không quá 10% chi phí / A project’s contingency stays within 10% of its cost',
  check(picture) {
    const violations = picture.lines
      .filter((line) => line.activityKindCode === 'PROJECT' && line.contingency !== null)
      .flatMap((line) => {
        const cost = line.multiYearTotal ?? line.amount;
        const contingency = line.contingency ?? 0n;
        return contingency * 100n > cost * CONTINGENCY_PERCENT
          ? [
              {
                subject: line.lineId,
                message: `${line.unitCode}: dự phòng ${formatVnd(contingency)} vượt 10% chi phí ${formatVnd(cost)} / contingency above 10% of the cost`,
              },
            ]
          : [];
      });
    return {
      code: this.code,
      title: this.title,
      severity: 'WARNING',
      passed: violations.length === 0,
      message: violations.length === 0 ? 'Every project contingency is within 10%' : `${violations.length} project lines exceed 10% contingency`,
      violations,
    };
  },
};

/** The registry: every rule, in the order they are reported. */
export const BUDGET_RULES: readonly BudgetRule[] = [floorRule, districtItLineRule, projectContingencyRule];

export function checkRules(picture: YearPicture, rules: readonly BudgetRule[] = BUDGET_RULES): RuleResult[] {
  return rules.map((rule) => rule.check(picture));
}
