
import { VIETNAMESE } from './catalog/check.js';
import { ConflictError, NotFoundError } from './domain-error.js';
import { entityNameVi, MESSAGES, message } from './messages.js';
import { ACTION_WORDS, STATUS_WORDS } from './workflow-words.js';
import { ESTIMATE_CYCLE } from '../../modules/estimates/domain/estimate-cycle.js';
import { ESTIMATE_STATUSES } from '../../modules/estimates/domain/estimate-status.js';
import { PROGRESS_CYCLE, PROGRESS_STATUSES } from '../../modules/monitoring/domain/progress-rules.js';
const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1].replace(/En$/, '')).sort();

describe('the message catalog', () => {
  it.each(Object.entries(MESSAGES))('%s has a Vietnamese and an English text with the same parameters', (_code, entry) => {
    expect(entry.vi.trim().length).toBeGreaterThan(0);
    expect(entry.en.trim().length).toBeGreaterThan(0);
    expect(entry.vi).toMatch(VIETNAMESE);
    expect(entry.vi).not.toContain(' / ');
    expect(entry.en).not.toContain(' / ');
    expect([...new Set(params(entry.vi))]).toEqual([...new Set(params(entry.en))]);
  });

  it('writes Vietnamese first, English after " / ", parameters filled', () => {
    expect(message('TOO_SMALL', { property: 'version', limit: 1 })).toBe('version không được nhỏ hơn 1 / version must not be less than 1');
  });

  it('words not found, stale versions and refused steps for officials, ids and versions in machine fields', () => {
    const missing = new NotFoundError('Estimate', '00000000-0000-4000-8000-000000000000');
    expect(missing.message).toBe('Dự toán không tồn tại hoặc bạn không có quyền xem / Estimate not found');
    expect(missing.context).toEqual({ entity: 'Estimate', id: '00000000-0000-4000-8000-000000000000' });
    expect(new NotFoundError('Fiscal year', 2013).message).toBe('Năm ngân sách 2013 không tồn tại hoặc bạn không có quyền xem / Fiscal year 2013 not found');
    expect(new NotFoundError('Estimate of 2012', 'x').message).toMatch(/^Dự toán năm 2012 không tồn tại/);
    const stale = ConflictError.staleVersion('Estimate', 7);
    expect(stale.message).toBe(
      'Dữ liệu dự toán đã bị người khác thay đổi sau khi bạn mở; hãy tải lại để xem số mới rồi làm lại / The estimate was changed by someone else since you opened it; reload it and try again',
    );
    expect(stale.context).toEqual({ entity: 'Estimate', version: 7 });
    const illegal = ConflictError.illegalTransition('estimate', 'return', 'APPROVED');
    expect(illegal.message).toBe('Không thể trả lại dự toán đang ở trạng thái “Đã phê duyệt” / Cannot return an estimate that is approved');
    expect(illegal.context).toEqual({ action: 'return', currentStatus: 'APPROVED' });
    expect(ConflictError.illegalTransition('budget', 'approve', 'DRAFT').message).toMatch(/^Không thể phê duyệt dự toán tổng hợp đang ở trạng thái “Đang lập” \/ /);
    expect(ConflictError.notEditable('progressReport', 'SUBMITTED').message).toBe(
      'Báo cáo tiến độ đang ở trạng thái “Đã trình”, không sửa được; chỉ sửa khi đang lập hoặc bị trả lại / The progress report is submitted: it changes only while drafted or returned',
    );
  });

  it('has words for every action and status of every cycle', () => {
    for (const action of [...Object.keys(ESTIMATE_CYCLE), ...Object.keys(PROGRESS_CYCLE), 'submit', 'approve', 'return']) expect(ACTION_WORDS[action]?.vi).toMatch(VIETNAMESE);
    for (const status of [...ESTIMATE_STATUSES, ...PROGRESS_STATUSES]) expect(STATUS_WORDS[status]?.vi).toMatch(VIETNAMESE);
  });

  it('names records in Vietnamese', () => {
    expect(entityNameVi('Estimate of 2012')).toBe('dự toán năm 2012');
    expect(entityNameVi('Fiscal year 2013')).toBe('năm ngân sách 2013');
    expect(entityNameVi('Estimate line')).toBe('dòng dự toán');
  });
});
