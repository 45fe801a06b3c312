/**
 * Texts fit GitHub's limits by construction, and user text is inert wherever it is shown.
 */
import { describe, expect, it } from '@jest/globals';
import { inert, inertCell, inertLog } from '../../../shared/plan/inert.js';
import { boundedLines, bytesOf, fitLine, fitText } from '../../../shared/plan/limits.js';
import { findMarked, isMarked, marker } from '../../../shared/plan/markers.js';

describe('boundedLines', () => {
  it('keeps what fits and counts the rest', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i}`);
    const out = boundedLines(lines, { maxChars: 1000, maxItems: 50 });
    expect(out).toHaveLength(51);
    expect(out[49]).toBe('line 49');
    expect(out[50]).toMatch(/^… and 1950 more \(.*`plan` output\)$/);
    expect(boundedLines(['a', 'b'], { maxChars: 100 })).toEqual(['a', 'b']);
  });

  it('measures in bytes when asked', () => {
    const out = boundedLines(['❌❌❌', '❌❌❌'], { maxChars: 12, measure: bytesOf });
    expect(out).toEqual(['❌❌❌', "… and 1 more (the full list is in this run's `plan` output)"]);
  });
});

describe('fitText / fitLine', () => {
  it('returns a text that fits unchanged, and cuts one that does not at a line break', () => {
    expect(fitText('short', 10)).toBe('short');
    const long = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const fitted = fitText(long, 1000);
    expect(fitted.length).toBeLessThanOrEqual(1000);
    expect(fitted).toMatch(/^line 0\n/);
    expect(fitted).toMatch(/\nline \d+\n\n… cut short here \(\d+ more characters/);
    expect(fitText(long, 1000)).toBe(fitted);
  });

  it('counts bytes when the limit is in bytes, and never splits a character', () => {
    const text = '😀'.repeat(50_000);
    const fitted = fitText(text, 65_535, bytesOf);
    expect(bytesOf(fitted)).toBeLessThanOrEqual(65_535);
    expect(fitted).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(fitLine('x'.repeat(300), 256)).toHaveLength(256);
  });
});

describe('inert user text', () => {
  it('defuses HTML, hidden comments, mentions, table pipes and workflow commands', () => {
    const path =
      'docs/<!-- governance-actions:lazy-consensus-timer:status:1 -->/<img src=x>@org/team|x/OWNERS';
    const cell = inertCell(path);
    expect(cell).not.toMatch(/<!--|-->|<img|@org|[^\\]\|/);
    expect(cell.replace(/\u200d/g, '').replace(/\\\|/g, '|')).toBe(path);
    expect(inert('a@b')).not.toBe('a@b');
    expect(inertLog('x\n::error::injected')).not.toMatch(/^::/m);
  });
});

describe('markers', () => {
  it('count only as the whole first line of a bot comment', () => {
    const m = marker('lazy-consensus-timer', 'status:1');
    expect(isMarked(`${m}\nbody`, m)).toBe(true);
    expect(isMarked(`${m}`, m)).toBe(true);
    expect(isMarked(`intro\n${m}`, m)).toBe(false);
    expect(isMarked(`\`${m}\``, m)).toBe(false);
    const bot = { user: 'github-actions[bot]', userType: 'Bot' };
    expect(findMarked([{ ...bot, body: `other\n${m}` }], m)).toBeUndefined();
    expect(findMarked([{ user: 'mallory', userType: 'User', body: `${m}\nx` }], m)).toBeUndefined();
    expect(findMarked([{ ...bot, body: `${m}\nx` }], m)).toBeDefined();
  });
});
