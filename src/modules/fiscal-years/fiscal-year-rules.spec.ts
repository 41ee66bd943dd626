import { calendarProblems, unknownSourceProblems } from './fiscal-year-rules.js';

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
