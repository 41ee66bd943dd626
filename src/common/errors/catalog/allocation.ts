// Balancing runs and the allocator's explanations (the engine's own input errors stay English:
// they are the `allocate` command-line contract for operators, DESIGN.md section 4).
import type { Message } from './check.js';

export const ALLOCATION_MESSAGES = {
  CEILING_REQUIRED: { vi: 'cần mức trần (ceiling hoặc ceilingsBySource)', en: 'give a ceiling or ceilingsBySource' },
  CEILING_EITHER: { vi: 'chỉ dùng một trong hai: ceiling hoặc ceilingsBySource', en: 'give either ceiling or ceilingsBySource' },
  TOP_UP_ONE_CEILING: { vi: 'phương án bổ sung chỉ có một mức trần', en: 'a top-up has one ceiling' },
  CEILINGS_EMPTY: { vi: '{field}: cần ít nhất một nguồn vốn', en: '{field}: give at least one source' },
  CEILING_UNKNOWN_SOURCE: { vi: '{field}: không có nguồn vốn này', en: '{field}: unknown funding source' },
  CEILING_NOT_VND: {
    vi: '{field} phải là số tiền nguyên (đồng), viết bằng chuỗi chữ số',
    en: '{field} must be a whole number of đồng as a string of digits',
  },
  RUN_IDS: { vi: 'ids phải là mã các phương án (UUID), cách nhau bởi dấu phẩy', en: 'ids must be run ids (uuid), comma-separated' },
  INFEASIBLE: {
    vi: 'Tổng mức tối thiểu cam kết {minimumTotal} vượt trần {ceiling} ({source}) là {excess}',
    en: 'committed minimums total {minimumTotal}, above the ceiling {ceiling} ({source}) by {excess}',
  },
  // How the allocator reached each amount (DESIGN.md section 4), one line per rule.
  EXPLAIN_FULL_REQUEST: {
    vi: 'mức tối thiểu {minimum} + {topUp} cho đủ đề nghị, vì nhóm ưu tiên {tier} được đáp ứng đủ = {allocated}',
    en: 'minimum {minimum} + {topUp} to its full request, as tier {tier} fitted = {allocated}',
  },
  EXPLAIN_MINIMUM_ONLY: {
    vi: 'chỉ mức tối thiểu {minimum}: nhóm ưu tiên {tier} đứng sau nhóm được chia một phần ({partialTier})',
    en: 'minimum {minimum} only: tier {tier} comes after the partial tier {partialTier}',
  },
  EXPLAIN_PARTIAL_SHARE: {
    vi: 'mức tối thiểu {minimum} + phần chia {rest} × {need} ÷ {tierNeed} = {share}, làm tròn xuống bội số của {unit}: {floor}{rounding} = {allocated}',
    en: 'minimum {minimum} + share {rest} × {need} ÷ {tierNeed} = {share}, floored to units of {unit}: {floor}{rounding} = {allocated}',
  },
  EXPLAIN_UNIT_ADDED: { vi: ' + một đơn vị {unit} cho phần dư {remainder} đơn vị', en: ' + one unit {unit} for its remainder of {remainder} unit' },
  EXPLAIN_CAPPED: { vi: ' (không thêm đơn vị: sẽ vượt đề nghị)', en: ' (no extra unit: it would exceed the request)' },
  EXPLAIN_OUTRANKED: {
    vi: ' (không thêm đơn vị: phần dư {remainder} đơn vị xếp sau các đơn vị còn lại)',
    en: ' (no extra unit: its remainder of {remainder} unit ranked after the units left)',
  },
  EXPLAIN_PARTIAL_RULE: {
    vi:
      'phần chia = {rest} × (đề nghị − tối thiểu) ÷ {need}, làm tròn xuống bội số của {unit}; phần dư {leftover} được chia từng đơn vị ' +
      'cho các dòng có phần lẻ lớn nhất (bằng nhau: đề nghị lớn hơn, rồi dòng đứng trước), không bao giờ vượt đề nghị',
    en:
      'share = {rest} × (requested − minimum) ÷ {need}, floored to a multiple of {unit}; the leftover {leftover} goes one unit at a time ' +
      'to the largest remainders (ties: larger requested, then earlier line), never above a request',
  },
} as const satisfies Record<string, Message>;
