// A year's settings: calendar, plan period, floor ratio and sources.
import type { Message } from './check.js';

export const FISCAL_YEAR_MESSAGES = {
  YEAR_EXISTS: { vi: 'Năm ngân sách {year} đã có', en: 'Fiscal year {year} already exists' },
  PLAN_PERIOD_FORMAT: { vi: 'planPeriod phải có dạng 2016-2020', en: 'planPeriod must look like 2016-2020' },
  PLAN_PERIOD_ORDER: { vi: 'planPeriod {period}: năm đầu phải không sau năm cuối', en: 'planPeriod {period}: the first year must not be after the last' },
  PLAN_PERIOD_OUTSIDE_YEAR: { vi: 'planPeriod {period} phải chứa năm {year}', en: 'planPeriod {period} must contain the year {year}' },
  FLOOR_RATIO_FORMAT: {
    vi: 'floorRatio phải là số thập phân từ 0 đến 1, tối đa 6 chữ số thập phân, viết bằng chuỗi, ví dụ "0.01"',
    en: 'floorRatio must be a decimal string between 0 and 1 with at most 6 decimals, such as "0.01"',
  },
  DEADLINE_ORDER: { vi: '{field} ({date}) không được trước {previous} ({previousDate})', en: '{field} ({date}) must not be before {previous} ({previousDate})' },
  UNKNOWN_FLOOR_SOURCE: { vi: 'floorSources: không có nguồn vốn "{code}"', en: 'floorSources: unknown funding source "{code}"' },
} as const satisfies Record<string, Message>;
