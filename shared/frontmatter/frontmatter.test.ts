import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GovernanceError } from '../errors/governance-error.js';
import { splitFrontMatter } from './frontmatter.js';

const VEP_307 = fileURLToPath(
  new URL(
    '../../test/fixtures/kubevirt-enhancements/veps/sig-network/307-vhostuser-binding-plugin/vep.md',
    import.meta.url,
  ),
);

function errorOf(text: string): GovernanceError {
  try {
    splitFrontMatter(text, 'vep.md');
  } catch (error) {
    if (error instanceof GovernanceError) return error;
    throw error;
  }
  throw new Error('expected a GovernanceError');
}

describe('splitFrontMatter', () => {
  it('reads meta-VEP 282 style front matter and where the body starts', () => {
    const text =
      '---\nowning-sig: sig-network\nstatus: deferred\nreviewers:\n  - "@alicefr"\n---\n\n# VEP #307: Title\n';
    expect(splitFrontMatter(text, 'vep.md')).toEqual({
      data: { 'owning-sig': 'sig-network', status: 'deferred', reviewers: ['@alicefr'] },
      body: '\n# VEP #307: Title\n',
      bodyStartLine: 7,
    });
  });

  it.each([
    ['no front matter', '# VEP #1: Title\n\nText'],
    ['a thematic break later in the file', '# Title\n\n---\n\nmore\n---\n'],
    ['an indented delimiter', ' ---\na: 1\n---\n'],
    ['a longer delimiter', '----\na: 1\n----\n'],
    ['an empty file', ''],
  ])('returns no data for %s', (_name, text) => {
    expect(splitFrontMatter(text, 'vep.md')).toEqual({ data: null, body: text, bodyStartLine: 1 });
  });

  it.each([
    ['CRLF line ends', '---\r\na: 1\r\n---\r\nbody\r\n', { a: 1 }, 'body\r\n', 4],
    ['a BOM before the opening line', '\uFEFF---\na: x\n---\nbody', { a: 'x' }, 'body', 4],
    ['a closing "..." line', '---\na: 1\n...\nbody', { a: 1 }, 'body', 4],
    ['trailing spaces on the delimiters', '---  \na: 1\n--- \nbody', { a: 1 }, 'body', 4],
    ['an empty block', '---\n---\nbody', {}, 'body', 3],
    ['a block of comments only', '---\n# nothing yet\n---\n', {}, '', 4],
    ['a closing line at the end of the file', '---\na: 1\n---', { a: 1 }, '', 4],
    [
      'dates kept as strings',
      '---\ncreation-date: 2024-05-22\n---\n',
      { 'creation-date': '2024-05-22' },
      '',
      4,
    ],
  ])('handles %s', (_name, text, data, body, bodyStartLine) => {
    expect(splitFrontMatter(text, 'vep.md')).toEqual({ data, body, bodyStartLine });
  });

  it('reads the real VEP #307', () => {
    const text = readFileSync(VEP_307, 'utf8');
    const { data, body, bodyStartLine } = splitFrontMatter(
      text,
      'veps/sig-network/307-vhostuser-binding-plugin/vep.md',
    );
    expect(data).toMatchObject({
      title: 'Network Binding Plugin for vhostuser Interfaces',
      'vep-number': 307,
      'creation-date': '2024-05-22',
      status: 'deferred',
      authors: ['@bgaussen'],
      'owning-sig': 'sig-network',
      'participating-sigs': [],
      reviewers: ['@alicefr', '@ormergi'],
      approvers: ['@EdDev'],
      milestone: { alpha: 'TBD' },
    });
    expect(bodyStartLine).toBe(27);
    expect(text.split('\n')[bodyStartLine + 0]).toBe(
      '# VEP #307: Network Binding Plugin for vhostuser Interfaces',
    );
    expect(body.startsWith('\n# VEP #307')).toBe(true);
  });

  it.each([
    ['a YAML syntax error', '---\ntitle: ok\nreviewers: [a\nstatus: x\n---\n', 'vep.md:4:'],
    ['a bad indentation', '---\na: 1\n  b: 2\n---\n', 'vep.md:2:4: invalid YAML'],
    [
      'a duplicate key',
      '---\nstatus: a\nstatus: b\n---\n',
      'vep.md:3:1: invalid YAML: Map keys must be unique',
    ],
    [
      'a list instead of a mapping',
      '---\n- a\n- b\n---\n',
      'vep.md:2:1: front matter must be a YAML mapping',
    ],
    [
      'a scalar instead of a mapping',
      '---\njust text\n---\n',
      'vep.md:2:1: front matter must be a YAML mapping',
    ],
    [
      'a block that is never closed',
      '---\na: 1\n\n# Title\n',
      'vep.md:1:1: front matter opened with "---" is never closed',
    ],
    ['an error after CRLF lines', '---\r\na: 1\r\nb: [\r\n---\r\n', 'vep.md:4:'],
  ])('reports %s at its line in the original file', (_name, text, described) => {
    expect(errorOf(text).describe()).toContain(described);
  });

  it('refuses a billion-laughs alias bomb', () => {
    const bomb = [
      '---',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '---',
    ].join('\n');
    expect(errorOf(bomb)).toBeInstanceOf(GovernanceError);
  });
});

describe('properties', () => {
  const fragments = fc.constantFrom(
    '---',
    '...',
    '\n',
    '\r\n',
    'a: 1',
    'b:',
    ' ',
    '- x',
    '[',
    ']',
    '{',
    '#',
    '&a ',
    '*a',
    '\uFEFF',
    ':',
    '"',
    '\t',
  );
  const texts = fc.oneof(
    fc.string({ maxLength: 120 }),
    fc.array(fragments, { maxLength: 30 }).map((parts) => parts.join('')),
    fc.array(fragments, { maxLength: 30 }).map((parts) => '---\n' + parts.join('')),
  );

  it('any text splits or throws a GovernanceError; the body is always a suffix of the text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        try {
          const { data, body, bodyStartLine } = splitFrontMatter(text, 'vep.md');
          expect(text.endsWith(body)).toBe(true);
          expect(bodyStartLine).toBeGreaterThanOrEqual(1);
          if (data === null) expect(body).toBe(text);
          else expect(typeof data).toBe('object');
        } catch (error) {
          expect(error).toBeInstanceOf(GovernanceError);
          expect((error as GovernanceError).location?.file).toBe('vep.md');
        }
      }),
      { numRuns: 400 },
    );
  });
});
