import { calendarProblems, deadlineYearProblems, planPeriodProblems, unknownSourceProblems } from './fiscal-year-rules.js';

describe('calendarProblems', () => {
  it('accepts deadlines in the order of the cycle, with gaps', () => {
    expect(calendarProblems({ submissionDeadline: '2011-07-20', balancingDeadline: null, committeeDeadline: '2011-12-10' })).toEqual([]);
  });

  it('names the deadline that comes too early', () => {
    const problems = calendarProblems({ submissionDeadline: '2011-07-20', balancingDeadline: '2011-07-01', committeeDeadline: '2011-12-10' });
    expect(problems.map((p) => p.field)).toEqual(['balancingDeadline']);
  });
});

describe('unknownSourceProblems', () => {
  it('names each unknown funding source', () => {
    const problems = unknownSourceProblems(['PROVINCIAL', 'MOON'], new Set(['PROVINCIAL']));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('MOON');
  });
});

describe('planPeriodProblems', () => {
  it.each([
    [2012, '2011-2015', []],
    [2011, '2011-2015', []],
    [2015, '2011-2015', []],
    [2012, '2012-2012', []],
    [2012, '2016-2020', ['PLAN_PERIOD_OUTSIDE_YEAR']],
    [2030, '2011-2015', ['PLAN_PERIOD_OUTSIDE_YEAR']],
    [2012, '2015-2011', ['PLAN_PERIOD_ORDER']],
    [2012, '2011/2015', ['PLAN_PERIOD_FORMAT']],
  ])('year %i in %s: %j', (year, period, codes) => {
    const problems = planPeriodProblems(year, period);
    expect(problems.map((p) => p.code)).toEqual(codes);
    expect(problems.every((p) => p.field === 'planPeriod')).toBe(true);
  });
});

describe('deadlineYearProblems', () => {
  it('takes dates from 1 January of the year before to 31 December of the year after, and names the others', () => {
    expect(deadlineYearProblems(2012, { submissionDeadline: '2011-01-01', balancingDeadline: null, committeeDeadline: '2013-12-31' })).toEqual([]);
    const problems = deadlineYearProblems(2012, { submissionDeadline: '1900-01-01', balancingDeadline: '2010-12-31', committeeDeadline: '2014-01-01' });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['submissionDeadline', 'DATE_OUT_OF_YEAR'],
      ['balancingDeadline', 'DATE_OUT_OF_YEAR'],
      ['committeeDeadline', 'DATE_OUT_OF_YEAR'],
    ]);
    expect(problems[0]?.message).toMatch(/^submissionDeadline: ngày 1900-01-01 .* \/ the date 1900-01-01 must fall between 2011-01-01 and 2013-12-31/);
  });
});
