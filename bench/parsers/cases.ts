/**
 * Inputs for the parser benchmark: for each format a parser reads, a realistic 10 MB file and the
 * adversarial shapes that made a parser quadratic or crash (docs/reliability.md "Input limits"),
 * plus smaller sizes of the same shape so the growth can be read (linear: time doubles with size).
 * Each case builds its text and parses it with the real parser, as the actions do.
 */
import { parseOwnersAliases } from '../../shared/owners/aliases.js';
import { parseOwnersFile } from '../../shared/owners/owners-file.js';
import { parseGitdmAffiliations } from '../../shared/affiliations/gitdm.js';
import { parseAffiliationsYaml } from '../../shared/affiliations/yaml-map.js';
import { splitFrontMatter } from '../../shared/frontmatter/frontmatter.js';
import { parseProjectsYaml } from '../../shared/projects/projects-file.js';
import { markdownTableGroups } from '../../shared/owners-diversity/sources/markdown-table.js';
import { parseCommands } from '../../shared/commands/commands.js';
import { parseDuration } from '../../shared/calendar/duration.js';

/** every command the actions read */
const COMMANDS = ['/lazy-consensus', '/object', '/withdraw', '-1', '+1', '/keep-dpl', '/sig', '/approve'];

export const MB = 1_000_000;

export interface ParserCase {
  /** `format/shape@size`, unique */
  id: string;
  format: string;
  shape: string;
  build: () => string;
  /** parses; throws a GovernanceError for input the parser refuses */
  parse: (text: string) => unknown;
}

/** Repeats `unit(i)` until the text reaches `bytes` characters. */
function fill(bytes: number, head: string, unit: (i: number) => string, tail = ''): string {
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const u = unit(i);
    parts.push(u);
    size += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** A comment made of `unit` repeated, parsed for the commands the actions read. */
function commandShape(unit: (i: number) => string) {
  return {
    format: 'commands',
    parse: (t: string) => parseCommands(t, COMMANDS),
    build: (n: number) => fill(n, '', unit),
  };
}

const login = (i: number) => `user${i.toString(36).padStart(6, '0')}`;

const SHAPES: Record<
  string,
  { format: string; parse: (t: string) => unknown; build: (bytes: number) => string }
> = {
  'owners/approvers': {
    format: 'OWNERS',
    parse: (t) => parseOwnersFile(t, 'OWNERS'),
    build: (n) => fill(n, 'approvers:\n', (i) => `  - ${login(i)}\n`),
  },
  'owners/filters': {
    format: 'OWNERS',
    parse: (t) => parseOwnersFile(t, 'OWNERS'),
    build: (n) => fill(n, 'filters:\n', (i) => `  "\\\\.ext${i}$":\n    approvers: [${login(i)}]\n`),
  },
  'owners/deep-flow': {
    format: 'OWNERS',
    parse: (t) => parseOwnersFile(t, 'OWNERS'),
    build: (n) => `approvers: ${'['.repeat(n / 2 - 8)}${']'.repeat(n / 2 - 8)}\n`,
  },
  'owners/deep-block': {
    format: 'OWNERS',
    parse: (t) => parseOwnersFile(t, 'OWNERS'),
    build: (n) => `approvers:\n  ${'- '.repeat(n / 2 - 8)}x\n`,
  },
  'owners/yaml-aliases': {
    format: 'OWNERS',
    parse: (t) => parseOwnersFile(t, 'OWNERS'),
    build: (n) =>
      fill(n, 'approvers: &a [ann, ben, cat]\nfilters:\n', (i) => `  "f${i}":\n    approvers: *a\n`),
  },
  'owners-aliases/lists': {
    format: 'OWNERS_ALIASES',
    parse: (t) => parseOwnersAliases(t, 'OWNERS_ALIASES'),
    build: (n) => fill(n, 'aliases:\n', (i) => `  team-${i}: [${login(i)}, ${login(i + 1)}]\n`),
  },
  'owners-aliases/flow-sets': {
    format: 'OWNERS_ALIASES',
    parse: (t) => parseOwnersAliases(t, 'OWNERS_ALIASES'),
    build: (n) => fill(n, 'aliases:\n', (i) => `  team-${i}: {${login(i)}, ${login(i + 1)}}\n`),
  },
  'gitdm/people': {
    format: 'gitdm',
    parse: (t) => parseGitdmAffiliations(t, 'developers_affiliations1.txt'),
    build: (n) =>
      fill(
        n,
        '# generated\n',
        (i) =>
          `${login(i)}: ${login(i)}!example.com\n\tAcme Inc. until 2020-01-01\n\tIndependent from 2020-01-01\n`,
      ),
  },
  'gitdm/spaces-company': {
    format: 'gitdm',
    parse: (t) => parseGitdmAffiliations(t, 'developers_affiliations1.txt'),
    build: (n) => `x: a\n\tA${' '.repeat(n - 10)}B\n`,
  },
  'gitdm/from-words': {
    format: 'gitdm',
    parse: (t) => parseGitdmAffiliations(t, 'developers_affiliations1.txt'),
    build: (n) => `x: a\n\tA${' from'.repeat((n - 10) / 5)}\n`,
  },
  'markdown-table/rows': {
    format: 'Markdown table',
    parse: (t) => markdownTableGroups({ path: 'WORKING-GROUPS.md' }, t),
    build: (n) =>
      fill(
        n,
        '| Name | Company | Groups |\n|---|---|---|\n',
        (i) =>
          `| [Person ${i}](https://github.com/${login(i)}) | Org ${i % 97} | Group ${i % 13}, Group ${i % 7} |\n`,
      ),
  },
  'markdown-table/image-openers': {
    format: 'Markdown table',
    parse: (t) => markdownTableGroups({ path: 'WORKING-GROUPS.md' }, t),
    build: (n) =>
      `| Name | Company | Groups |\n|---|---|---|\n| [A](https://github.com/a) | ${'!['.repeat((n - 80) / 2)} | G |\n`,
  },
  'markdown-table/link-openers': {
    format: 'Markdown table',
    parse: (t) => markdownTableGroups({ path: 'WORKING-GROUPS.md' }, t),
    build: (n) =>
      `| Name | Company | Groups |\n|---|---|---|\n| [A](https://github.com/a) | ${'[a]('.repeat((n - 80) / 4)}${'<'.repeat(8)} | G |\n`,
  },
  'projects-yaml/teams': {
    format: 'projects.yaml',
    parse: (t) => parseProjectsYaml(t, 'reference/projects.yaml'),
    build: (n) =>
      fill(
        n,
        '',
        (i) =>
          `team-${i}:\n  leadership_type: distributed\n  liaisons:\n    release:\n      - name: Person ${i}\n        irc: p${i}\n        email: p${i}@example.org\n    tact-sig:\n      - name: Other ${i}\n        irc: o${i}\n        email: o${i}@example.org\n  mission: >\n    Mission ${i}.\n`,
      ),
  },
  'affiliations-yaml/people': {
    format: 'affiliations YAML',
    parse: (t) => parseAffiliationsYaml(t, 'affiliations.yaml'),
    build: (n) => fill(n, '', (i) => `${login(i)}: Org ${i % 101}\n`),
  },
  'front-matter/long-body': {
    format: 'front matter',
    parse: (t) => splitFrontMatter(t, 'vep.md'),
    build: (n) =>
      fill(
        n,
        '---\nowning-sig: sig-network\nstatus: implementable\n---\n',
        (i) => `Line ${i} of the proposal.\n`,
      ),
  },
  'front-matter/never-closed': {
    format: 'front matter',
    parse: (t) => splitFrontMatter(t, 'vep.md'),
    build: (n) => fill(n, '---\n', (i) => `key${i}: value\n`),
  },
  'front-matter/deep-flow': {
    format: 'front matter',
    parse: (t) => splitFrontMatter(t, 'vep.md'),
    build: (n) => `---\na: ${'['.repeat(n / 2 - 16)}${']'.repeat(n / 2 - 16)}\n---\n`,
  },
  // comments (GitHub stores at most 65,536 characters of one): the shapes that once made a
  // command parser slow (shared/commands/commands.test.ts checks what they parse to)
  'commands/backtick-runs': commandShape(() => '`a ``b '),
  'commands/comment-openers': commandShape(() => '<!--'),
  'commands/short-lines': commandShape(() => '/object x\n'),
  'commands/fence-lines': commandShape(() => '```\n'),
  'duration/digits': {
    format: 'duration',
    parse: (t) => parseDuration(t),
    build: (n) => fill(n, '1'.repeat(Math.floor(n / 2)) + ' ', () => '1d'),
  },
};

/** The 10 MB case of every shape, and smaller sizes of the realistic shapes to read the growth. */
export function parserCases(quick: boolean): ParserCase[] {
  const cases: ParserCase[] = [];
  const full = quick ? 1 * MB : 10 * MB;
  for (const [shape, s] of Object.entries(SHAPES)) {
    const sizes = [full];
    // growth: the same shape at a quarter and a half of a size the parser accepts
    if (!quick && /approvers$|\/lists$|\/people$|\/rows$|\/teams$|\/short-lines$/.test(shape))
      sizes.unshift(MB / 4, MB / 2, MB);
    // the adversarial YAML shapes also just under the 1 MiB cap, where the nesting and alias caps act
    else if (!quick && /deep|aliases$|sets$/.test(shape))
      sizes.unshift(shape.startsWith('front') ? MB / 5 : MB);
    for (const bytes of sizes) {
      cases.push({
        id: `${shape}@${bytes}`,
        format: s.format,
        shape,
        build: () => s.build(bytes),
        parse: s.parse,
      });
    }
  }
  return cases;
}
