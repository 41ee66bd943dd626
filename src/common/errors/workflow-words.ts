// The words officials read for the statuses and actions of the state machines (estimates, the
// consolidated budget, progress reports), so that no answer shows a code such as SUBMITTED or an
// action such as `return`. The web app's own status names (web/src/i18n) use the same words.
import type { Message } from './catalog/check.js';

/** A record that goes through a cycle, as the answer names it. */
export const RECORD_WORDS = {
  estimate: { vi: 'dự toán', en: 'an estimate' },
  budget: { vi: 'dự toán tổng hợp', en: 'a consolidated budget' },
  progressReport: { vi: 'báo cáo tiến độ', en: 'a progress report' },
} as const satisfies Record<string, Message>;

export type CycleRecord = keyof typeof RECORD_WORDS;

/** Each action of a cycle: the verb an official would use. */
export const ACTION_WORDS: Readonly<Record<string, Message>> = {
  submit: { vi: 'trình', en: 'submit' },
  return: { vi: 'trả lại', en: 'return' },
  review: { vi: 'cho ý kiến về', en: 'review' },
  appraise: { vi: 'thẩm định', en: 'appraise' },
  balance: { vi: 'cân đối', en: 'balance' },
  approve: { vi: 'phê duyệt', en: 'approve' },
  adjust: { vi: 'điều chỉnh', en: 'adjust' },
  accept: { vi: 'chấp nhận', en: 'accept' },
};

/** Each status of a cycle. */
export const STATUS_WORDS: Readonly<Record<string, Message>> = {
  DRAFT: { vi: 'Đang lập', en: 'drafted' },
  SUBMITTED: { vi: 'Đã trình', en: 'submitted' },
  RETURNED: { vi: 'Bị trả lại', en: 'returned' },
  BALANCED: { vi: 'Đã cân đối', en: 'balanced' },
  APPROVED: { vi: 'Đã phê duyệt', en: 'approved' },
  ACCEPTED: { vi: 'Đã chấp nhận', en: 'accepted' },
  GONE: { vi: 'Đã bị xoá', en: 'gone' },
};

/** The words of an action or status; an unknown code is shown as it is (a programming slip, not a secret). */
export function wordsOf(table: Readonly<Record<string, Message>>, code: string): Message {
  return table[code] ?? { vi: code, en: code };
}
