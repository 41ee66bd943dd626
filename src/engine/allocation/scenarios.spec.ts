import { adoptedAmount, allocationRequest, AWAITING_DESIGN_NOTE, type CandidateLine, compareRuns, REFUSED_DESIGN_NOTE, type RunLine } from './scenarios.js';

const candidate = (overrides: Partial<CandidateLine> = {}): CandidateLine => ({
  lineId: 'L1',
  amount: 1_000n,
  approvedAmount: 400n,
  committedMinimum: 100n,
  priorityTier: 2,
  fundingSourceCode: 'PROVINCIAL',
  isProject: false,
  designAgreed: null,
  dicOpinion: null,
  dicNote: null,
  ...overrides,
});

describe('allocationRequest', () => {
  it('asks for the request with its committed minimum when balancing', () => {
    expect(allocationRequest('BALANCE', candidate())).toEqual({ requested: 1_000n, minimum: 100n, tier: 2, note: null, heldBack: null });
  });

  it('asks for what is still lacking, without minimum, when topping up', () => {
    expect(allocationRequest('TOP_UP', candidate())).toEqual({ requested: 600n, minimum: 0n, tier: 2, note: null, heldBack: null });
    expect(allocationRequest('TOP_UP', candidate({ approvedAmount: null }))).toMatchObject({ requested: 1_000n });
  });

  it('asks for nothing for a project awaiting DIC’s design opinion, and says it is awaited', () => {
    for (const kind of ['BALANCE', 'TOP_UP'] as const) {
      const request = allocationRequest(kind, candidate({ isProject: true, designAgreed: null, dicOpinion: 'AGREE' }));
      expect(request).toMatchObject({ requested: 0n, minimum: 0n, heldBack: 'DESIGN_AWAITED', note: AWAITING_DESIGN_NOTE });
    }
  });

  it('asks for nothing for a project whose design DIC refused, and says it was refused (no reason includes it)', () => {
    for (const kind of ['BALANCE', 'TOP_UP'] as const) {
      const request = allocationRequest(kind, candidate({ isProject: true, designAgreed: false, includeReason: 'Cấp bách' }));
      expect(request).toMatchObject({ requested: 0n, minimum: 0n, heldBack: 'DESIGN_REFUSED', note: REFUSED_DESIGN_NOTE });
      expect(request.note).toContain('refused');
      expect(request.note).not.toContain('awaiting');
    }
  });

  it('funds an agreed project as any line', () => {
    expect(allocationRequest('BALANCE', candidate({ isProject: true, designAgreed: true, dicOpinion: 'AGREE' }))).toMatchObject({ requested: 1_000n, heldBack: null });
  });

  it('gives nothing to a line DIC disagreed with, quoting DIC’s note, unless a written reason includes it', () => {
    for (const kind of ['BALANCE', 'TOP_UP'] as const) {
      const held = allocationRequest(kind, candidate({ dicOpinion: 'DISAGREE', dicNote: 'Trùng dự án tỉnh' }));
      expect(held).toMatchObject({ requested: 0n, minimum: 0n, heldBack: 'DIC_DISAGREED' });
      expect(held.note).toMatch(/^Sở TT&TT không đồng ý \(«Trùng dự án tỉnh»\): 0.* \/ DIC disagreed/);
      // A blank reason is no reason.
      expect(allocationRequest(kind, candidate({ dicOpinion: 'DISAGREE', includeReason: '  ' }))).toMatchObject({ requested: 0n, heldBack: 'DIC_DISAGREED' });
    }
    const included = allocationRequest('BALANCE', candidate({ dicOpinion: 'DISAGREE', dicNote: 'Trùng dự án tỉnh', includeReason: 'Nghị quyết HĐND số 5' }));
    expect(included).toMatchObject({ requested: 1_000n, minimum: 100n, heldBack: null });
    expect(included.note).toContain('Nghị quyết HĐND số 5');
  });

  it('keeps DIC’s note on a line agreed with changes in front of the balancer', () => {
    const request = allocationRequest('BALANCE', candidate({ dicOpinion: 'AGREE_WITH_CHANGES', dicNote: 'Giảm số lượng máy chủ' }));
    expect(request).toMatchObject({ requested: 1_000n, heldBack: null });
    expect(request.note).toBe('Sở TT&TT đồng ý có điều chỉnh («Giảm số lượng máy chủ») / DIC agreed with changes («Giảm số lượng máy chủ»)');
  });
});

describe('adoptedAmount', () => {
  it('replaces when balancing and adds when topping up', () => {
    expect(adoptedAmount('BALANCE', 400n, 700n)).toBe(700n);
    expect(adoptedAmount('TOP_UP', 400n, 200n)).toBe(600n);
    expect(adoptedAmount('TOP_UP', null, 200n)).toBe(200n);
  });
});

describe('compareRuns', () => {
  const line = (lineId: string, unit: string, area: string, allocated: bigint): RunLine => ({
    lineId,
    unitId: unit,
    unitCode: unit,
    planAreaCode: area,
    requested: 1_000n,
    allocated,
  });

  it('totals each run per unit, plan area and line, with differences from the first run', () => {
    const a = [line('L1', 'U1', '1.a', 500n), line('L2', 'U1', '2.1.a', 300n), line('L3', 'U2', '1.a', 200n)];
    const b = [line('L1', 'U1', '1.a', 400n), line('L3', 'U2', '1.a', 450n)];
    const compared = compareRuns([a, b]);
    expect(compared.totals).toEqual([1_000n, 850n]);
    expect(compared.totalDifferences).toEqual([0n, -150n]);
    expect(compared.byUnit).toEqual([
      { key: 'U1', label: 'U1', amounts: [800n, 400n], differences: [0n, -400n] },
      { key: 'U2', label: 'U2', amounts: [200n, 450n], differences: [0n, 250n] },
    ]);
    expect(compared.byPlanArea.find((r) => r.key === '1.a')?.amounts).toEqual([700n, 850n]);
    expect(compared.byLine.find((r) => r.key === 'L2')?.amounts).toEqual([300n, 0n]);
    for (const rows of [compared.byUnit, compared.byPlanArea, compared.byLine]) {
      expect(rows.reduce((sum, r) => sum + (r.amounts[1] ?? 0n), 0n)).toBe(compared.totals[1]);
    }
  });
});
