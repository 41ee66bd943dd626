// The estimate cycle and the consolidated budget: submissions, exclusions, idempotent retries.
import type { Message } from './check.js';

export const WORKFLOW_MESSAGES = {
  ALREADY_EXCLUDED: { vi: 'Dự toán đã được loại khỏi tổng hợp', en: 'The estimate is already excluded' },
  BUDGET_EMPTY: { vi: 'Chưa có dự toán nào được cân đối để trình', en: 'No balanced estimate to submit' },
  BUDGET_NO_LONGER_BALANCED: { vi: 'Có {count} dự toán trong tổng hợp không còn ở trạng thái đã cân đối', en: '{count} included estimates are no longer balanced' },
  IDEMPOTENCY_KEY_REUSED: { vi: 'Khoá Idempotency-Key đã dùng cho một yêu cầu khác', en: 'This Idempotency-Key was used for another request' },
  // Statuses and actions in words (see ../workflow-words.ts), never the codes SUBMITTED or return.
  ILLEGAL_TRANSITION: { vi: 'Không thể {action} {record} đang ở trạng thái “{status}”', en: 'Cannot {actionEn} {recordEn} that is {statusEn}' },
  NOT_EDITABLE: {
    vi: '{Record} đang ở trạng thái “{status}”, không sửa được; chỉ sửa khi đang lập hoặc bị trả lại',
    en: '{RecordEn} is {statusEn}: it changes only while drafted or returned',
  },
  INVALID_IDEMPOTENCY_KEY: { vi: 'Idempotency-Key phải gồm 1–200 ký tự ASCII nhìn thấy được', en: 'Idempotency-Key must be 1–200 visible ASCII characters' },
} as const satisfies Record<string, Message>;
