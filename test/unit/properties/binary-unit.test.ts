/**
 * binaryUnit generates and shrinks exactly as fast-check's own `unit: 'binary'` (binary-unit.ts):
 * the property tests that switched to it test the same inputs as before.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { binaryString, binaryUnit } from './binary-unit.js';

const SEEDS = [1, 42, 2024, -7, 123456789];

describe('binaryUnit', () => {
  it('generates the same strings as unit: binary, seed by seed', () => {
    for (const constraints of [{ maxLength: 4 }, { maxLength: 200 }, {}]) {
      const ours = binaryString(constraints);
      const theirs = fc.string({ ...constraints, unit: 'binary' });
      for (const seed of SEEDS)
        expect(fc.sample(ours, { seed, numRuns: 200 })).toEqual(fc.sample(theirs, { seed, numRuns: 200 }));
    }
  });

  it('shrinks to the same counterexample', () => {
    const failing = (s: string) => !/[\u0080-\u{10FFFF}]/u.test(s) || s.length < 3;
    for (const seed of SEEDS) {
      const ours = fc.check(fc.property(binaryString({ maxLength: 50 }), failing), { seed });
      const theirs = fc.check(fc.property(fc.string({ maxLength: 50, unit: 'binary' }), failing), { seed });
      expect(ours.failed).toBe(true);
      expect(ours.counterexample).toEqual(theirs.counterexample);
      expect(ours.numShrinks).toBe(theirs.numShrinks);
    }
  });

  it('reads back one character of any plane, and nothing else', () => {
    for (const ch of ['a', '\u0000', '\uD7FF', '\uE000', 'é', '𝒜', '\u{10FFFF}'])
      expect(binaryUnit.canShrinkWithoutContext(ch)).toBe(true);
    for (const v of ['', 'ab', '\uD800', '\uDFFF', '𝒜a', 1, null])
      expect(binaryUnit.canShrinkWithoutContext(v)).toBe(false);
  });
});
