import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GovernanceError } from '../errors/governance-error.js';
import { formatDuration, parseDuration, type Duration } from './duration.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each<[string, Duration]>([
    ['90m', { kind: 'elapsed', ms: 90 * MINUTE }],
    ['72h', { kind: 'elapsed', ms: 72 * HOUR }],
    ['3d', { kind: 'elapsed', ms: 3 * DAY }],
    ['2w', { kind: 'elapsed', ms: 14 * DAY }],
    ['1d 12h', { kind: 'elapsed', ms: 36 * HOUR }],
    ['1d12h', { kind: 'elapsed', ms: 36 * HOUR }],
    ['12h 1d', { kind: 'elapsed', ms: 36 * HOUR }],
    ['2w 3d 4h 5m', { kind: 'elapsed', ms: 17 * DAY + 4 * HOUR + 5 * MINUTE }],
    ['  72 h  ', { kind: 'elapsed', ms: 72 * HOUR }],
    ['5 business days', { kind: 'business-days', days: 5 }],
    ['1 business day', { kind: 'business-days', days: 1 }],
    ['10  Business  Days', { kind: 'business-days', days: 10 }],
  ])('accepts %j', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each([
    ['', /empty duration/],
    ['   ', /empty duration/],
    ['72', /invalid duration/],
    ['-3d', /invalid duration/],
    ['+3d', /invalid duration/],
    ['1.5d', /invalid duration/],
    ['3s', /unknown unit "s"/],
    ['2mo', /unknown unit "mo"/],
    ['3 days', /unknown unit "days"/],
    ['72H', /unknown unit "H"/],
    ['0h', /longer than zero/],
    ['1d 0h', /longer than zero/],
    ['0 business days', /longer than zero/],
    ['1d 1d', /appears twice/],
    ['1 business day 4h', /business days are written/],
    ['4h 2 business days', /business days are written/],
    ['-1 business days', /business days are written/],
    ['1.5 business days', /business days are written/],
    ['3651d', /too many "d"/],
    ['522w', /too many "w"/],
    ['500w 200d', /longer than the maximum/],
    ['2611 business days', /too many business days/],
    ['99999999999999999999d', /too many "d"/],
  ])('rejects %j', (text, message) => {
    expect(() => parseDuration(text, 'governance.yml', 'vep.escalation.sig-after')).toThrow(GovernanceError);
    expect(() => parseDuration(text)).toThrow(message);
  });

  it.each([[72], [null], [undefined], [['3d']], [{ d: 3 }]])('rejects the non-string %j', (value) => {
    expect(() => parseDuration(value)).toThrow(/expected a duration/);
  });

  it('names the file and key path', () => {
    try {
      parseDuration('3 days', '.github/governance.yml', 'lazy-consensus.notice.low');
      throw new Error('unreachable');
    } catch (error) {
      expect(error).toBeInstanceOf(GovernanceError);
      expect((error as GovernanceError).describe()).toBe(
        '.github/governance.yml: lazy-consensus.notice.low: invalid duration "3 days": unknown unit "days"; use m, h, d, w or "N business days"',
      );
    }
  });

  it('takes the line and column of the value when the caller knows them', () => {
    expect(() => parseDuration('0h', 'governance.yml', 'dpl.x', { line: 12, column: 9 })).toThrow(
      GovernanceError,
    );
    try {
      parseDuration('0h', 'governance.yml', 'dpl.x', { line: 12, column: 9 });
    } catch (error) {
      expect((error as GovernanceError).describe()).toBe(
        'governance.yml:12:9: dpl.x: duration "0h" has a zero part; a duration must be longer than zero',
      );
    }
  });

  it('refuses long hostile input, quoting a bounded part of it', () => {
    // its time is measured by `npm run bench` (bench/parsers/cases.ts, "duration")
    const hostile = '1'.repeat(60_000) + ' ' + '1d'.repeat(20_000);
    expect(() => parseDuration(hostile)).toThrow(`invalid duration "${'1'.repeat(80)}… (100001 characters)"`);
    expect(() => parseDuration('1' + 'x'.repeat(500))).toThrow(
      `unknown unit "${'x'.repeat(80)}… (500 characters)"`,
    );
  });
});

describe('formatDuration', () => {
  it.each<[Duration, string]>([
    [{ kind: 'elapsed', ms: 90 * MINUTE }, '1h 30m'],
    [{ kind: 'elapsed', ms: 72 * HOUR }, '3d'],
    [{ kind: 'elapsed', ms: 14 * DAY }, '2w'],
    [{ kind: 'elapsed', ms: 36 * HOUR }, '1d 12h'],
    [{ kind: 'elapsed', ms: 59_999 }, '0m'],
    [{ kind: 'elapsed', ms: -5 }, '0m'],
    [{ kind: 'business-days', days: 1 }, '1 business day'],
    [{ kind: 'business-days', days: 5 }, '5 business days'],
  ])('formats %j as %j', (duration, text) => {
    expect(formatDuration(duration)).toBe(text);
  });
});

describe('properties', () => {
  it('any string parses or throws a GovernanceError', () => {
    const fragments = fc.constantFrom(
      '1',
      '72',
      '0',
      'd',
      'h',
      'm',
      'w',
      ' ',
      'business',
      'days',
      'day',
      '-',
      '.',
      'x',
    );
    const input = fc.oneof(
      fc.string(),
      fc.array(fragments, { maxLength: 8 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(input, (text) => {
        try {
          const duration = parseDuration(text);
          expect(duration.kind === 'elapsed' ? duration.ms : duration.days).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(GovernanceError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('formatDuration round-trips through parseDuration', () => {
    const elapsed = fc
      .integer({ min: 1, max: 3650 * 24 * 60 })
      .map((m): Duration => ({ kind: 'elapsed', ms: m * MINUTE }));
    const business = fc
      .integer({ min: 1, max: 2610 })
      .map((days): Duration => ({ kind: 'business-days', days }));
    fc.assert(
      fc.property(fc.oneof(elapsed, business), (duration) => {
        expect(parseDuration(formatDuration(duration))).toEqual(duration);
      }),
      { numRuns: 300 },
    );
  });
});
