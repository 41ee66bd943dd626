// The framework layer's texts: validation, ids in the path, request bodies, unknown routes,
// database refusals, not found, stale versions. Codes here are answered by the one HTTP filter.
import type { Message } from './check.js';

export const FRAMEWORK_MESSAGES = {
  // Request shape (the global validation pipe, body parsing, path parameters).
  INVALID_INPUT: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  UNKNOWN_PROPERTY: { vi: 'không có trường {property}', en: 'property {property} should not exist' },
  TOO_SMALL: { vi: '{property} không được nhỏ hơn {limit}', en: '{property} must not be less than {limit}' },
  TOO_BIG: { vi: '{property} không được lớn hơn {limit}', en: '{property} must not be greater than {limit}' },
  NOT_INTEGER: { vi: '{property} phải là số nguyên', en: '{property} must be an integer number' },
  NOT_NUMBER: { vi: '{property} phải là số', en: '{property} must be a number' },
  NOT_STRING: { vi: '{property} phải là chuỗi ký tự', en: '{property} must be a string' },
  NOT_BOOLEAN: { vi: '{property} phải là true hoặc false', en: '{property} must be a boolean value' },
  NOT_ARRAY: { vi: '{property} phải là danh sách', en: '{property} must be an array' },
  NOT_OBJECT: { vi: '{property} phải là một đối tượng', en: '{property} must be an object' },
  REQUIRED: { vi: '{property} không được để trống', en: '{property} should not be empty' },
  NOT_UUID: { vi: '{property} phải là mã định danh (UUID)', en: '{property} must be a UUID' },
  TOO_LONG: { vi: '{property} dài quá {limit} ký tự', en: '{property} must be shorter than or equal to {limit} characters' },
  TOO_SHORT: { vi: '{property} phải dài ít nhất {limit} ký tự', en: '{property} must be longer than or equal to {limit} characters' },
  NOT_ALLOWED_VALUE: { vi: '{property} phải là một trong các giá trị: {values}', en: '{property} must be one of the following values: {values}' },
  TOO_MANY_ITEMS: { vi: '{property} có nhiều hơn {limit} phần tử', en: '{property} must contain no more than {limit} elements' },
  TOO_FEW_ITEMS: { vi: '{property} cần ít nhất {limit} phần tử', en: '{property} must contain at least {limit} elements' },
  INVALID_VALUE: { vi: '{property} không hợp lệ', en: '{property} is invalid' },
  INVALID_ID: { vi: '{property}: mã định danh không hợp lệ (cần UUID)', en: '{property}: Validation failed (uuid is expected)' },
  INVALID_NUMBER_PARAM: { vi: '{property}: cần một số nguyên', en: '{property}: Validation failed (numeric string is expected)' },
  MALFORMED_BODY: { vi: 'Nội dung yêu cầu không đọc được (JSON sai cú pháp)', en: 'Malformed request body' },
  BODY_TOO_LARGE: { vi: 'Nội dung yêu cầu quá lớn', en: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { vi: 'Kiểu nội dung không được hỗ trợ', en: 'Unsupported media type' },
  WRONG_CONTENT_TYPE: {
    vi: 'Nội dung yêu cầu phải gửi dạng {expected} (tiêu đề Content-Type), không phải {received}',
    en: 'The request body must be sent as {expected} (the Content-Type header), not {received}',
  },
  FILE_TOO_LARGE: { vi: 'Tệp quá lớn', en: 'File too large' },
  ROUTE_NOT_FOUND: { vi: 'Không có đường dẫn {route}', en: 'Cannot {route}' },
  // Access.
  UNAUTHENTICATED: { vi: 'Cần đăng nhập', en: 'Sign-in required' },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You may not do this' },
  TOO_MANY_REQUESTS: { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests, retry later' },
  // Records.
  // Words for officials: the record's id goes in the body's `id` field, not in the text.
  NOT_FOUND: { vi: '{Entity} không tồn tại hoặc bạn không có quyền xem', en: '{EntityEn} not found' },
  NOT_PUBLISHED: { vi: 'Chưa có dữ liệu công bố của năm {year} (ngân sách chưa được phê duyệt)', en: 'No open data for {year}: its budget is not approved' },
  // The version the client sent goes in the body's `version` field, not in the text.
  STALE_VERSION: {
    vi: 'Dữ liệu {entity} đã bị người khác thay đổi sau khi bạn mở; hãy tải lại để xem số mới rồi làm lại',
    en: 'The {entityEn} was changed by someone else since you opened it; reload it and try again',
  },
  // A change sent without `version` where there is already a value to replace (PUT of a half-year's value).
  VERSION_REQUIRED: {
    vi: 'version: đã có giá trị (phiên bản {current}), cần gửi version của giá trị được thay',
    en: 'version: a value exists (version {current}); send the version of the value you replace',
  },
  // PostgreSQL refusals a request can provoke.
  DUPLICATE_KEY: { vi: 'Đã có bản ghi với cùng khoá', en: 'A record with the same key already exists' },
  REFERENCE_VIOLATION: { vi: 'Bản ghi được tham chiếu không tồn tại hoặc đang được dùng', en: 'A referenced record does not exist or is still in use' },
  CONCURRENT_CHANGE: { vi: 'Có thay đổi đồng thời, vui lòng thử lại', en: 'Concurrent change, please retry' },
  CHECK_VIOLATION: { vi: 'Một giá trị vi phạm ràng buộc dữ liệu', en: 'A value breaks a rule of the data' },
  VALUE_MISSING: { vi: 'Thiếu một giá trị bắt buộc', en: 'A required value is missing' },
  UNSTORABLE_CHARACTER: { vi: 'Văn bản chứa ký tự không lưu được (như NUL)', en: 'Text holds a character that cannot be stored (such as NUL)' },
  INVALID_DATE: { vi: 'Ngày giờ không hợp lệ', en: 'Invalid date or time' },
  DATE_OUT_OF_RANGE: { vi: 'Ngày giờ nằm ngoài phạm vi', en: 'Date or time out of range' },
  INVALID_DATA_VALUE: { vi: 'Giá trị không hợp lệ', en: 'Invalid value' },
  OUT_OF_RANGE: { vi: 'Giá trị vượt phạm vi', en: 'Value out of range' },
  BAD_REQUEST: { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  INTERNAL_ERROR: { vi: 'Lỗi hệ thống', en: 'Internal server error' },
  MORE_PROBLEMS: { vi: 'và {count} lỗi khác', en: 'and {count} more problems' },
  // A decision (quyết định) dated far from its fiscal year is a typo, not a decision.
  DECISION_DATE_OUT_OF_YEAR: {
    vi: 'ngày quyết định {date} phải nằm trong khoảng {from} đến {to} (quanh năm ngân sách {year})',
    en: 'the decision date {date} must fall between {from} and {to} (around fiscal year {year})',
  },
  // The same window for a year's other dates (deadlines): see common/time/decision-date.ts.
  DATE_OUT_OF_YEAR: {
    vi: 'ngày {date} phải nằm trong khoảng {from} đến {to} (quanh năm ngân sách {year})',
    en: 'the date {date} must fall between {from} and {to} (around fiscal year {year})',
  },
} as const satisfies Record<string, Message>;
