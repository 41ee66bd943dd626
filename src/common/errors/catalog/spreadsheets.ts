// Workbooks in: what is wrong with a file as a whole (the cells' problems name their cell).
import type { Message } from './check.js';

export const SPREADSHEET_MESSAGES = {
  FILE_EMPTY: { vi: 'tệp rỗng', en: 'the file is empty' },
  MULTI_PART_ZIP: { vi: 'tệp nén chia nhiều phần không được hỗ trợ', en: 'multi-part zip archives are not supported' },
  UNSUPPORTED_COMPRESSION: {
    vi: '{name} dùng cách nén {method}; chỉ đọc được phần lưu thẳng hoặc nén deflate',
    en: '{name} uses compression method {method}; only stored and deflated parts are read',
  },
  TOO_MANY_ZIP_ENTRIES: { vi: 'tệp nén có {count} phần (tối đa {limit})', en: 'the zip has {count} entries (at most {limit})' },
  PARTS_TOO_LARGE: { vi: 'các phần khai báo hơn {limit} khi giải nén', en: 'its parts declare more than {limit} uncompressed' },
  ENTRIES_OVERLAP: { vi: 'hai phần {first} và {second} chồng lên nhau', en: 'entries {first} and {second} overlap' },
  ENTRY_INFLATES_BEYOND: {
    vi: '{name} giải nén ra nhiều hơn {declared} byte đã khai báo',
    en: '{name} inflates to more than the {declared} bytes it declares',
  },
  SHARED_STRINGS_TOO_LARGE: {
    vi: 'bảng chuỗi dùng chung khai báo {size} byte (tối đa {limit})',
    en: 'its shared strings declare {size} bytes (at most {limit})',
  },
} as const satisfies Record<string, Message>;
