import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  renderSignOffCounts,
  SIGN_OFF_TABLE_END,
  SIGN_OFF_TABLE_START,
  signOffCounts,
} from './kubevirt-sign-off.js';

describe('sign-off on the real KubeVirt layout', () => {
  it('holds no real proposal under the default (only #307 lists participating SIGs, and none)', () => {
    const c = signOffCounts();
    expect(c.total).toBe(64);
    expect(c.listing).toEqual([307]);
    expect(c.malformed).toEqual([]);
    expect(c.participating).toEqual([]);
    expect(c.all).toHaveLength(64);
  });

  it('docs/vep-sig-label.md shows the generated table', () => {
    const doc = readFileSync('docs/vep-sig-label.md', 'utf8');
    const start = doc.indexOf(SIGN_OFF_TABLE_START);
    const end = doc.indexOf(SIGN_OFF_TABLE_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(doc.slice(start, end + SIGN_OFF_TABLE_END.length)).toBe(renderSignOffCounts());
  });
});
