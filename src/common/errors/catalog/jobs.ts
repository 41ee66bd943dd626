// Long imports and exports run as jobs.
import type { Message } from './check.js';

export const JOB_MESSAGES = {
  JOB_INTERRUPTED: {
    vi: 'Tác vụ bị gián đoạn (máy chủ dừng khi đang chạy); hãy chạy lại',
    en: 'The job was interrupted (the server stopped while it ran); start it again',
  },
} as const satisfies Record<string, Message>;
