import { ALLOCATION_MESSAGES } from './catalog/allocation.js';
import { BUDGET_RULE_MESSAGES } from './catalog/budget-rules.js';
import type { Message } from './catalog/check.js';
import { FISCAL_YEAR_MESSAGES } from './catalog/fiscal-years.js';
import { FRAMEWORK_MESSAGES } from './catalog/framework.js';
import { JOB_MESSAGES } from './catalog/jobs.js';
import { SPREADSHEET_MESSAGES } from './catalog/spreadsheets.js';
import { SUPPORT_MESSAGES } from './catalog/support.js';
import { WORKFLOW_MESSAGES } from './catalog/workflow.js';

export type { Message } from './catalog/check.js';

/** Each module's list of codes and texts. */
export const MESSAGES_BY_MODULE = {
  framework: FRAMEWORK_MESSAGES,
  allocation: ALLOCATION_MESSAGES,
  budgetRules: BUDGET_RULE_MESSAGES,
  fiscalYears: FISCAL_YEAR_MESSAGES,
  jobs: JOB_MESSAGES,
  spreadsheets: SPREADSHEET_MESSAGES,
  support: SUPPORT_MESSAGES,
  workflow: WORKFLOW_MESSAGES,
} as const;

type Lists = typeof MESSAGES_BY_MODULE;
type Merged = { [M in keyof Lists]: Lists[M] }[keyof Lists] extends infer L ? (L extends unknown ? (k: L) => void : never) extends (k: infer I) => void ? I : never : never;

/** Merges the lists; a code defined twice is a programming error, refused at load. */
function merge(lists: Lists): Merged {
  const all: Record<string, Message> = {};
  for (const [module, list] of Object.entries(lists)) {
    for (const [code, entry] of Object.entries(list as Record<string, Message>)) {
      if (code in all) throw new Error(`message code ${code} of ${module} is defined twice`);
      all[code] = entry;
    }
  }
  return all as Merged;
}

/** Every code of every module. */
export const MESSAGES = merge(MESSAGES_BY_MODULE);

export type MessageCode = keyof typeof MESSAGES;

/** Names of records in Vietnamese, for "not found" and "changed by someone else". */
export const ENTITY_NAMES: Readonly<Record<string, string>> = {
  Estimate: 'dự toán',
  'Estimate line': 'dòng dự toán',
  'Fiscal year': 'năm ngân sách',
  Unit: 'đơn vị',
  Job: 'tác vụ',
  'File of job': 'tệp của tác vụ',
  'Balancing run': 'phương án cân đối',
  Exclusion: 'việc loại dự toán',
  'Plan period': 'giai đoạn kế hoạch',
  'Progress report': 'báo cáo tiến độ',
  Target: 'chỉ tiêu',
  'Support round': 'đợt hỗ trợ',
  'Open data for fiscal year': 'dữ liệu công bố của năm',
  'Province value': 'giá trị cấp tỉnh',
  'Progress deadline': 'hạn báo cáo tiến độ',
  'Consolidated budget': 'dự toán tổng hợp',
  User: 'người dùng',
};

/** The Vietnamese name of a record ("Estimate of 2012" → "dự toán năm 2012", "Fiscal year 2013" → "năm ngân sách 2013"). */
export function entityNameVi(entity: string): string {
  if (ENTITY_NAMES[entity]) return ENTITY_NAMES[entity];
  const ofYear = /^(.*) of (\d{4})$/.exec(entity);
  if (ofYear && ENTITY_NAMES[ofYear[1]]) return `${ENTITY_NAMES[ofYear[1]]} năm ${ofYear[2]}`;
  const named = /^(.*) (\S+)$/.exec(entity);
  if (named && ENTITY_NAMES[named[1]]) return `${ENTITY_NAMES[named[1]]} ${named[2]}`;
  return entity;
}

type Params = Readonly<Record<string, string | number | bigint>>;

/** A catalog message with its parameters filled in, each language apart (to compose longer texts). */
export function texts(code: MessageCode, params: Params = {}): Message {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  const entry: Message = MESSAGES[code];
  return { vi: fill(entry.vi), en: fill(entry.en) };
}

/** A catalog message with its parameters filled in, "vi / en". */
export function message(code: MessageCode, params: Params = {}): string {
  return bilingual(texts(code, params));
}

/**
 * The two halves of a "vi / en" text (split at the first " / "; a text without one is the same in
 * both). A Vietnamese half holding " / " itself (quoted user text) splits early: compose with
 * `texts()` where the halves are known.
 */
export function splitBilingual(text: string): Message {
  const at = text.indexOf(' / ');
  return at < 0 ? { vi: text, en: text } : { vi: text.slice(0, at), en: text.slice(at + 3) };
}

/** "vi / en" of a message whose halves were composed apart. */
export function bilingual(text: Message): string {
  return `${text.vi} / ${text.en}`;
}
