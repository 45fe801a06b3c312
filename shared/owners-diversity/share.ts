/**
 * Shares as exact fractions: "at most one third from one company" must not fail a group where
 * 2 of 6 are from one company because 2/6 = 0.33333 > 0.33333 in floating point.
 */
export interface Fraction {
  num: bigint;
  den: bigint;
}

/** `1/3`, `0.33`, `1`, or a number from YAML; throws for anything else or outside [0, 1]. */
export function parseShare(value: number | string): Fraction {
  const text = String(value).trim();
  const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  let result: Fraction;
  if (ratio) {
    result = { num: BigInt(ratio[1]), den: BigInt(ratio[2]) };
    if (result.den === 0n) throw new Error(`share ${text}: the denominator is 0`);
  } else {
    const decimal = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (!decimal) throw new Error(`share ${text} is not a fraction (1/3) or a number (0.33)`);
    const digits = decimal[2] ?? '';
    result = { num: BigInt(decimal[1] + digits), den: 10n ** BigInt(digits.length) };
  }
  if (result.num > result.den) throw new Error(`share ${text} is above 1`);
  return result;
}

export function fraction(num: number, den: number): Fraction {
  return { num: BigInt(num), den: BigInt(den) };
}

/** -1, 0 or 1 as a < b, a = b, a > b. */
export function compareFractions(a: Fraction, b: Fraction): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function formatFraction(f: Fraction): string {
  return `${f.num}/${f.den}`;
}

/** A share as a percentage with no more precision than it has: 33%, 50%, 66.7%. */
export function formatPercent(f: Fraction): string {
  if (f.den === 0n) return '0%';
  // rounded to a tenth of a percent: 2/13 is 15.4%, 1/6 is 16.7%
  const tenths = Number((f.num * 2000n + f.den) / (2n * f.den)) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)}%`;
}
