/**
 * Checks of a configuration against a repository's files (a checkout, or a tree read through the
 * API): every file, glob and SIG folder it names exists and parses, and which liaisons have no
 * GitHub login. Only the sections the file writes are checked: a repository that uses one action
 * is not told about the defaults of the others.
 */
import { minimatch } from 'minimatch';
import { GovernanceError } from '../errors/governance-error.js';
import { parsePeopleFile, loginOf, NO_PEOPLE, type PeopleMap } from '../dpl/people.js';
import { parseProjectsYaml } from '../projects/projects-file.js';
import { markdownTableGroups } from '../owners-diversity/sources/markdown-table.js';
import { projectsYamlGroups } from '../owners-diversity/sources/projects-yaml.js';
import { sigsYamlGroups } from '../owners-diversity/sources/sigs-yaml.js';
import { parseGitdmAffiliations, parseAffiliationsYaml } from '../affiliations/affiliations.js';
import { parseOwnersFile } from '../owners/owners-file.js';
import { editDistance, type ParsedConfigFile } from './parse.js';
import { diagnosticAt, diagnosticFromError, type ConfigDiagnostic } from './diagnostics.js';
import { CODE_SIG_PREFIX, SIG_PREFIX } from './meaning.js';
import type { GovernanceConfig } from './types.js';

/** A repository's files: every path (slash-separated, relative), and a file's text. */
export interface RepoFiles {
  paths: readonly string[];
  read(path: string): Promise<string | null>;
  /** parse every file a glob matches (a checkout); through the API only check that some match */
  readGlobMatches: boolean;
}

export interface CheckoutFindings {
  diagnostics: ConfigDiagnostic[];
  /** codes of configuration-only findings these make redundant (a warning now checked for real) */
  supersedes: string[];
}

export async function checkAgainstFiles(
  parsed: ParsedConfigFile,
  config: GovernanceConfig,
  files: RepoFiles,
): Promise<CheckoutFindings> {
  const out: ConfigDiagnostic[] = [];
  const supersedes: string[] = [];
  const ctx = { parsed, files, out, pathSet: new Set(files.paths) };
  if (parsed.value.dpl) await checkDpl(ctx, config);
  if (parsed.value.vep) {
    await checkVep(ctx, config);
    supersedes.push(CODE_SIG_PREFIX);
  }
  if (parsed.value['owners-diversity']) await checkOwnersDiversity(ctx, config);
  return { diagnostics: out, supersedes };
}

interface Ctx {
  parsed: ParsedConfigFile;
  files: RepoFiles;
  out: ConfigDiagnostic[];
  pathSet: Set<string>;
}

/** `path` exists, else an error at `key` with the likeliest intended file. */
async function requireFile(ctx: Ctx, key: (string | number)[], path: string): Promise<string | null> {
  const text = ctx.pathSet.has(path) ? await ctx.files.read(path) : null;
  if (text !== null) return text;
  const guess = closestPath(ctx.files.paths, path);
  ctx.out.push(
    diagnosticAt(
      ctx.parsed,
      key,
      'error',
      `${path} does not exist${guess ? ` (did you mean ${guess}?)` : ''}`,
    ),
  );
  return null;
}

/** The same file name elsewhere, else a path one or two typos away (people.yml for people.yaml). */
function closestPath(paths: readonly string[], wanted: string): string | undefined {
  const base = wanted.slice(wanted.lastIndexOf('/') + 1);
  const sameName = paths.filter((p) => p.slice(p.lastIndexOf('/') + 1) === base);
  if (sameName.length > 0) return sameName.sort((a, b) => a.length - b.length)[0];
  let best: { p: string; d: number } | undefined;
  for (const p of paths) {
    if (Math.abs(p.length - wanted.length) > 2) continue;
    const d = editDistance(p, wanted);
    if (d <= 2 && (!best || d < best.d)) best = { p, d };
  }
  return best?.p;
}

/** Run a parser on another file; its error (with that file's line) becomes a finding. */
function parseWith(ctx: Ctx, parse: () => void): void {
  try {
    parse();
  } catch (e) {
    if (!(e instanceof GovernanceError)) throw e;
    ctx.out.push(diagnosticFromError(e));
  }
}

async function checkDpl(ctx: Ctx, config: GovernanceConfig): Promise<void> {
  const dpl = config.dpl;
  let people: PeopleMap = NO_PEOPLE;
  if (dpl['people-file']) {
    const text = await requireFile(ctx, ['dpl', 'people-file'], dpl['people-file']);
    if (text !== null) parseWith(ctx, () => (people = parsePeopleFile(text, dpl['people-file'])));
    // without the people file every contact below would be reported: the error above says it all
    if (text === null) return;
  }
  const projectsKey = ctx.parsed.value.dpl && 'projects-file' in (ctx.parsed.value.dpl as object);
  const projectsText = await requireFile(
    ctx,
    projectsKey ? ['dpl', 'projects-file'] : ['dpl'],
    dpl['projects-file'],
  );
  if (projectsText === null) return;
  parseWith(ctx, () => {
    const projects = parseProjectsYaml(projectsText, dpl['projects-file']);
    const where = dpl['people-file'] ? `, no entry for their email or name in ${dpl['people-file']}` : '';
    for (const team of projects.teams) {
      if (team.leadershipType !== 'distributed') continue;
      const seen = new Set<string>();
      for (const [role, contacts] of Object.entries(team.liaisons)) {
        for (const person of contacts) {
          if (loginOf(person, people) || seen.has(person.email || person.name)) continue;
          seen.add(person.email || person.name);
          ctx.out.push({
            severity: 'warning',
            file: dpl['projects-file'],
            line: person.line,
            column: 1,
            message: `teams/${team.name}: ${role} liaison "${person.name}" has no GitHub login (no github: key${where}): their votes cannot be counted`,
          });
        }
      }
    }
  });
}

async function checkVep(ctx: Ctx, config: GovernanceConfig): Promise<void> {
  const layout = config.vep.layout;
  const sigAt = layout.indexOf('{sig}');
  if (sigAt < 0) return;
  const parent = layout.slice(0, sigAt); // e.g. "veps/"
  const listed = (ctx.parsed.value.vep as { sigs?: unknown }).sigs !== undefined;
  config.vep.sigs.forEach((sig, index) => {
    const folder = `${parent}${sig}`;
    const key = listed ? ['vep', 'sigs', index] : ['vep'];
    if (ctx.files.paths.some((p) => p.startsWith(`${folder}/`))) {
      if (!ctx.pathSet.has(`${folder}/OWNERS`))
        ctx.out.push(
          diagnosticAt(
            ctx.parsed,
            key,
            'warning',
            `${folder} has no OWNERS file: no shepherd or signer can be found for ${sig}`,
          ),
        );
      return;
    }
    const prefixed = `${parent}${SIG_PREFIX}${sig}`;
    const hint =
      !sig.startsWith(SIG_PREFIX) && ctx.files.paths.some((p) => p.startsWith(`${prefixed}/`))
        ? ` (did you mean ${SIG_PREFIX}${sig}? ${prefixed} exists)`
        : '';
    ctx.out.push(diagnosticAt(ctx.parsed, key, 'error', `${folder} does not exist${hint}`));
  });
}

async function checkOwnersDiversity(ctx: Ctx, config: GovernanceConfig): Promise<void> {
  const od = config['owners-diversity'];
  const written = ctx.parsed.value['owners-diversity'] as Record<string, unknown>;
  if ('sources' in written) {
    for (const [i, source] of od.sources.entries()) {
      const key = ['owners-diversity', 'sources', i];
      if (source.kind === 'owners') {
        for (const [j, glob] of source.paths.entries())
          await checkGlob(ctx, [...key, 'paths', j], glob, 'no group comes from it', parseOwnersFile);
        continue;
      }
      const text = await requireFile(ctx, [...key, 'path'], source.path);
      if (text === null) continue;
      const set =
        source.kind === 'sigs-yaml'
          ? sigsYamlGroups(source, text)
          : source.kind === 'markdown-table'
            ? markdownTableGroups(source, text)
            : projectsYamlGroups(source, text);
      ctx.out.push(...set.errors.map((e) => diagnosticFromError(e)));
      if (set.groups.length === 0 && set.errors.length === 0)
        ctx.out.push(diagnosticAt(ctx.parsed, [...key, 'path'], 'warning', `${source.path} holds no group`));
    }
  }
  if ('affiliations' in written) {
    for (const [i, source] of od.affiliations.entries()) {
      const key = ['owners-diversity', 'affiliations', i];
      if ('yaml' in source) {
        const text = await requireFile(ctx, [...key, 'yaml'], source.yaml);
        if (text !== null) parseWith(ctx, () => parseAffiliationsYaml(text, source.yaml, new Map()));
        continue;
      }
      for (const [j, glob] of source.gitdm.entries())
        await checkGlob(ctx, [...key, 'gitdm', j], glob, 'this source knows nobody', (text, path) =>
          parseGitdmAffiliations(text, path, new Map()),
        );
    }
  }
}

/** A glob matches some file, and (in a checkout) each file it matches parses. */
async function checkGlob(
  ctx: Ctx,
  key: (string | number)[],
  glob: string,
  consequence: string,
  parse: (text: string, path: string) => unknown,
): Promise<void> {
  const matches = ctx.files.paths.filter((p) => minimatch(p, glob, { dot: true }));
  if (matches.length === 0) {
    ctx.out.push(diagnosticAt(ctx.parsed, key, 'error', `"${glob}" matches no file: ${consequence}`));
    return;
  }
  if (!ctx.files.readGlobMatches) return;
  for (const path of matches) {
    const text = await ctx.files.read(path);
    if (text !== null) parseWith(ctx, () => parse(text, path));
  }
}
