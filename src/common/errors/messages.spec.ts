
import { VIETNAMESE } from './catalog/check.js';
import { entityNameVi, MESSAGES, message } from './messages.js';
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
    expect(message('NOT_FOUND', { entity: entityNameVi('Estimate'), entityEn: 'Estimate', id: 'x' })).toBe('Không tìm thấy dự toán x / Estimate x not found');
  });

  it('names records in Vietnamese', () => {
    expect(entityNameVi('Estimate of 2012')).toBe('dự toán năm 2012');
    expect(entityNameVi('Fiscal year 2013')).toBe('năm ngân sách 2013');
    expect(entityNameVi('Estimate line')).toBe('dòng dự toán');
  });
});
