import { formatVietnamTime, parseVietnamInstant } from './vietnam-time.js';

describe('formatVietnamTime', () => {
  it.each([
    // 17:00 UTC is midnight in Vietnam: the day turns there seven hours before UTC.
    ['2012-03-31T16:59:00Z', '31/03/2012 23:59'],
    ['2012-03-31T17:00:00Z', '01/04/2012 00:00'],
    ['2012-03-31T23:59:59.999Z', '01/04/2012 06:59'],
    ['2012-04-01T00:00:00Z', '01/04/2012 07:00'],
    // Year and month ends, a leap day.
    ['2011-12-31T17:00:00Z', '01/01/2012 00:00'],
    ['2011-12-31T16:59:59Z', '31/12/2011 23:59'],
    ['2012-02-28T17:00:00Z', '29/02/2012 00:00'],
    ['2013-02-28T17:00:00Z', '01/03/2013 00:00'],
    // An offset in the input is honoured.
    ['2012-04-01T07:05:00+07:00', '01/04/2012 07:05'],
  ])('writes %s as %s', (iso, expected) => {
    expect(formatVietnamTime(iso)).toBe(expected);
    expect(formatVietnamTime(new Date(iso))).toBe(expected);
  });

  it('cuts seconds rather than rounding them to the next minute', () => {
    expect(formatVietnamTime('2012-04-01T16:59:59.999Z')).toBe('01/04/2012 23:59');
  });

  it('refuses what is not an instant', () => {
    expect(() => formatVietnamTime('yesterday')).toThrow(RangeError);
    expect(() => formatVietnamTime(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('agrees with the platform time zone database for Asia/Ho_Chi_Minh', () => {
    const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (let ms = Date.UTC(2010, 0, 1); ms < Date.UTC(2030, 0, 1); ms += 7 * 86_400_000 + 3_600_000 + 60_000) {
      expect(formatVietnamTime(new Date(ms))).toBe(zone.format(new Date(ms)).replace(',', ''));
    }
  });
});

describe('parseVietnamInstant', () => {
  it.each([
    // Without an offset, Vietnam's clock: the day starts at 17:00 UTC the day before.
    ['2012-04-01', '2012-04-01T00:00:00+07:00', '2012-03-31T17:00:00.000Z'],
    ['2012-04-01T08:30', '2012-04-01T08:30:00+07:00', '2012-04-01T01:30:00.000Z'],
    ['2012-04-01T08:30:15', '2012-04-01T08:30:15+07:00', '2012-04-01T01:30:15.000Z'],
    ['2012-04-01T08:30:15.5', '2012-04-01T08:30:15.500000+07:00', '2012-04-01T01:30:15.500Z'],
    // An offset in the text is honoured.
    ['2012-04-01T00:00:00Z', '2012-04-01T00:00:00+00:00', '2012-04-01T00:00:00.000Z'],
    ['2012-04-01T00:00:00-05:00', '2012-04-01T00:00:00-05:00', '2012-04-01T05:00:00.000Z'],
    ['2012-02-29', '2012-02-29T00:00:00+07:00', '2012-02-28T17:00:00.000Z'],
  ])('reads %s as %s', (text, iso, utc) => {
    const instant = parseVietnamInstant(text)!;
    expect(instant.iso).toBe(iso);
    expect(new Date(Number(instant.epochMicros / 1000n)).toISOString()).toBe(utc);
  });

  it('keeps microseconds, to compare two instants exactly', () => {
    expect(parseVietnamInstant('2012-04-01T00:00:00.000002Z')!.epochMicros - parseVietnamInstant('2012-04-01T00:00:00.000001Z')!.epochMicros).toBe(1n);
  });

  it('reads early years as themselves, not as 19xx', () => {
    expect(parseVietnamInstant('0099-01-01T00:00:00Z')!.epochMicros).toBe(BigInt(Date.parse('0099-01-01T00:00:00Z')) * 1000n);
  });

  it.each([
    '2012', // a year alone
    '2012-04', // a month alone
    '2012-W14-1', // a week date
    '2012-092', // an ordinal date
    '2012-04-01 08:30', // a space for the T
    '2013-02-29', // no such day
    '2012-04-31',
    '2012-13-01',
    '0000-01-01',
    '2012-04-01T24:00',
    '2012-04-01T08:60',
    '2012-04-01T08:30:60',
    '2012-04-01T08:30+15:00',
    '2012-04-01+07:00', // an offset without a time
    '2012-04-01T08:30:15.1234567',
    'yesterday',
    '',
  ])('refuses %j', (text) => {
    expect(parseVietnamInstant(text)).toBeNull();
  });
});
