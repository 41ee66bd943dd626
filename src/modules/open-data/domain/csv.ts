// CSV as RFC 4180 has it: fields separated by commas, records ended by CRLF, a field quoted with
// double quotes when it holds a comma, a double quote, CR or LF, and a double quote inside a quoted
// field doubled. UTF-8 on the wire, no byte-order mark. One change to the text, the OWASP rule
// against CSV injection: this file is published to anyone, and a spreadsheet opening it would run
// a cell that starts with = + - @ TAB or CR as a formula (`=HYPERLINK(…)`, `+cmd|…`), so such a cell
// gets a leading apostrophe, which spreadsheets read as "text". To recover the value as entered,
// drop a leading apostrophe followed by one of those characters. Plain numbers (`-1`) are left alone.
// Plain TypeScript: the writer streams through it, the validator and the tests read with it.

export const CSV_DELIMITER = ',';
export const CSV_LINE_TERMINATOR = '\r\n';
export const CSV_QUOTE = '"';

/** The CSV dialect of every file written here, as a Frictionless CSV Dialect. */
export const CSV_DIALECT = {
  delimiter: CSV_DELIMITER,
  lineTerminator: CSV_LINE_TERMINATOR,
  quoteChar: CSV_QUOTE,
  doubleQuote: true,
  header: true,
} as const;

const NEEDS_QUOTES = /[",\r\n]/;

/** First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain signed number (`-1`, `+2.5`) is a value, not a formula: it is left as it is. */
const PLAIN_NUMBER = /^[+-]?[0-9]+(\.[0-9]+)?$/;

/** The value with a leading apostrophe when a spreadsheet would run it as a formula. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** One field: formula-like text neutralised, then quoted only when RFC 4180 requires it. */
export function csvField(value: string): string {
  const safe = neutraliseFormula(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record with its line terminator. */
export function csvRecord(values: readonly string[]): string {
  return values.map(csvField).join(CSV_DELIMITER) + CSV_LINE_TERMINATOR;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly record: number,
    message: string,
  ) {
    super(`CSV record ${record}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Reads a whole CSV text strictly: records end with CRLF (the last may end without one), a quote
 * may only open a field and must close it, and every record has as many fields as the first.
 * Records are numbered from 1 (the header).
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const number = () => records.length + 1;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (records.length > 0 && record.length !== records[0].length) {
      throw new CsvSyntaxError(number(), `has ${record.length} fields, the header has ${records[0].length}`);
    }
    records.push(record);
    record = [];
  };
  if (n === 0) return records;
  while (i < n) {
    // At the start of a field.
    if (text[i] === CSV_QUOTE) {
      i++;
      for (;;) {
        if (i >= n) throw new CsvSyntaxError(number(), 'a quoted field is not closed');
        const c = text[i];
        if (c === CSV_QUOTE) {
          if (text[i + 1] === CSV_QUOTE) {
            field += CSV_QUOTE;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      if (i < n && text[i] !== CSV_DELIMITER && text[i] !== '\r') {
        throw new CsvSyntaxError(number(), 'text follows a closing quote');
      }
    } else {
      while (i < n && text[i] !== CSV_DELIMITER && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === CSV_QUOTE) throw new CsvSyntaxError(number(), 'a quote inside an unquoted field');
        field += text[i];
        i++;
      }
      if (text[i] === '\n') throw new CsvSyntaxError(number(), 'a record ends with LF instead of CRLF');
    }
    if (i >= n) {
      endRecord();
      break;
    }
    if (text[i] === CSV_DELIMITER) {
      record.push(field);
      field = '';
      i++;
      if (i >= n) {
        endRecord();
        break;
      }
      continue;
    }
    // A CR: it must start the CRLF that ends the record.
    if (text[i + 1] !== '\n') throw new CsvSyntaxError(number(), 'a bare CR outside quotes');
    i += 2;
    endRecord();
  }
  return records;
}
