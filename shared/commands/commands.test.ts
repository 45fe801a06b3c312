import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GovernanceError } from '../errors/governance-error.js';
import { firstLine, parseCommands, removeInvisibleCharacters } from './commands.js';
import { binaryString } from '../../test/unit/properties/binary-unit.js';

const NAMES = ['/lazy-consensus', '/object', '/withdraw', '-1', '+1', '/keep-dpl', '/sig'];

/** `[name, args, line]` triples, for compact expectations. */
function found(body: string, names = NAMES): [string, string, number][] {
  return parseCommands(body, names).map((c) => [c.name, c.args, c.line]);
}

describe('parseCommands: where a command counts', () => {
  it.each<[string, string, [string, string, number][]]>([
    ['a bare command', '/object', [['/object', '', 1]]],
    [
      'arguments to the end of the line, trimmed',
      '/object   too risky right now  ',
      [['/object', 'too risky right now', 1]],
    ],
    ['a tab before the arguments', '/lazy-consensus\thigh', [['/lazy-consensus', 'high', 1]]],
    ['any case, reported with the configured spelling', '/OBJECT No', [['/object', 'No', 1]]],
    ['up to three leading spaces', '   /withdraw', [['/withdraw', '', 1]]],
    [
      'several commands with their lines',
      'Thanks!\n\n/object a\nmore text\n/withdraw',
      [
        ['/object', 'a', 3],
        ['/withdraw', '', 5],
      ],
    ],
    ['inside a paragraph, at a line start', 'I think\n/object because\nof this', [['/object', 'because', 2]]],
    [
      'CRLF and CR line ends',
      'x\r\n/object a\r/withdraw b\r\n',
      [
        ['/object', 'a', 2],
        ['/withdraw', 'b', 3],
      ],
    ],
    [
      '-1 and +1 votes',
      '-1\n+1 changed my mind',
      [
        ['-1', '', 1],
        ['+1', 'changed my mind', 2],
      ],
    ],
    [
      '/keep-dpl and /sig',
      '/keep-dpl\n/sig network',
      [
        ['/keep-dpl', '', 1],
        ['/sig', 'network', 2],
      ],
    ],
    ['after a closed fence', '```\n/object\n```\n/withdraw', [['/withdraw', '', 4]]],
    ['after a closed HTML comment', '<!--\n/object\n-->\n/withdraw', [['/withdraw', '', 4]]],
    ['after an empty comment <!-->', '<!-->\n/object', [['/object', '', 2]]],
    ['after a quote and a blank line', '> /object\n\n/withdraw', [['/withdraw', '', 3]]],
    ['after a quote ended by a heading', '> quoted text\n# Heading\n/object', [['/object', '', 3]]],
    ['a list item after a quote', '> quoted\n- item\n/object', [['/object', '', 3]]],
    ['after an indented code block', 'text\n\n    code\n/object', [['/object', '', 4]]],
    ['inline code with <!-- does not open a comment', 'use `<!--` here\n/object', [['/object', '', 2]]],
    ['an argument is cut at an HTML comment', '/object visible <!-- hidden -->', [['/object', 'visible', 1]]],
    [
      'after a nested fence with a longer closing run',
      '````md\n```\n/object\n```\n`````\n/withdraw',
      [['/withdraw', '', 6]],
    ],
  ])('%s', (_name, body, expected) => {
    expect(found(body)).toEqual(expected);
  });

  it.each([
    ['four spaces of indentation', '    /object'],
    ['a tab before the name', '\t/object'],
    ['not at a line start', 'please /object'],
    ['a longer word that starts with the name', '/objection\n/objects'],
    ['a name glued to other text', '/object: no\n-10\n+1s'],
    ['in a list item', '- /object'],
    ['in a heading', '# /object'],
    ['in a backtick fence', '```\n/object\n```'],
    ['in a fence with an info string', '```yaml title="x"\n/object\n```'],
    ['in a tilde fence', '~~~\n/object\n~~~'],
    ['in an indented fence', '  ```\n/object\n  ```'],
    ['in an unclosed fence', 'text\n```\n/object\n/withdraw'],
    ['in a fence whose closing run is too short', '````\n/object\n```\n/withdraw'],
    ['in a backtick fence not closed by tildes', '```\n~~~\n/object'],
    ['in a fence closed only by a line with text after the run', '```\n/object\n``` not a close\n/withdraw'],
    ['in an indented code block', 'text\n\n    /object'],
    ['in a block quote', '> /object'],
    ['in a nested block quote', '> > /object'],
    ['in a quote lazy continuation', '> I said\n/object'],
    ['in a quote with leading spaces', '  > /object'],
    ['in a single-line HTML comment', '<!-- /object -->'],
    ['in a multi-line HTML comment', '<!--\n/object\n-->'],
    ['in an inline comment that spans lines', 'text <!-- start\n/object\nend -->'],
    ['in an unclosed HTML comment', '<!-- template\n/object\n/withdraw'],
    ['after a comment that closes on the same line', '<!-- x --> /object'],
    ['when the name is only similar', '/obj\n/lazy\n/lazy_consensus'],
  ])('not %s', (_name, body) => {
    expect(found(body)).toEqual([]);
  });

  it('keeps a fence open inside an HTML comment and a comment inside a fence literal', () => {
    expect(found('```\n<!--\n```\n/object')).toEqual([['/object', '', 4]]);
    expect(found('<!--\n```\n-->\n/object')).toEqual([['/object', '', 4]]);
  });

  it('returns nothing for an empty or missing body (GitHub sends null for an empty body)', () => {
    expect(parseCommands(null, NAMES)).toEqual([]);
    expect(parseCommands(undefined, NAMES)).toEqual([]);
    expect(parseCommands('', NAMES)).toEqual([]);
  });

  it('finds only the names asked for', () => {
    expect(found('/object\n/withdraw', ['/withdraw'])).toEqual([['/withdraw', '', 2]]);
  });

  it('rejects names that cannot match a word', () => {
    expect(() => parseCommands('x', [''])).toThrow(GovernanceError);
    expect(() => parseCommands('x', ['/keep dpl'])).toThrow(GovernanceError);
    expect(() => parseCommands('x', ['/ob\u200Bject'])).toThrow(GovernanceError);
  });
});

describe('parseCommands: invisible characters', () => {
  it.each([
    ['a zero-width space inside the name', '/ob\u200Bject now', [['/object', 'now', 1]]],
    ['a zero-width joiner glued after the name', '/object\u200D', [['/object', '', 1]]],
    ['a BOM and a right-to-left override before it', '\uFEFF\u202E/object', [['/object', '', 1]]],
    ['bidi isolates around the name', '\u2066/withdraw\u2069 ok', [['/withdraw', 'ok', 1]]],
    ['a soft hyphen inside the name', '/lazy-con\u00ADsensus high', [['/lazy-consensus', 'high', 1]]],
  ] as [string, string, [string, string, number][]][])('%s', (_name, body, expected) => {
    expect(found(body)).toEqual(expected);
  });

  it('does not let a zero-width character turn a longer word into a command', () => {
    // "/object\u200Bion" is "/objection" once cleaned: not the /object command.
    expect(found('/object\u200Bion')).toEqual([]);
  });

  it('removeInvisibleCharacters keeps line breaks and visible text', () => {
    expect(removeInvisibleCharacters('a\u200B\nb\u202Ec')).toBe('a\nbc');
  });
});

describe('firstLine', () => {
  it.each([
    ['-1', '-1'],
    ['\n\n   -1 I disagree  \nmore', '-1 I disagree'],
    ['\u200B\n\uFEFF+1\r\nrest', '+1'],
    ['   \n\t\n', ''],
    [null, ''],
  ])('firstLine(%j) is %j', (body, expected) => {
    expect(firstLine(body)).toBe(expected);
  });
});

describe('parseCommands: size', () => {
  // the shapes that once made a command parser slow; their time is measured by `npm run bench`
  // (bench/parsers/cases.ts, "commands"), not asserted here
  const hostileBodies: [string, string, number][] = [
    ['many unclosed backtick runs on one line', '`a ``b '.repeat(9000), 0],
    ['many comment openers', '<!--'.repeat(16_000), 0],
    ['many alternating comments', '<!-- x -->'.repeat(6500), 0],
    ['many short lines', '/object x\n'.repeat(6500), 6500],
    ['many quote lines', '> /object\n'.repeat(6500), 0],
    ['many fence lines', '```\n'.repeat(16_000), 0],
    ['spaces without end', ' '.repeat(65_536), 0],
  ];

  it.each(hostileBodies)('parses %s (up to 65,536 chars): %#', (_name, body, commands) => {
    expect(parseCommands(body.slice(0, 65_536), NAMES)).toHaveLength(commands);
  });

  it('finds every command in a long comment', () => {
    expect(parseCommands('/object x\n'.repeat(6000), NAMES)).toHaveLength(6000);
  });
});

describe('properties', () => {
  const fragments = fc.constantFrom(
    '/object',
    '/withdraw',
    '-1',
    '+1',
    ' ',
    '    ',
    '\t',
    '\n',
    '\r\n',
    '>',
    '```',
    '~~~',
    '`',
    '<!--',
    '-->',
    'text',
    '#',
    '- ',
    '\u200B',
    '\u202E',
    'é',
    '\u0000',
  );
  const bodies = fc.oneof(
    binaryString({ maxLength: 200 }),
    fc.array(fragments, { maxLength: 30 }).map((parts) => parts.join('')),
  );

  it('any body yields well-formed commands or a GovernanceError, never another exception', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        try {
          const lineCount = body.split(/\r\n|\r|\n/).length;
          for (const command of parseCommands(body, NAMES)) {
            expect(NAMES).toContain(command.name);
            expect(command.line).toBeGreaterThanOrEqual(1);
            expect(command.line).toBeLessThanOrEqual(lineCount);
            expect(command.args).toBe(command.args.trim());
          }
        } catch (error) {
          expect(error).toBeInstanceOf(GovernanceError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a command wrapped in a fence never counts', () => {
    fc.assert(
      fc.property(bodies, (inner) => {
        const body = '```\n' + inner.replace(/`/g, '') + '\n```';
        expect(parseCommands(body, NAMES)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
