import { type ChecklistInput, type ChecklistLine, submissionChecklist } from './submission-checklist.js';

const line = (over: Partial<ChecklistLine> = {}): ChecklistLine => ({
  lineNo: 1,
  amount: 1_000n,
  fundingSourceCode: 'DISTRICT',
  activityKindCode: 'TASK_DETAILED',
  contingency: null,
  multiYearTotal: null,
  ...over,
});

const input = (over: Partial<ChecklistInput> = {}): ChecklistInput => ({
  lines: [line()],
  isDistrict: true,
  awarded: [],
  today: '2014-07-01',
  deadline: '2014-07-15',
  lateSubmissionPolicy: 'FLAG',
  ...over,
});

const stateOf = (items: ReturnType<typeof submissionChecklist>) => Object.fromEntries(items.map((i) => [i.code, i.state]));

describe('submissionChecklist', () => {
  it('lists every rule in order, Vietnamese first with English after " / "', () => {
    const items = submissionChecklist(input());
    expect(items.map((i) => i.code)).toEqual(['HAS_LINES', 'DISTRICT_IT_LINE', 'SUPPORT_CAPS', 'CONTINGENCY', 'DEADLINE']);
    expect(stateOf(items)).toEqual({ HAS_LINES: 'ok', DISTRICT_IT_LINE: 'ok', SUPPORT_CAPS: 'na', CONTINGENCY: 'na', DEADLINE: 'ok' });
    for (const item of items) {
      expect(item.title).toMatch(/^[^/]+ \/ [^/]+$/);
      expect(item.message).toContain(' / ');
    }
    expect(items[1].message).toBe('Ngân sách huyện: 1.000 đồng. / District budget: 1.000 đồng.');
    expect(items[4].message).toBe('Hạn trình 15/07/2014, còn 14 ngày. / Due 15/07/2014, 14 day(s) left.');
  });

  it('fails what submit refuses: no line, no own district line, support above the decision, late under REFUSE', () => {
    expect(stateOf(submissionChecklist(input({ lines: [] })))).toMatchObject({ HAS_LINES: 'fail', DISTRICT_IT_LINE: 'fail' });
    expect(stateOf(submissionChecklist(input({ lines: [line({ fundingSourceCode: 'PROVINCIAL' })] }))).DISTRICT_IT_LINE).toBe('fail');
    expect(stateOf(submissionChecklist(input({ isDistrict: false, lines: [line({ fundingSourceCode: 'PROVINCIAL' })] }))).DISTRICT_IT_LINE).toBe('na');
    const support = submissionChecklist(
      input({ lines: [line(), line({ lineNo: 2, fundingSourceCode: 'PROVINCIAL_SUPPORT', amount: 501n })], awarded: [{ fundingSourceCode: 'PROVINCIAL_SUPPORT', amount: 500n }] }),
    );
    expect(support[2]).toMatchObject({ state: 'fail', message: expect.stringContaining('Hỗ trợ của tỉnh: đề nghị 501 đồng, vượt mức được quyết định 500 đồng.') });
    expect(submissionChecklist(input({ today: '2014-07-16', lateSubmissionPolicy: 'REFUSE' }))[4].state).toBe('fail');
    expect(submissionChecklist(input({ today: '2014-07-16' }))[4]).toMatchObject({ state: 'warn', message: expect.stringContaining('(1 ngày)') });
    expect(submissionChecklist(input({ deadline: null }))[4].state).toBe('na');
  });

  it('warns on a project contingency above 10% of its cost, the multi-year total when there is one', () => {
    const items = submissionChecklist(
      input({
        lines: [
          line(),
          line({ lineNo: 2, activityKindCode: 'PROJECT', amount: 1_000n, contingency: 100n }),
          line({ lineNo: 3, activityKindCode: 'PROJECT', amount: 1_000n, contingency: 101n }),
          line({ lineNo: 4, activityKindCode: 'PROJECT', amount: 1_000n, contingency: 150n, multiYearTotal: 1_500n }),
        ],
      }),
    );
    expect(items[3]).toMatchObject({ state: 'warn', message: expect.stringMatching(/^Dòng 3: dự phòng vượt 10% chi phí\. \//) });
  });
});
