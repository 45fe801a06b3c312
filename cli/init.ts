/**
 * `governance-actions init --dir CHECKOUT`: a starting `.github/governance.yml` from what the
 * checkout holds (SIG folders of proposals, OWNERS files, sigs.yaml, a working-groups table,
 * an OpenStack projects.yaml), with comments, and the example workflows the detected sections
 * need. It never overwrites a file; what it cannot detect (cycles, rules) is left as comments.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG_PATH } from '../shared/config/load.js';
import { markdownTableGroups } from '../shared/owners-diversity/sources/markdown-table.js';
import { parseProjectsYaml } from '../shared/projects/projects-file.js';
import { UsageError } from './event-payload.js';
import { cliIo, fromCwd, type CliIo } from './io.js';
import { checkoutFiles } from './validate.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_URL =
  'https://raw.githubusercontent.com/OWNER/governance-actions/v1/shared/config/governance.schema.json';
/** the example workflow each section needs (workflows-examples/) */
const WORKFLOW_OF: Record<string, string> = {
  vep: 'vep.yml',
  dpl: 'dpl-reset.yml',
  'owners-diversity': 'owners-diversity.yml',
};

export const INIT_USAGE = `  governance-actions init --dir CHECKOUT
                   write a starting ${DEFAULT_CONFIG_PATH} from what CHECKOUT holds, and the example
                   workflows it needs (never overwrites a file)`;

interface Detected {
  sigs: string[];
  vepParent?: string;
  projectsFile?: string;
  peopleFile?: string;
  owners: boolean;
  sigsYaml?: string;
  tables: string[];
  gitdm: string[];
  affiliationsYaml?: string;
}

export async function init(argv: string[], given: Partial<CliIo> = {}): Promise<number> {
  const io = cliIo(given);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { dir: { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  if (!values.dir) throw new UsageError('init needs --dir CHECKOUT');
  const root = fromCwd(io, values.dir);
  if (!existsSync(root)) throw new UsageError(`--dir ${values.dir}: no such folder`);
  const target = join(root, DEFAULT_CONFIG_PATH);
  if (existsSync(target)) {
    io.stderr.write(
      `governance-actions: ${DEFAULT_CONFIG_PATH} already exists; check it with: governance-actions validate --dir ${values.dir}\n`,
    );
    return 1;
  }
  const files = checkoutFiles(root);
  const found = await detect(files.paths, (p) => readFileSync(join(root, p), 'utf8'));
  const { text, sections } = render(found);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  io.stdout.write(
    `wrote ${DEFAULT_CONFIG_PATH} (${sections.length ? sections.join(', ') : 'no section detected'})\n`,
  );
  for (const section of sections) {
    const name = WORKFLOW_OF[section];
    const to = join(root, '.github', 'workflows', name);
    if (existsSync(to)) {
      io.stdout.write(`kept .github/workflows/${name} (it exists)\n`);
      continue;
    }
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(REPO_ROOT, 'workflows-examples', name), to);
    io.stdout.write(`wrote .github/workflows/${name}\n`);
  }
  io.stdout.write(
    "next: replace OWNER in the workflows' `uses:` lines with where you use the actions from (e.g. your fork),\n" +
      `review the comments in ${DEFAULT_CONFIG_PATH}, then: governance-actions validate --dir ${values.dir}\n`,
  );
  return 0;
}

async function detect(paths: readonly string[], read: (path: string) => string): Promise<Detected> {
  const found: Detected = { sigs: [], owners: false, tables: [], gitdm: [] };
  // proposals: veps/<sig-folder>/<number>-<slug>/ (docs/config.md `vep.layout`)
  const sigFolders = new Set<string>();
  for (const p of paths) {
    const m = /^veps\/(sig-[^/]+)\//.exec(p);
    if (m) sigFolders.add(m[1]);
  }
  found.sigs = [...sigFolders].sort();
  found.owners = paths.some((p) => p === 'OWNERS' || p.endsWith('/OWNERS'));
  found.sigsYaml = shortest(paths.filter((p) => p === 'sigs.yaml' || p.endsWith('/sigs.yaml')));
  for (const p of paths.filter((x) => /^[^/]+\.md$/i.test(x)).sort()) {
    if (/^(README|CHANGELOG|CONTRIBUTING|CODE_OF_CONDUCT|SECURITY)\.md$/i.test(p)) continue;
    const set = markdownTableGroups({ path: p }, read(p));
    if (set.groups.length > 0 && set.errors.length === 0) found.tables.push(p);
  }
  for (const p of paths.filter((x) => x.endsWith('projects.yaml')).sort((a, b) => a.length - b.length)) {
    try {
      if (parseProjectsYaml(read(p), p).teams.length > 0) {
        found.projectsFile = p;
        break;
      }
    } catch {
      // not an OpenStack projects.yaml
    }
  }
  if (found.projectsFile) {
    const people = join(dirname(found.projectsFile), 'people.yaml').split('\\').join('/');
    if (paths.includes(people)) found.peopleFile = people;
  }
  if (paths.some((p) => /(^|\/)developers_affiliations\d*\.txt$/.test(p)))
    found.gitdm = [
      ...new Set(
        paths
          .filter((p) => /(^|\/)developers_affiliations\d*\.txt$/.test(p))
          .map((p) => `${p.slice(0, p.lastIndexOf('/') + 1)}developers_affiliations*.txt`),
      ),
    ];
  found.affiliationsYaml = paths.includes('affiliations.yaml') ? 'affiliations.yaml' : undefined;
  return found;
}

function shortest(paths: string[]): string | undefined {
  return paths.sort((a, b) => a.length - b.length)[0];
}

const q = (s: string) => JSON.stringify(s);

function render(d: Detected): { text: string; sections: string[] } {
  const sections: string[] = [];
  const lines = [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    '# Written by `governance-actions init`; every key is documented in docs/config.md.',
    '# Check it (and the files it names) with: governance-actions validate --dir .',
    'version: 1',
    '',
    'calendar:',
    '  timezone: UTC                 # an IANA name, e.g. Europe/Berlin; business days are counted in it',
    '  holidays: []                  # ISO dates, e.g. [2026-12-25]',
  ];
  if (d.sigs.length) {
    sections.push('vep');
    lines.push(
      '',
      '# Enhancement proposals: veps/{sig}/{number}-{slug}/vep.md, each owned by one SIG folder',
      'vep:',
      `  sigs: [${d.sigs.join(', ')}]   # the SIG folders found under veps/`,
      '  escalation:',
      '    maintainers: []             # logins or org/team names pinged when a SIG does not review',
    );
  }
  if (d.projectsFile) {
    sections.push('dpl');
    lines.push(
      '',
      '# OpenStack Distributed Project Leadership resets',
      'dpl:',
      `  projects-file: ${q(d.projectsFile)}`,
      d.peopleFile
        ? `  people-file: ${q(d.peopleFile)}   # email or name -> GitHub login`
        : '  people-file: ""              # a YAML map email or name -> GitHub login, for contacts without `github:`',
      '  cycles: []                    # add the next cycle, e.g. - {name: "2027.1", nominations-open: 2026-12-01T00:00:00Z}',
    );
  }
  const sources: string[] = [];
  if (d.owners) sources.push('    - {kind: owners, paths: ["**/OWNERS"], roles: [approvers]}');
  if (d.sigsYaml)
    sources.push(`    - {kind: sigs-yaml, path: ${q(d.sigsYaml)}, roles: [chairs, tech_leads]}`);
  for (const t of d.tables) sources.push(`    - {kind: markdown-table, path: ${q(t)}}`);
  if (sources.length) {
    sections.push('owners-diversity');
    const affiliations = [
      ...d.gitdm.map((g) => `    - gitdm: [${q(g)}]`),
      ...(d.affiliationsYaml ? [`    - yaml: ${q(d.affiliationsYaml)}`] : []),
    ];
    lines.push(
      '',
      '# Size and corporate-diversity rules for leadership groups',
      'owners-diversity:',
      '  sources:',
      ...sources,
      affiliations.length
        ? '  affiliations:'
        : '  affiliations: []              # e.g. - yaml: affiliations.yaml ({login: org})',
      ...affiliations,
      '  rules: []                     # none yet: every group passes; e.g. - {groups: "**", min-members: 2, max-org-share: 1/3}',
      '  mode: ratchet                 # on pull requests, fail only on violations the change introduces or worsens',
    );
  }
  return { text: `${lines.join('\n')}\n`, sections };
}
