// What a change of year settings (`year.update`) changed, in words: each setting that differs between
// the event's before and after, old → new, written as officials read them (money grouped with dots
// and ₫, the ratio as a percentage with a decimal comma, dates dd/mm/yyyy, policies by name).
import type { TFunction } from 'i18next';
import { formatDate, formatDecimal } from '../../ui/format';
import { formatVnd } from '../../ui/money';

/** One setting changed: its label and the old and new values, already written for a person. */
export interface SettingChange {
  key: string;
  label: string;
  from: string;
  to: string;
}

/** The settings an official knows, in the order of the settings screen; others follow by name. */
const SETTINGS = [
  'totalLocalExpenditure',
  'floorRatio',
  'floorSources',
  'floorPolicy',
  'lateSubmissionPolicy',
  'submissionDeadline',
  'balancingDeadline',
  'committeeDeadline',
  'planPeriod',
  'illustrative',
] as const;

/** Bookkeeping, not settings: never listed. */
const NOT_SETTINGS = new Set(['year', 'version', 'updatedAt', 'createdAt']);

/** `"0.010000"` → `1`, `"0.015"` → `1,5`: a ratio as a percentage, by text (no float). */
export function ratioAsPercent(ratio: string): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(ratio);
  if (!m) return ratio;
  const fraction = (m[2] ?? '').padEnd(2, '0');
  const whole = (m[1] + fraction.slice(0, 2)).replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2).replace(/0+$/, '');
  return formatDecimal(rest ? `${whole}.${rest}` : whole);
}

/** Any stored value as plain text: arrays joined with commas, objects as JSON. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map(text).join(', ');
  return JSON.stringify(value);
}

function written(key: string, value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return '—';
  const raw = text(value);
  switch (key) {
    case 'totalLocalExpenditure':
      return /^\d+$/.test(raw) ? formatVnd(raw) : raw;
    case 'floorRatio':
      return `${ratioAsPercent(raw)}%`;
    case 'floorPolicy':
      return t(`prov.settings.policies.${raw}`, { defaultValue: raw });
    case 'lateSubmissionPolicy':
      return t(`dash.audit.settings.latePolicies.${raw}`, { defaultValue: raw });
    case 'submissionDeadline':
    case 'balancingDeadline':
    case 'committeeDeadline':
      return /^\d{4}-\d{2}-\d{2}/.test(raw) ? formatDate(raw) : raw;
    case 'illustrative':
      return t(value === true ? 'dash.audit.settings.yes' : 'dash.audit.settings.no');
    default:
      return raw;
  }
}

/** Compares two settings' values as stored (a ratio `0.01` equals `0.010000`). */
function same(key: string, a: unknown, b: unknown): boolean {
  if (key === 'floorRatio' && typeof a === 'string' && typeof b === 'string') return ratioAsPercent(a) === ratioAsPercent(b);
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const asRecord = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The settings that differ between `before` and `after` of a `year.update` event, old → new. */
export function yearSettingChanges(before: unknown, after: unknown, t: TFunction): SettingChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const others = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((key) => !NOT_SETTINGS.has(key) && !(SETTINGS as readonly string[]).includes(key)).sort();
  return [...SETTINGS, ...others]
    .filter((key) => (key in a || key in b) && !same(key, b[key], a[key]))
    .map((key) => ({
      key,
      label: t(`dash.audit.settings.${key}`, { defaultValue: key }),
      from: written(key, b[key], t),
      to: written(key, a[key], t),
    }));
}
