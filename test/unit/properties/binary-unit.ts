/**
 * `fc.string({ unit: 'binary' })` without its start-up cost. fast-check builds that unit with
 * `mapToConstant` over every code point but the surrogates, and the first time `fc.string` asks
 * whether its "dangerous strings" (`__proto__`, ...) can be built from the unit, it fills a Map of
 * all 1,112,064 characters (about a second, in every test file: jest gives each file its own
 * fast-check). This unit draws the same index from the same `nat` and maps it to the same
 * character, so it generates and shrinks exactly as `unit: 'binary'` does (binary-unit.test.ts
 * compares them seed by seed); only the reverse mapping is arithmetic instead of a Map.
 */
import fc from 'fast-check';

const SURROGATES_START = 0xd800;
const SURROGATES_COUNT = 0x800;
/** the code points of fast-check's full alphabet: [0, 0xD7FF] and [0xE000, 0x10FFFF] */
const CHOICES = 0x110000 - SURROGATES_COUNT;

function toChar(index: number): string {
  return String.fromCodePoint(index < SURROGATES_START ? index : index + SURROGATES_COUNT);
}

function toIndex(value: unknown): number {
  if (typeof value !== 'string') throw new Error('not a string');
  const code = value.codePointAt(0);
  if (code === undefined || String.fromCodePoint(code) !== value) throw new Error('not one character');
  if (code >= SURROGATES_START && code < SURROGATES_START + SURROGATES_COUNT)
    throw new Error('a lone surrogate');
  return code < SURROGATES_START ? code : code - SURROGATES_COUNT;
}

/** One character of any plane, surrogates excepted: fast-check's `binary` string unit. */
export const binaryUnit: fc.Arbitrary<string> = fc.nat({ max: CHOICES - 1 }).map(toChar, toIndex);

/** `fc.string({ ...constraints, unit: 'binary' })`, as cheap to set up as any other string. */
export function binaryString(constraints: Omit<fc.StringConstraints, 'unit'> = {}): fc.Arbitrary<string> {
  return fc.string({ ...constraints, unit: binaryUnit });
}
