/**
 * `governance-actions validate [--config PATH] [--dir CHECKOUT | --repo OWNER/NAME] [--now ISO]`:
 * the checks every action makes first (shape and meaning of the configuration), without a token;
 * with a checkout or a repository also that what the configuration names exists and parses.
 * Prints `file:line:col: severity: key: message` lines; exit 1 when there is an error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { GovernanceError } from '../shared/errors/governance-error.js';
import { buildConfig, DEFAULT_CONFIG_PATH } from '../shared/config/load.js';
import { parseConfigFile } from '../shared/config/parse.js';
import { checkConfigMeaning } from '../shared/config/meaning.js';
import { checkAgainstFiles, type RepoFiles } from '../shared/config/checkout.js';
import {
  diagnosticFromError,
  formatDiagnostic,
  type ConfigDiagnostic,
} from '../shared/config/diagnostics.js';
import { UsageError } from './event-payload.js';
import { DEFAULT_API_URL, GitHubRest } from './github-rest.js';
import { cliIo, fromCwd, type CliIo } from './io.js';

/** Folders a checkout has that are never the repository's governance files. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
/** A checkout this large is not walked further: what it names is looked for among these. */
const MAX_FILES = 300_000;

export const VALIDATE_USAGE = `  governance-actions validate [--config PATH] [--dir CHECKOUT | --repo OWNER/NAME] [--now ISO]
                   check a configuration (default: CHECKOUT's or the repository's ${DEFAULT_CONFIG_PATH});
                   with --dir or --repo also that every file, glob and SIG folder it names exists
                   and parses, and which liaisons have no GitHub login`;

export async function validate(argv: string[], given: Partial<CliIo> = {}): Promise<number> {
  const io = cliIo(given);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      dir: { type: 'string' },
      repo: { type: 'string' },
      now: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  if (values.dir && values.repo) throw new UsageError('give --dir or --repo, not both');
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${values.now}: an ISO 8601 instant`);

  let files: RepoFiles | undefined;
  let configText: string | null;
  let configName: string;
  if (values.repo) {
    const repo = await apiFiles(values.repo, io);
    files = repo.files;
    if (values.config)
      ({ text: configText, name: configName } = readLocal(fromCwd(io, values.config), values.config, io.cwd));
    else {
      configName = DEFAULT_CONFIG_PATH;
      configText = await repo.files.read(DEFAULT_CONFIG_PATH);
      if (configText === null) {
        io.stderr.write(
          `governance-actions: ${values.repo} has no ${DEFAULT_CONFIG_PATH} on ${repo.branch}\n`,
        );
        return 1;
      }
    }
  } else {
    const base = values.dir ? fromCwd(io, values.dir) : io.cwd;
    if (values.dir && !existsSync(base)) throw new UsageError(`--dir ${values.dir}: no such folder`);
    if (values.dir) files = checkoutFiles(base);
    const config = values.config ?? join(base, DEFAULT_CONFIG_PATH);
    ({ text: configText, name: configName } = readLocal(fromCwd(io, config), config, base));
  }
  if (configText === null) {
    io.stderr.write(`governance-actions: ${configName} does not exist or cannot be read\n`);
    return 1;
  }

  const found = await diagnose(configText, configName, now, files);
  for (const d of found) io.stdout.write(`${formatDiagnostic(d)}\n`);
  const errors = found.filter((d) => d.severity === 'error').length;
  const warnings = found.length - errors;
  io.stderr.write(
    `governance-actions: ${configName}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${
      files
        ? ''
        : ' (configuration only; add --dir CHECKOUT or --repo OWNER/NAME to check the files it names)'
    }\n`,
  );
  return errors > 0 ? 1 : 0;
}

export async function diagnose(
  text: string,
  name: string,
  now: Date,
  files?: RepoFiles,
): Promise<ConfigDiagnostic[]> {
  let parsed;
  try {
    parsed = parseConfigFile(text, name);
  } catch (e) {
    if (e instanceof GovernanceError) return [diagnosticFromError(e)];
    throw e;
  }
  let found = checkConfigMeaning(parsed, now);
  if (files) {
    const { config } = buildConfig([{ name, text }], now, { checkMeaning: false });
    const checked = await checkAgainstFiles(parsed, config, files);
    found = [...found.filter((d) => !d.code || !checked.supersedes.includes(d.code)), ...checked.diagnostics];
  }
  return found;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The text of `full` (the user's `given` path) and the name to print: relative to `base` when inside it. */
function readLocal(full: string, given: string, base: string): { text: string | null; name: string } {
  const rel = relative(base, full);
  const name = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : given;
  try {
    return { text: readFileSync(full, 'utf8'), name };
  } catch {
    return { text: null, name };
  }
}

export function checkoutFiles(root: string): RepoFiles {
  const paths: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (paths.length >= MAX_FILES) return;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      } else if (entry.isFile()) paths.push(`${prefix}${entry.name}`);
    }
  };
  walk(root, '');
  return {
    paths,
    readGlobMatches: true,
    read: (path) => {
      try {
        return Promise.resolve(readFileSync(join(root, path), 'utf8'));
      } catch {
        return Promise.resolve(null);
      }
    },
  };
}

/** The default branch's files through the API (a token from GITHUB_TOKEN/GH_TOKEN when set; public repositories need none). */
async function apiFiles(fullName: string, io: CliIo): Promise<{ files: RepoFiles; branch: string }> {
  const [owner, repo, extra] = fullName.split('/');
  if (!owner || !repo || extra !== undefined) throw new UsageError('--repo OWNER/NAME');
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN || '';
  const gh = new GitHubRest(io.env.GITHUB_API_URL || DEFAULT_API_URL, token);
  const base = `/repos/${owner}/${repo}`;
  const branch = String((await gh.get(base)).default_branch);
  const tree = await gh.get(`${base}/git/trees/${encodeURIComponent(branch)}?recursive=1`);
  const entries = tree.tree as { path: string; type: string }[];
  if (tree.truncated)
    io.stderr.write(
      `governance-actions: ${fullName} has more files than one tree listing holds; check a checkout with --dir instead\n`,
    );
  return {
    branch,
    files: {
      paths: entries.filter((e) => e.type === 'blob').map((e) => e.path),
      readGlobMatches: false,
      read: async (path) => {
        try {
          const file = await gh.get(
            `${base}/contents/${path.split('/').map(encodeURIComponent).join('/')}?ref=${encodeURIComponent(branch)}`,
          );
          return Buffer.from(String(file.content), 'base64').toString('utf8');
        } catch {
          return null;
        }
      },
    },
  };
}
