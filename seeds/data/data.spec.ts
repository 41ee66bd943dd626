import { ACTIVITY_KINDS, EXPENDITURE_TYPES, FUNDING_SOURCES, PLAN_AREAS } from './catalog.js';
import { DEMO_ESTIMATES, DEMO_YEAR, type DemoLineSeed } from './demo-estimates.js';
import { FISCAL_YEARS } from './fiscal-years.js';
import { estimateId, estimateLineId, unitId } from './ids.js';
import { UNIT_IDS, UNITS, type SpecialRole } from './units.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DIGITS_RE = /^(0|[1-9]\d*)$/;
const QUANTITY_RE = /^\d+(\.\d{1,4})?$/;
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY_LIMIT = 10n ** 18n;
const LINE_AMOUNT_LIMIT = 10n ** 15n;

const duplicates = (values: readonly string[]): string[] =>
  values.filter((v, i) => values.indexOf(v) !== i);

/** Quantity as an integer number of 1/10 000 units (no floating point). */
const quantityScaled = (q: string): bigint => {
  const [whole, frac = ''] = q.split('.');
  return BigInt(whole) * 10_000n + BigInt(frac.padEnd(4, '0'));
};

/** quantity × unitPrice, rounded half-up to the đồng. */
const lineAmount = (l: DemoLineSeed): bigint => (quantityScaled(l.quantity) * BigInt(l.unitPrice) + 5_000n) / 10_000n;

const MONEY_FIELDS = [
  'unitPrice',
  'multiYearTotal',
  'fundedToPrev2',
  'prevYearEstimate',
  'prevYearExpected',
  'projectionNext1',
  'projectionNext2',
  'committedMinimum',
] as const;

const allLines = DEMO_ESTIMATES.flatMap((e) => e.lines.map((l) => ({ estimate: e, line: l })));
const unitById = new Map(UNITS.map((u) => [u.id, u]));

describe('ids', () => {
  it('produces canonical version-4 UUIDs with a distinct prefix per kind', () => {
    for (const id of [unitId(0), unitId(1), estimateId(42), estimateLineId(999_999_999_999)]) {
      expect(id).toMatch(UUID_RE);
    }
    expect(unitId(7).slice(0, 8)).toBe('10000000');
    expect(estimateId(7).slice(0, 8)).toBe('20000000');
    expect(estimateLineId(7).slice(0, 8)).toBe('21000000');
  });

  it('rejects numbers that do not fit', () => {
    expect(() => unitId(-1)).toThrow(RangeError);
    expect(() => unitId(1.5)).toThrow(RangeError);
    expect(() => unitId(1_000_000_000_000)).toThrow(RangeError);
  });

  it('is unique across every seeded row', () => {
    const ids = [
      ...UNITS.map((u) => u.id),
      ...DEMO_ESTIMATES.map((e) => e.id),
      ...allLines.map(({ line }) => line.id),
    ];
    expect(duplicates(ids)).toEqual([]);
    for (const id of ids) expect(id).toMatch(UUID_RE);
  });
});

describe('units', () => {
  it('has unique ids and codes, and stable ASCII uppercase codes', () => {
    expect(duplicates(UNITS.map((u) => u.id))).toEqual([]);
    expect(duplicates(UNITS.map((u) => u.code))).toEqual([]);
    for (const u of UNITS) {
      expect(u.code).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
      expect(u.name.trim()).not.toBe('');
      expect(u.nameEn.trim()).not.toBe('');
    }
  });

  it('has exactly one root, the PPC, and parents before children', () => {
    const roots = UNITS.filter((u) => u.parentId === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ kind: 'PROVINCIAL_COMMITTEE', budgetLevel: 'PROVINCIAL', specialRole: 'PPC' });
    const seen = new Set<string>();
    for (const u of UNITS) {
      if (u.parentId !== null) expect(seen.has(u.parentId)).toBe(true);
      seen.add(u.id);
    }
  });

  it('places each kind under the right parent with the right budget level', () => {
    const expected = {
      PROVINCIAL_COMMITTEE: { level: 'PROVINCIAL', parentKind: null },
      DEPARTMENT: { level: 'PROVINCIAL', parentKind: 'PROVINCIAL_COMMITTEE' },
      DISTRICT_COMMITTEE: { level: 'DISTRICT', parentKind: 'PROVINCIAL_COMMITTEE' },
      COMMUNE_COMMITTEE: { level: 'COMMUNE', parentKind: 'DISTRICT_COMMITTEE' },
    } as const;
    for (const u of UNITS) {
      expect(u.budgetLevel).toBe(expected[u.kind].level);
      const parentKind = u.parentId === null ? null : (unitById.get(u.parentId)?.kind ?? 'MISSING');
      expect(parentKind).toBe(expected[u.kind].parentKind);
    }
  });

  it('has exactly one unit per special role, of the right kind', () => {
    const roles: SpecialRole[] = ['PPC', 'DIC', 'DOF', 'DPI'];
    for (const role of roles) {
      const holders = UNITS.filter((u) => u.specialRole === role);
      expect(holders).toHaveLength(1);
      expect(holders[0].kind).toBe(role === 'PPC' ? 'PROVINCIAL_COMMITTEE' : 'DEPARTMENT');
    }
    expect(unitById.get(UNIT_IDS.ppc)?.specialRole).toBe('PPC');
    expect(unitById.get(UNIT_IDS.dic)?.specialRole).toBe('DIC');
    expect(unitById.get(UNIT_IDS.dof)?.specialRole).toBe('DOF');
    expect(unitById.get(UNIT_IDS.dpi)?.specialRole).toBe('DPI');
  });

  it('has the 8 district committees of 2011, each with at least 3 communes', () => {
    const districts = UNITS.filter((u) => u.kind === 'DISTRICT_COMMITTEE');
    expect(districts).toHaveLength(8);
    for (const d of districts) {
      expect(UNITS.filter((u) => u.parentId === d.id).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('has every UNIT_IDS entry in UNITS', () => {
    for (const id of Object.values(UNIT_IDS)) expect(unitById.has(id)).toBe(true);
    expect(duplicates(Object.values(UNIT_IDS))).toEqual([]);
  });
});

describe('catalog', () => {
  const planCodes = new Set(PLAN_AREAS.map((a) => a.code));
  const parentCodes = new Set(PLAN_AREAS.map((a) => a.parentCode));

  it('has unique plan area codes, parents before children, children named after their parent', () => {
    expect(duplicates(PLAN_AREAS.map((a) => a.code))).toEqual([]);
    const seen = new Set<string>();
    for (const a of PLAN_AREAS) {
      if (a.parentCode === null) {
        expect(a.code).toMatch(/^\d+$/);
      } else {
        expect(seen.has(a.parentCode)).toBe(true);
        expect(a.code.startsWith(`${a.parentCode}.`)).toBe(true);
      }
      seen.add(a.code);
    }
    const orders = PLAN_AREAS.map((a) => a.sortOrder);
    expect(orders).toEqual([...orders].sort((x, y) => x - y));
    expect(duplicates(orders.map(String))).toEqual([]);
  });

  it('covers section II of the plan', () => {
    const leaves = PLAN_AREAS.filter((a) => !parentCodes.has(a.code)).map((a) => a.code);
    expect(leaves).toEqual([
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((x) => `1.${x}`),
      ...['a', 'b', 'c', 'd'].map((x) => `2.1.${x}`),
      ...['a', 'b', 'c', 'd', 'e'].map((x) => `2.2.${x}`),
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `3.${x}`),
    ]);
    expect(planCodes.has('2.1') && planCodes.has('2.2')).toBe(true);
  });

  it('has unique codes in the other lists', () => {
    for (const list of [FUNDING_SOURCES, EXPENDITURE_TYPES, ACTIVITY_KINDS]) {
      expect(duplicates(list.map((x) => x.code))).toEqual([]);
    }
    expect(EXPENDITURE_TYPES.map((t) => [t.code, t.balancedBy])).toEqual([
      ['RECURRENT', 'DOF'],
      ['INVESTMENT', 'DPI'],
    ]);
  });

  it('counts only provincial, district and commune budgets toward the floor by default', () => {
    expect(FUNDING_SOURCES.filter((s) => s.countsTowardFloorByDefault).map((s) => s.code)).toEqual([
      'PROVINCIAL',
      'DISTRICT',
      'COMMUNE',
    ]);
    for (const s of FUNDING_SOURCES) {
      if (s.countsTowardFloorByDefault) expect(s.isStateBudget).toBe(true);
    }
  });
});

describe('fiscal years', () => {
  const sourceCodes = new Set(FUNDING_SOURCES.map((s) => s.code));

  it('covers 2011–2015 with deadlines in order in the year before', () => {
    expect(FISCAL_YEARS.map((y) => y.year)).toEqual([2011, 2012, 2013, 2014, 2015]);
    for (const y of FISCAL_YEARS) {
      const deadlines = [y.submissionDeadline, y.balancingDeadline, y.committeeDeadline];
      for (const d of deadlines) {
        expect(d).toMatch(ISO_DATE_RE);
        expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
        expect(d.slice(0, 4)).toBe(String(y.year - 1));
      }
      expect([...deadlines].sort()).toEqual(deadlines);
      expect(y.planPeriod).toBe('2011-2015');
    }
  });

  it('has valid amounts, ratios and floor sources', () => {
    let previous = 0n;
    for (const y of FISCAL_YEARS) {
      expect(y.totalLocalExpenditure).toMatch(DIGITS_RE);
      const total = BigInt(y.totalLocalExpenditure);
      expect(total < MONEY_LIMIT).toBe(true);
      expect(total > previous).toBe(true);
      previous = total;
      expect(y.floorRatio).toMatch(/^0\.\d{1,4}$/);
      for (const s of y.floorSources) expect(sourceCodes.has(s)).toBe(true);
      expect(duplicates(y.floorSources)).toEqual([]);
    }
  });
});

describe('demo estimates', () => {
  const leafCodes = new Set(
    PLAN_AREAS.filter((a) => !PLAN_AREAS.some((c) => c.parentCode === a.code)).map((a) => a.code),
  );
  const sources = new Map(FUNDING_SOURCES.map((s) => [s.code, s]));
  const expenditureTypes = new Set<string>(EXPENDITURE_TYPES.map((t) => t.code));
  const activityKinds = new Set(ACTIVITY_KINDS.map((k) => k.code));

  it('belongs to existing units, one estimate per unit, all for the demo year', () => {
    expect(duplicates(DEMO_ESTIMATES.map((e) => e.unitId))).toEqual([]);
    for (const e of DEMO_ESTIMATES) {
      expect(unitById.has(e.unitId)).toBe(true);
      expect(e.year).toBe(DEMO_YEAR);
      expect(e.lines.length).toBeGreaterThanOrEqual(3);
      expect(e.lines.length).toBeLessThanOrEqual(7);
      expect(e.lines.map((l) => l.lineNo)).toEqual(e.lines.map((_, i) => i + 1));
    }
    expect(FISCAL_YEARS.some((y) => y.year === DEMO_YEAR)).toBe(true);
  });

  it('uses only leaf plan areas and existing catalog codes', () => {
    for (const { line } of allLines) {
      expect(leafCodes.has(line.planAreaCode)).toBe(true);
      expect(sources.has(line.fundingSourceCode)).toBe(true);
      expect(expenditureTypes.has(line.expenditureTypeCode)).toBe(true);
      expect(activityKinds.has(line.activityKindCode)).toBe(true);
    }
  });

  it("funds own-budget lines only from the unit's own budget level", () => {
    for (const { estimate, line } of allLines) {
      const source = sources.get(line.fundingSourceCode);
      if (source?.countsTowardFloorByDefault) {
        expect(source.budgetLevel).toBe(unitById.get(estimate.unitId)?.budgetLevel);
      }
    }
  });

  it('has well-formed amounts and quantities', () => {
    for (const { line } of allLines) {
      for (const field of MONEY_FIELDS) {
        const value = line[field];
        if (value === null) continue;
        expect(value).toMatch(DIGITS_RE);
        expect(BigInt(value) < MONEY_LIMIT).toBe(true);
      }
      expect(line.quantity).toMatch(QUANTITY_RE);
      expect(lineAmount(line) > 0n).toBe(true);
      expect(lineAmount(line) < LINE_AMOUNT_LIMIT).toBe(true);
      expect(Number.isInteger(line.priorityTier)).toBe(true);
      expect(line.priorityTier).toBeGreaterThanOrEqual(1);
      expect(line.priorityTier).toBeLessThanOrEqual(3);
      expect(line.description.trim()).not.toBe('');
      expect(line.measureUnit.trim()).not.toBe('');
    }
  });

  it('keeps the committed minimum within the requested amount', () => {
    for (const { line } of allLines) {
      expect(BigInt(line.committedMinimum) <= lineAmount(line)).toBe(true);
    }
  });

  it('rounds the requested amount half-up to the đồng', () => {
    const probe = { ...allLines[0].line, quantity: '0.0001', unitPrice: '5000' };
    expect(lineAmount(probe)).toBe(1n);
    expect(lineAmount({ ...probe, unitPrice: '4999' })).toBe(0n);
    expect(lineAmount({ ...probe, quantity: '2.35', unitPrice: '45000000' })).toBe(105_750_000n);
  });

  it('sets multi-year fields on continuing lines only, with the multi-year total equal to the year columns', () => {
    for (const { line } of allLines) {
      if (!line.isContinuing) {
        expect(line.multiYearTotal).toBeNull();
        expect(line.fundedToPrev2).toBeNull();
        continue;
      }
      expect(line.multiYearTotal).not.toBeNull();
      expect(line.fundedToPrev2).not.toBeNull();
      expect(line.prevYearExpected).not.toBeNull();
      const columns = [line.fundedToPrev2, line.prevYearExpected, line.projectionNext1, line.projectionNext2];
      const sum = columns.reduce((acc, v) => acc + BigInt(v ?? '0'), lineAmount(line));
      expect(sum).toBe(BigInt(line.multiYearTotal ?? '-1'));
    }
    expect(allLines.some(({ line }) => line.isContinuing)).toBe(true);
    expect(allLines.some(({ line }) => !line.isContinuing)).toBe(true);
  });

  it('mixes recurrent and investment lines and all three tiers', () => {
    const types = new Set(allLines.map(({ line }) => line.expenditureTypeCode));
    expect([...types].sort()).toEqual(['INVESTMENT', 'RECURRENT']);
    const tiers = new Set(allLines.map(({ line }) => line.priorityTier));
    expect([...tiers].sort()).toEqual([1, 2, 3]);
  });

  it("gives every district committee's estimate its own IT line (DISTRICT-funded, amount > 0)", () => {
    const districtEstimates = DEMO_ESTIMATES.filter(
      (e) => unitById.get(e.unitId)?.kind === 'DISTRICT_COMMITTEE',
    );
    expect(districtEstimates.length).toBeGreaterThanOrEqual(4);
    for (const e of districtEstimates) {
      expect(e.lines.some((l) => l.fundingSourceCode === 'DISTRICT' && lineAmount(l) > 0n)).toBe(true);
    }
  });
});
