// Support rounds for struggling units.
import type { Message } from './check.js';

export const SUPPORT_MESSAGES = {
  SUPPORT_INFEASIBLE: {
    vi: 'Tổng mức tối thiểu {minimumTotal} vượt quỹ {source} {pool} là {excess}',
    en: 'the minimums total {minimumTotal}, which exceeds the {source} pool of {pool} by {excess}',
  },
  SUPPORT_INFEASIBLE_DETAIL: { vi: 'candidates: tổng mức tối thiểu vượt quỹ {source} là {excess}', en: 'candidates: minimums exceed the {source} pool by {excess}' },
} as const satisfies Record<string, Message>;
