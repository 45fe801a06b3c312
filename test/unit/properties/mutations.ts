/**
 * Near-valid input for property tests: a window of a real fixture with a few edits that people
 * (and attackers) actually make — a file cut short, a character inserted, an indentation changed,
 * lines swapped or repeated, a value replaced by something of another type. Random strings alone
 * rarely get past a parser's first line; these reach the code that reads the structure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@jest/globals';
import fc from 'fast-check';
import { GovernanceError } from '../../../shared/errors/governance-error.js';
import { binaryString } from './binary-unit.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** Characters and tokens that mean something to YAML, Markdown or the parsers, plus invisible ones. */
export const HOSTILE_FRAGMENTS = [
  '\n',
  '\r\n',
  '\r',
  ' ',
  '  ',
  '\t',
  ':',
  ': ',
  '- ',
  '-',
  '#',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!!str ',
  '!!map ',
  '!foo ',
  '|',
  '>',
  '? ',
  '---',
  '...',
  '%YAML 1.2',
  '<<: ',
  '\\',
  '`',
  '```',
  '<!--',
  '-->',
  '](https://github.com/x)',
  '&nbsp;',
  '@',
  'null',
  '~',
  '0',
  '-1',
  '1e400',
  '2024-02-30',
  '__proto__',
  'constructor',
  'from 2020-01-01',
  'until 2019-01-01',
  '\u200B',
  '\uFEFF',
  '\u202E',
  '\u0000',
  '\uD800',
  'é',
  '𝒜',
] as const;

/** Values of other types to put where a scalar was. */
const ODD_VALUES = [
  '',
  'null',
  '~',
  '[]',
  '{}',
  '[a, [b]]',
  '{a: 1}',
  '1e400',
  '-1',
  'true',
  '*x',
  '&x',
  '"open',
  "'",
  '|',
  '>-',
  '!!binary AAAA',
  '2024-13-45',
];

const INDENTS = ['', ' ', '  ', '   ', '    ', '\t', '\t  ', '          '];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'reindent'; line: number; indent: string }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'value'; line: number; value: string };

const position = fc.nat({ max: 1_000_000 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  position.map((at) => ({ kind: 'truncate' as const, at })),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(fc.constantFrom(...HOSTILE_FRAGMENTS), binaryString({ maxLength: 4 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('reindent' as const), line: position, indent: fc.constantFrom(...INDENTS) }),
  fc.record({ kind: fc.constant('swap' as const), a: position, b: position }),
  fc.record({ kind: fc.constant('duplicate' as const), line: position }),
  fc.record({ kind: fc.constant('value' as const), line: position, value: fc.constantFrom(...ODD_VALUES) }),
);

function apply(text: string, m: Mutation): string {
  const at = (n: number) => n % (text.length + 1);
  const lines = text.split('\n');
  const lineAt = (n: number) => n % lines.length;
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'insert':
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case 'delete':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case 'reindent': {
      const i = lineAt(m.line);
      lines[i] = m.indent + lines[i].trimStart();
      return lines.join('\n');
    }
    case 'swap': {
      const a = lineAt(m.a);
      const b = lineAt(m.b);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'duplicate': {
      const i = lineAt(m.line);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'value': {
      const i = lineAt(m.line);
      // the value after the first `: ` (or the item after `- `), else the whole line's content
      const replaced = lines[i].replace(/(:\s+|-\s+)(.*)$/, `$1${m.value}`);
      lines[i] = replaced !== lines[i] ? replaced : lines[i].replace(/\S.*$/, m.value);
      return lines.join('\n');
    }
  }
}

/** A window of `maxLines` consecutive lines of `text` (the whole text when it is short). */
function windowOf(text: string, maxLines: number): fc.Arbitrary<string> {
  const lines = text.split('\n');
  if (lines.length <= maxLines) return fc.constant(text);
  return fc
    .tuple(fc.nat({ max: lines.length - 1 }), fc.integer({ min: 1, max: maxLines }))
    .map(([start, length]) => lines.slice(start, start + length).join('\n'));
}

/**
 * Mutations of the given real texts: a window of at most `maxLines` lines (the start of the file
 * more often than not, so the top-level structure is there) with one to four edits.
 */
export function nearValid(texts: readonly string[], maxLines = 60): fc.Arbitrary<string> {
  const base = fc.oneof(
    ...texts.map((text) =>
      fc.oneof(
        { arbitrary: windowOf(text.split('\n').slice(0, maxLines).join('\n'), maxLines), weight: 2 },
        { arbitrary: windowOf(text, maxLines), weight: 1 },
      ),
    ),
  );
  return fc
    .tuple(base, fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([text, edits]) => edits.reduce(apply, text));
}

/** Arbitrary text built from the hostile fragments and the given words of the format. */
export function tokenSoup(words: readonly string[], maxParts = 40): fc.Arbitrary<string> {
  return fc.oneof(
    binaryString({ maxLength: 200 }),
    fc
      .array(fc.constantFrom(...HOSTILE_FRAGMENTS, ...words), { maxLength: maxParts })
      .map((parts) => parts.join('')),
  );
}

export interface ErrorExpectation {
  file: string;
  /** the error must carry a 1-based line within the text */
  line?: boolean;
  /** the error must carry a key path */
  keyPath?: boolean;
}

/** Asserts that `error` is bad-input reporting: a GovernanceError at `file` (and a line). */
export function expectGovernanceError(error: unknown, text: string, expected: ErrorExpectation): void {
  if (!(error instanceof GovernanceError)) throw error;
  expect(error.location?.file).toBe(expected.file);
  if (expected.line) {
    const line = error.location?.line;
    expect(Number.isInteger(line)).toBe(true);
    expect(line).toBeGreaterThanOrEqual(1);
    expect(line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length);
  }
  if (expected.keyPath) expect(error.location?.keyPath).toBeTruthy();
  expect(error.describe().length).toBeGreaterThan(0);
}

/** Runs `parse`; a thrown error must be a GovernanceError as `expected` says. Returns the result or undefined. */
export function parseOrExpectError<T>(
  parse: () => T,
  text: string,
  expected: ErrorExpectation,
): T | undefined {
  try {
    return parse();
  } catch (error) {
    expectGovernanceError(error, text, expected);
    return undefined;
  }
}

/** The numbers of runs: a few hundred each, as the suite runs on every `npm test`. */
export const RUNS = 300;
