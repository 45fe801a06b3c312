import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GovernanceError } from '../errors/governance-error.js';
import {
  addDuration,
  isBusinessDay,
  isIsoDate,
  isValidTimeZone,
  type BusinessCalendar,
} from './business-days.js';
import { parseDuration } from './duration.js';

const UTC: BusinessCalendar = { timezone: 'UTC', holidays: [] };
const LOS_ANGELES: BusinessCalendar = { timezone: 'America/Los_Angeles', holidays: [] };

function add(start: string, duration: string, calendar: BusinessCalendar = UTC): string {
  return addDuration(new Date(start), parseDuration(duration), calendar).toISOString();
}

describe('addDuration with elapsed time', () => {
  it('adds exact milliseconds whatever the zone does', () => {
    // 2026-03-08 is the spring-forward Sunday in Los Angeles: 72h stays 72 real hours.
    expect(add('2026-03-06T17:00:00.000Z', '72h', LOS_ANGELES)).toBe('2026-03-09T17:00:00.000Z');
    expect(add('2026-01-01T00:00:00.000Z', '1d 12h')).toBe('2026-01-02T12:00:00.000Z');
  });
});

describe('addDuration with business days', () => {
  it.each([
    // 2026-01-05 is a Monday.
    ['within a week', '2026-01-05T10:00:00.000Z', '3 business days', [], '2026-01-08T10:00:00.000Z'],
    ['across a weekend', '2026-01-08T10:00:00.000Z', '3 business days', [], '2026-01-13T10:00:00.000Z'],
    ['Friday evening start', '2026-01-09T18:30:00.000Z', '1 business day', [], '2026-01-12T18:30:00.000Z'],
    [
      'across a holiday',
      '2026-12-23T09:00:00.000Z',
      '2 business days',
      ['2026-12-25'],
      '2026-12-28T09:00:00.000Z',
    ],
    [
      'across several holidays and a weekend',
      '2026-12-24T09:00:00.000Z',
      '2 business days',
      ['2026-12-25', '2026-12-28', '2027-01-01'],
      '2026-12-30T09:00:00.000Z',
    ],
    [
      'Saturday start counts from Monday 00:00',
      '2026-01-10T10:00:00.000Z',
      '1 business day',
      [],
      '2026-01-13T00:00:00.000Z',
    ],
    ['Sunday start, 5 days', '2026-01-11T23:59:00.000Z', '5 business days', [], '2026-01-19T00:00:00.000Z'],
    [
      'holiday start counts from the next business day',
      '2026-12-25T15:00:00.000Z',
      '1 business day',
      ['2026-12-25'],
      '2026-12-29T00:00:00.000Z',
    ],
    [
      'a holiday on a weekend changes nothing',
      '2026-01-09T12:00:00.000Z',
      '1 business day',
      ['2026-01-10'],
      '2026-01-12T12:00:00.000Z',
    ],
    ['keeps milliseconds', '2026-01-05T10:00:00.123Z', '1 business day', [], '2026-01-06T10:00:00.123Z'],
    ['10 business days', '2026-01-05T00:00:00.000Z', '10 business days', [], '2026-01-19T00:00:00.000Z'],
  ])('%s', (_name, start, duration, holidays, expected) => {
    expect(add(start, duration, { timezone: 'UTC', holidays })).toBe(expected);
  });

  it('counts days in the calendar zone, not in UTC', () => {
    // Friday 2026-01-09 20:00 in Los Angeles is already Saturday 04:00 in UTC.
    expect(add('2026-01-10T04:00:00.000Z', '1 business day', LOS_ANGELES)).toBe('2026-01-13T04:00:00.000Z');
    // In UTC the same instant is a Saturday, so counting starts Monday 00:00 UTC.
    expect(add('2026-01-10T04:00:00.000Z', '1 business day', UTC)).toBe('2026-01-13T00:00:00.000Z');
    // Holidays are local dates: 2026-12-25 in Los Angeles.
    expect(
      add('2026-12-24T17:00:00.000Z', '1 business day', {
        timezone: 'America/Los_Angeles',
        holidays: ['2026-12-25'],
      }),
    ).toBe('2026-12-28T17:00:00.000Z');
  });

  it('keeps the wall-clock time across the spring-forward switch in Los Angeles', () => {
    // Friday 2026-03-06 09:00 PST (UTC-8) -> Monday 2026-03-09 09:00 PDT (UTC-7): 71 real hours.
    expect(add('2026-03-06T17:00:00.000Z', '1 business day', LOS_ANGELES)).toBe('2026-03-09T16:00:00.000Z');
  });

  it('keeps the wall-clock time across the fall-back switch in Los Angeles', () => {
    // Friday 2026-10-30 09:00 PDT -> Monday 2026-11-02 09:00 PST: 73 real hours.
    expect(add('2026-10-30T16:00:00.000Z', '1 business day', LOS_ANGELES)).toBe('2026-11-02T17:00:00.000Z');
  });

  it('starts a weekend start at local midnight after a DST switch', () => {
    // Sunday 2026-03-08 12:00 PDT -> Monday 00:00 PDT; + 1 business day = Tuesday 00:00 PDT.
    expect(add('2026-03-08T19:00:00.000Z', '1 business day', LOS_ANGELES)).toBe('2026-03-10T07:00:00.000Z');
  });

  it('moves a wall-clock time that the clocks skip later by the gap', () => {
    // Cairo springs forward at 00:00 on Friday 2024-04-26 (EET UTC+2 -> EEST UTC+3).
    // Thursday 00:30 EET + 1 business day = Friday 00:30, which does not exist -> 01:30 EEST.
    expect(
      add('2024-04-24T22:30:00.000Z', '1 business day', { timezone: 'Africa/Cairo', holidays: [] }),
    ).toBe('2024-04-25T22:30:00.000Z');
  });

  it('takes the earlier instant of a wall-clock time that happens twice', () => {
    // Cairo falls back at 24:00 on Wednesday 2024-10-30 (23:00-24:00 happens twice).
    // Tuesday 23:30 EEST + 1 business day = Wednesday 23:30, first occurrence (EEST, UTC+3).
    expect(
      add('2024-10-29T20:30:00.000Z', '1 business day', { timezone: 'Africa/Cairo', holidays: [] }),
    ).toBe('2024-10-30T20:30:00.000Z');
  });

  it('rejects an unknown time zone and malformed holidays', () => {
    const oneDay = parseDuration('1 business day');
    const start = new Date('2026-01-05T10:00:00Z');
    expect(() => addDuration(start, oneDay, { timezone: 'Mars/Olympus', holidays: [] })).toThrow(
      GovernanceError,
    );
    expect(() => addDuration(start, oneDay, { timezone: 'UTC', holidays: ['2026-02-30'] })).toThrow(
      /YYYY-MM-DD/,
    );
    expect(() => addDuration(start, oneDay, { timezone: 'UTC', holidays: ['25.12.2026'] })).toThrow(
      /YYYY-MM-DD/,
    );
    expect(() => addDuration(new Date('nope'), oneDay, UTC)).toThrow(/not a valid date/);
  });
});

describe('calendar helpers', () => {
  it.each([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['America/Los_Angeles', true],
    ['Mars/Olympus', false],
    ['', false],
  ])('isValidTimeZone(%j) is %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  it.each([
    ['2026-12-25', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-1', false],
    ['2026-12-25T00:00:00Z', false],
  ])('isIsoDate(%j) is %s', (text, valid) => {
    expect(isIsoDate(text)).toBe(valid);
  });

  it('isBusinessDay looks at the local date', () => {
    expect(isBusinessDay(new Date('2026-01-10T04:00:00Z'), LOS_ANGELES)).toBe(true); // Friday evening there
    expect(isBusinessDay(new Date('2026-01-10T04:00:00Z'), UTC)).toBe(false); // Saturday in UTC
    expect(
      isBusinessDay(new Date('2026-12-25T12:00:00Z'), { timezone: 'UTC', holidays: ['2026-12-25'] }),
    ).toBe(false);
  });
});

describe('properties', () => {
  const zones = fc.constantFrom(
    'UTC',
    'America/Los_Angeles',
    'Europe/Berlin',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
  );
  const instants = fc
    .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
    .map((ms) => new Date(ms));

  it('N business days later lands on a business day, later than the start, and grows with N', () => {
    fc.assert(
      fc.property(instants, zones, fc.integer({ min: 1, max: 30 }), (start, timezone, days) => {
        const calendar = { timezone, holidays: ['2026-12-25', '2027-01-01'] };
        const end = addDuration(start, { kind: 'business-days', days }, calendar);
        const next = addDuration(start, { kind: 'business-days', days: days + 1 }, calendar);
        expect(end.getTime()).toBeGreaterThan(start.getTime());
        expect(next.getTime()).toBeGreaterThan(end.getTime());
        expect(isBusinessDay(end, calendar)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('any time zone string either works or throws a GovernanceError', () => {
    fc.assert(
      fc.property(fc.string(), instants, (timezone, start) => {
        try {
          addDuration(start, { kind: 'business-days', days: 1 }, { timezone, holidays: [] });
        } catch (error) {
          expect(error).toBeInstanceOf(GovernanceError);
        }
      }),
      { numRuns: 200 },
    );
  });
});
