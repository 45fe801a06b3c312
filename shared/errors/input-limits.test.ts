/**
 * Input caps (docs/reliability.md "Input limits"): over a cap, a parser refuses the input with a
 * GovernanceError naming the file (and the line where it can). Times are measured by
 * `npm run bench` (bench/parsers/), not here.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseGitdmAffiliations } from '../affiliations/gitdm.js';
import { parseAffiliationsYaml } from '../affiliations/yaml-map.js';
import { splitFrontMatter } from '../frontmatter/frontmatter.js';
import { parseOwnersAliases } from '../owners/aliases.js';
import { parseOwnersFile } from '../owners/owners-file.js';
import { markdownTableGroups } from '../owners-diversity/sources/markdown-table.js';
import { parseProjectsYaml } from '../projects/projects-file.js';
import { GovernanceError, parseYamlDocument, positionAt } from './governance-error.js';
import { INPUT_LIMITS, MAX_YAML_ALIASES, MAX_YAML_FLOW_DEPTH, MAX_YAML_INDENT } from './input-limits.js';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof GovernanceError) return error.describe();
    throw error;
  }
  throw new Error('expected a GovernanceError');
}

/** The line and column the old per-call scan computed: the reference for the indexed one. */
function scannedPosition(source: string, offset: number) {
  const end = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 0x0a || (ch === 0x0d && source.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

describe('positionAt', () => {
  it('agrees with a scan from the start for \\n, \\r\\n and lone \\r, at every offset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '\n', '\r', '\r\n', ' ')).map((parts) => parts.join('')),
        fc.integer({ min: -2, max: 60 }),
        (source, offset) => {
          expect(positionAt(source, offset)).toEqual(scannedPosition(source, offset));
        },
      ),
    );
  });
});

describe('size caps', () => {
  const over = (limit: number) => 'x'.repeat(limit + 1);
  it.each([
    ['OWNERS', () => parseOwnersFile(over(INPUT_LIMITS.owners), 'a/OWNERS'), 'a/OWNERS: an OWNERS file is'],
    [
      'OWNERS_ALIASES',
      () => parseOwnersAliases(over(INPUT_LIMITS.ownersAliases), 'OWNERS_ALIASES'),
      'OWNERS_ALIASES: an OWNERS_ALIASES file is',
    ],
    [
      'projects.yaml',
      () => parseProjectsYaml(over(INPUT_LIMITS.projectsYaml), 'reference/projects.yaml'),
      'reference/projects.yaml: a projects file is',
    ],
    [
      'an affiliation map',
      () => parseAffiliationsYaml(over(INPUT_LIMITS.affiliationsYaml), 'aff.yaml'),
      'aff.yaml: an affiliation map is',
    ],
    [
      'gitdm',
      () => parseGitdmAffiliations(over(INPUT_LIMITS.gitdm), 'developers_affiliations1.txt'),
      'developers_affiliations1.txt: a gitdm affiliations file is',
    ],
  ])('refuse %s over its cap, naming the file and the limit', (_name, parse, start) => {
    const described = refusal(parse);
    expect(described.startsWith(start)).toBe(true);
    expect(described).toMatch(/over the limit of [\d,]+ \(docs\/reliability\.md "Input limits"\)$/);
  });

  it('refuse a Markdown table file over its cap as an error of the source', () => {
    const set = markdownTableGroups({ path: 'WG.md' }, over(INPUT_LIMITS.markdownTable));
    expect(set.errors.map((e) => e.describe())).toEqual([
      expect.stringMatching(/^WG\.md: a Markdown file is [\d,]+ characters, over the limit/),
    ]);
  });

  it('refuse front matter longer than its cap, and read any body after a small one', () => {
    const long = `---\n${'k: v\n'.repeat(INPUT_LIMITS.frontMatter / 5 + 10)}---\nbody\n`;
    expect(refusal(() => splitFrontMatter(long, 'vep.md'))).toMatch(
      /^vep\.md:1:1: front matter is longer than 262,144 characters/,
    );
    const body = 'text\n'.repeat(INPUT_LIMITS.frontMatter);
    expect(splitFrontMatter(`---\na: 1\n---\n${body}`, 'vep.md').data).toEqual({ a: 1 });
  });
});

describe('YAML nesting and aliases', () => {
  it('refuses flow nesting deeper than the cap at the line it gets too deep, twice in one process', () => {
    const text = `approvers:\n  - ${'['.repeat(MAX_YAML_FLOW_DEPTH + 1)}x${']'.repeat(MAX_YAML_FLOW_DEPTH + 1)}\n`;
    for (let i = 0; i < 2; i++) {
      expect(refusal(() => parseOwnersFile(text, 'OWNERS'))).toMatch(
        /^OWNERS:2:\d+: YAML nested more than 64 brackets deep/,
      );
    }
    const deepest = `a: ${'['.repeat(MAX_YAML_FLOW_DEPTH)}${']'.repeat(MAX_YAML_FLOW_DEPTH)}\n`;
    expect(parseYamlDocument(deepest, 'f.yaml').errors).toEqual([]);
  });

  it('refuses block nesting (indentation, compact "- - -" included) wider than the cap', () => {
    const compact = `approvers:\n${'- '.repeat(MAX_YAML_INDENT / 2 + 1)}x\n`;
    expect(refusal(() => parseOwnersFile(compact, 'OWNERS'))).toMatch(
      /^OWNERS:2:1: YAML indented more than 256 columns/,
    );
    const front = `---\nowning-sig: x\nnested:\n${' '.repeat(MAX_YAML_INDENT + 1)}y: 1\n---\n`;
    expect(refusal(() => splitFrontMatter(front, 'vep.md'))).toMatch(/^vep\.md:4:1: YAML indented more/);
  });

  it('refuses more aliases than the cap, and aliases that multiply what is read', () => {
    const many = `a: &a x\nlist:\n${'  - *a\n'.repeat(MAX_YAML_ALIASES + 1)}`;
    expect(refusal(() => parseYamlDocument(many, 'f.yaml'))).toMatch(
      /^f\.yaml:\d+:\d+: more than 100 YAML aliases/,
    );
    // ten levels of ten references: 10^10 nodes from a few hundred characters
    const levels = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    expect(refusal(() => parseYamlDocument(levels.join('\n'), 'laughs.yaml'))).toMatch(
      /^laughs\.yaml: (more than 100 YAML aliases|YAML aliases repeat [\d,]+ nodes, over the limit)/,
    );
    const fewButWide = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 6; i++)
      fewButWide.push(
        `l${i}: &l${i} [*l${i - 1}, *l${i - 1}, *l${i - 1}, *l${i - 1}, *l${i - 1}, *l${i - 1}, *l${i - 1}, *l${i - 1}]`,
      );
    expect(refusal(() => parseYamlDocument(fewButWide.join('\n'), 'wide.yaml'))).toMatch(
      /^wide\.yaml: YAML aliases repeat [\d,]+ nodes, over the limit of 100,000/,
    );
  });

  it('still reports a repeated key at its line', () => {
    expect(refusal(() => parseOwnersFile('approvers: [a]\nreviewers: [b]\napprovers: [c]\n', 'OWNERS'))).toBe(
      'OWNERS:3:1: invalid YAML: Map keys must be unique',
    );
  });
});

describe('the shapes that were quadratic read as before', () => {
  it('a gitdm company line of "A", spaces and "B" is one company', () => {
    const table = parseGitdmAffiliations(
      `x: a\n\tA${' '.repeat(50_000)}B\n\tC from 2020-01-01 until 2021-01-01\n`,
      'g.txt',
    );
    expect(table.get('x')!.map((p) => [p.org.length, p.from, p.until])).toEqual([
      [50_002, undefined, undefined],
      [1, '2020-01-01', '2021-01-01'],
    ]);
  });

  it('a table cell of 100,000 "![" keeps its text; links and images still go', () => {
    const table = (company: string) =>
      `| Name | Company | Groups |\n|---|---|---|\n| [A](https://github.com/ann) | ${company} | G |\n`;
    const opened = markdownTableGroups({ path: 'WG.md' }, table('!['.repeat(100_000)));
    expect(opened.groups[0]!.members[0]!.company).toBe('!['.repeat(100_000));
    const linked = markdownTableGroups(
      { path: 'WG.md' },
      table('![logo](x.png) [Acme](https://acme.example) <b>Inc</b>'),
    );
    expect(linked.groups[0]!.members[0]!.company).toBe('Acme Inc');
  });
});
