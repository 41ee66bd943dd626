import { approvedAmountProblems, type CycleLine, hasOwnItLine, isFullyBalanced, isInvestmentProject, isLate, supportOverruns } from './estimate-cycle.js';

const line = (overrides: Partial<CycleLine> = {}): CycleLine => ({
  id: 'L1',
  amount: 1000n,
  fundingSourceCode: 'DISTRICT',
  expenditureTypeCode: 'RECURRENT',
  activityKindCode: 'TASK_SIMPLE',
  approvedAmount: null,
  designAgreed: null,
  ...overrides,
});

describe('the district IT line rule', () => {
  it('needs a district-funded line above 0', () => {
    expect(hasOwnItLine([line()])).toBe(true);
    expect(hasOwnItLine([line({ amount: 0n })])).toBe(false);
    expect(hasOwnItLine([line({ fundingSourceCode: 'PROVINCIAL' })])).toBe(false);
    expect(hasOwnItLine([])).toBe(false);
  });
});

describe('support lines', () => {
  it('may not ask for more support than was decided, per source', () => {
    const lines = [line({ fundingSourceCode: 'PROVINCIAL_SUPPORT', amount: 700n }), line({ fundingSourceCode: 'CENTRAL_SUPPORT', amount: 300n })];
    expect(supportOverruns(lines, [{ fundingSourceCode: 'PROVINCIAL_SUPPORT', amount: 700n }])).toEqual([
      { fundingSourceCode: 'CENTRAL_SUPPORT', requested: 300n, awarded: 0n },
    ]);
    expect(supportOverruns(lines, [{ fundingSourceCode: 'PROVINCIAL_SUPPORT', amount: 699n }, { fundingSourceCode: 'CENTRAL_SUPPORT', amount: 300n }])).toEqual([
      { fundingSourceCode: 'PROVINCIAL_SUPPORT', requested: 700n, awarded: 699n },
    ]);
    expect(supportOverruns([line()], [])).toEqual([]);
  });
});

describe('balancing rules', () => {
  it('keeps approved amounts within the request', () => {
    expect(approvedAmountProblems(line(), 1000n, 'lines[0].approvedAmount')).toEqual([]);
    expect(approvedAmountProblems(line(), 1001n, 'lines[0].approvedAmount')[0]).toMatchObject({
      field: 'lines[0].approvedAmount',
      code: 'APPROVED_ABOVE_REQUEST',
    });
  });

  it('recognises IT investment projects', () => {
    expect(isInvestmentProject(line({ expenditureTypeCode: 'INVESTMENT', activityKindCode: 'PROJECT' }))).toBe(true);
    expect(isInvestmentProject(line({ expenditureTypeCode: 'RECURRENT', activityKindCode: 'PROJECT' }))).toBe(false);
  });

  it('is balanced when every line has an approved amount, zero included', () => {
    expect(isFullyBalanced([line({ approvedAmount: 0n }), line({ approvedAmount: 5n })])).toBe(true);
    expect(isFullyBalanced([line({ approvedAmount: 0n }), line()])).toBe(false);
    expect(isFullyBalanced([])).toBe(false);
  });
});

describe('isLate', () => {
  it('is late only after the deadline day', () => {
    expect(isLate('2011-07-20', '2011-07-20')).toBe(false);
    expect(isLate('2011-07-21', '2011-07-20')).toBe(true);
    expect(isLate('2011-07-21', null)).toBe(false);
  });
});
