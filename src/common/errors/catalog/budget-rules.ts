// The year's budget rules (the 1% floor, district IT lines, contingencies): what each result says.
import type { Message } from './check.js';

export const BUDGET_RULE_MESSAGES = {
  TOTAL_NOT_SET: { vi: 'Chưa nhập tổng chi ngân sách địa phương năm {year}', en: 'total local expenditure of {year} is not set' },
  TOTAL_NOT_SET_SHORT: { vi: 'chưa nhập tổng chi ngân sách địa phương', en: 'total local expenditure is not set' },
  FLOOR_MET: { vi: 'Chi CNTT {itTotal} đạt mức sàn {floorAmount}', en: 'IT spending of {itTotal} meets the floor of {floorAmount}' },
  DISTRICTS_ALL_HAVE_LINE: { vi: 'Mọi huyện đều có mục chi CNTT riêng', en: 'Every district has its own IT line' },
  DISTRICTS_LACKING: {
    vi: '{count} huyện chưa có dự toán CNTT hoặc chưa có mục chi CNTT riêng',
    en: '{count} districts lack an estimate or their own IT line',
  },
  CONTINGENCY_ALL_WITHIN: { vi: 'Dự phòng của mọi dự án trong giới hạn {percent}%', en: 'Every project contingency is within {percent}%' },
  CONTINGENCY_ABOVE: { vi: '{count} dòng dự án có dự phòng vượt {percent}%', en: '{count} project lines exceed {percent}% contingency' },
  TOP_UP_SHORT: {
    vi: 'Các đề nghị chưa được cấp ({unfunded}) không đủ để đạt mức sàn (thiếu {shortfall})',
    en: 'the unfunded requests ({unfunded}) cannot close the shortfall ({shortfall})',
  },
} as const satisfies Record<string, Message>;
