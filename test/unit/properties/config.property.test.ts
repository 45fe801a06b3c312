/**
 * parseConfigText never throws anything but a GovernanceError naming the file and a line inside
 * it, whatever the text: mutations of the documented example, YAML-ish token soup, and arbitrary
 * JSON values (alone, or put at any place of the example) dumped as YAML. A text it accepts also
 * merges into an effective config without an exception.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { buildConfig } from '../../../shared/config/load.js';
import { parseConfigText } from '../../../shared/config/parse.js';
import { GovernanceError } from '../../../shared/errors/governance-error.js';
import { expectGovernanceError, nearValid, parseOrExpectError, RUNS, tokenSoup } from './mutations.js';

const FILE = '.github/governance.yml';
const DOCS = fileURLToPath(new URL('../../../docs/config.md', import.meta.url));

/** The full example of docs/config.md: the fenced YAML block that starts with `version: 1`. */
const EXAMPLE = /```yaml\n(version: 1\n[\s\S]*?)```/.exec(readFileSync(DOCS, 'utf8'))![1];
const EXAMPLE_VALUE = parseConfigText(EXAMPLE, FILE);

const CONFIG_WORDS = [
  'version: 1',
  'lazy-consensus:',
  'vep:',
  'dpl:',
  'owners-diversity:',
  'calendar:',
  'notice:',
  'low: 72h',
  '5 business days',
  'timezone: Europe/Berlin',
  'holidays: [2026-12-25]',
  'rules:',
  'groups: "**"',
  'max-org-share: 1/3',
  'kind: owners',
  'sources:',
  'trigger-label: x',
  'who-can-object: {users: [a]}',
  '(a+)+$',
];

function check(text: string): void {
  const partial = parseOrExpectError(() => parseConfigText(text, FILE), text, {
    file: FILE,
    line: true,
  });
  if (partial !== undefined) {
    expect(typeof partial).toBe('object');
    // a file that parses may still mean something impossible (a cycle no tag can name):
    // the meaning checks refuse it with its location, never with a bare exception
    parseOrExpectError(() => buildConfig([{ name: FILE, text }]), text, { file: FILE, line: true });
  }
}

/** Every path to a value in `value` (keys and indexes). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<
    string | number,
    unknown
  >;
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), value);
  return copy;
}

const EXAMPLE_PATHS = paths(EXAMPLE_VALUE);

describe('parseConfigText (property)', () => {
  it('accepts the documented example as it is', () => {
    expect(EXAMPLE_VALUE).toHaveProperty('version', 1);
  });

  it('mutations of the documented example: a config or a GovernanceError with file and line', () => {
    fc.assert(fc.property(nearValid([EXAMPLE], 200), check), { numRuns: RUNS });
  });

  it('YAML-ish token soup: a config or a GovernanceError with file and line', () => {
    fc.assert(fc.property(tokenSoup(CONFIG_WORDS), check), { numRuns: RUNS });
  });

  it('arbitrary JSON values dumped as YAML: a config or a GovernanceError with file and line', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => check(stringify(value))),
      { numRuns: RUNS },
    );
  });

  it('an arbitrary JSON value at any place of the example: rejected at a line, with a key path', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLE_PATHS.filter((p) => p.length > 0)),
        fc.jsonValue({ maxDepth: 3 }),
        (path, value) => {
          const text = stringify(setAt(EXAMPLE_VALUE, path, value));
          try {
            parseConfigText(text, FILE);
          } catch (error) {
            expectGovernanceError(error, text, { file: FILE, line: true, keyPath: true });
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('parseConfigText: counterexamples found by the properties', () => {
  const describeError = (text: string) => {
    try {
      parseConfigText(text, FILE);
    } catch (error) {
      expect(error).toBeInstanceOf(GovernanceError);
      return (error as GovernanceError).describe();
    }
    throw new Error('expected a GovernanceError');
  };

  it('an alias without its anchor is a YAML error at the alias (was a ReferenceError)', () => {
    expect(describeError('version: *x\n')).toBe(
      `${FILE}:1:10: invalid YAML: Unresolved alias (the anchor must be set before the alias): x`,
    );
  });

  it('an alias bomb is a YAML error, not an exhausted process', () => {
    const bomb = [
      'a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(describeError(bomb)).toMatch(
      /^\.github\/governance\.yml:2:\d+: invalid YAML: Excessive alias count/,
    );
  });
});

describe("GitHub's 50-character label limit", () => {
  const fifty = 't'.repeat(50);
  const sigFor = (labelLength: number) => `sig-${'n'.repeat(labelLength - 'sig/'.length)}`;
  const describeError = (text: string) => {
    try {
      parseConfigText(text, FILE);
    } catch (error) {
      return (error as GovernanceError).describe();
    }
    return 'accepted';
  };

  it('accepts labels of 50 characters: a trigger label, and a SIG whose label has 50', () => {
    expect(describeError(`lazy-consensus:\n  trigger-label: ${fifty}\nvep:\n  sigs: [${sigFor(50)}]\n`)).toBe(
      'accepted',
    );
  });

  it('rejects a 51-character trigger label at its key path', () => {
    expect(describeError(`lazy-consensus:\n  trigger-label: ${fifty}x\n`)).toBe(
      `${FILE}:2:18: lazy-consensus.trigger-label: must NOT have more than 50 characters`,
    );
  });

  it('rejects a SIG whose label would have 51 characters, at the SIG (the template alone cannot say)', () => {
    expect(
      describeError(`vep:\n  sig-label: "sig/{name}"\n  sigs:\n    - sig-a\n    - ${sigFor(51)}\n`),
    ).toBe(
      `${FILE}:5:7: vep.sigs[1]: the SIG label "sig/${'n'.repeat(47)}" has 51 characters; GitHub allows at most 50`,
    );
  });
});
