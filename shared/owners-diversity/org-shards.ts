/**
 * Organisation-wide audits on the Actions matrix (docs/owners-diversity-check.md "Across an
 * organisation"): `list` splits the selected repositories into at most 256 shards (GitHub's
 * matrix limit), `shard` reads its repositories and writes what it read as JSON for an artifact,
 * `merge` reads every shard's JSON and decides once, keeping the audit issue. Deciding once over
 * all shards keeps `org-rules` exact: a union cannot be judged shard by shard.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrgRepository, UnreadableFile } from './snapshot.js';

/** GitHub runs at most 256 jobs from one matrix. */
export const MAX_SHARDS = 256;
const FORMAT = 'governance-actions/owners-diversity-shard@1';

export type OrgMode = 'single' | 'list' | 'shard' | 'merge';

export function parseOrgMode(value: string): OrgMode {
  const mode = (value.trim() || 'single') as OrgMode;
  if (!['single', 'list', 'shard', 'merge'].includes(mode))
    throw new Error(`input org-mode must be single, list, shard or merge, not ${JSON.stringify(value)}`);
  return mode;
}

/** Consecutive slices of at most `size` names, widened so that there are at most 256. */
export function shardRepositories(names: readonly string[], size: number): string[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new Error('input shard-size must be a positive whole number');
  const per = Math.max(size, Math.ceil(names.length / MAX_SHARDS));
  const out: string[][] = [];
  for (let i = 0; i < names.length; i += per) out.push(names.slice(i, i + per));
  return out;
}

interface ShardFile {
  format: string;
  owner: string;
  repos: { name: string; files: [string, string | null][]; unreadable: UnreadableFile[]; error?: string }[];
}

/** Writes one shard's repositories to `<dir>/<first repository>.json`; returns the path. */
export function writeShard(dir: string, owner: string, repos: readonly OrgRepository[]): string {
  mkdirSync(dir, { recursive: true });
  const body: ShardFile = {
    format: FORMAT,
    owner,
    repos: repos.map((r) => ({
      name: r.name,
      files: [...r.files.entries()],
      unreadable: r.unreadable,
      ...(r.error ? { error: r.error } : {}),
    })),
  };
  const file = join(dir, `shard-${repos[0]?.name ?? 'empty'}.json`);
  writeFileSync(file, JSON.stringify(body));
  return file;
}

/**
 * Every shard file in `dir` (downloaded artifacts may sit in sub-folders, one per artifact).
 * A file that is not a shard of this owner, or names a repository another shard names too, fails
 * the run naming it: a merge never guesses, and fails before it writes anything.
 */
export function readShards(dir: string, owner: string): OrgRepository[] {
  let listed: string[];
  try {
    listed = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch (error) {
    // no artifact downloaded: coverSelection names every selected repository as missing
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(
      `shard-dir ${dir} cannot be read (${(error as Error).message}): download the shard artifacts into it`,
      { cause: error },
    );
  }
  const files = listed.filter((f) => /(^|\/)shard-[^/]*\.json$/.test(f)).sort();
  const repos: OrgRepository[] = [];
  const from = new Map<string, string>();
  for (const f of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (error) {
      throw new Error(`shard ${f} is not JSON: ${(error as Error).message}`, { cause: error });
    }
    for (const r of shardRepos(parsed, f, owner)) {
      const key = r.name.toLowerCase();
      const seen = from.get(key);
      if (seen !== undefined)
        throw new Error(
          `repository ${r.name} is in two shards: ${seen} and ${f} (each repository belongs to one matrix job)`,
        );
      from.set(key, f);
      repos.push(r);
    }
  }
  return repos;
}

/** One shard file's repositories, checked field by field: a malformed file is never half read. */
function shardRepos(parsed: unknown, file: string, owner: string): OrgRepository[] {
  const body = parsed as Partial<ShardFile> | null;
  if (typeof body !== 'object' || body === null || body.format !== FORMAT || !Array.isArray(body.repos))
    throw new Error(`${file} is not a shard written by owners-diversity-check (${FORMAT})`);
  if (typeof body.owner !== 'string' || body.owner.toLowerCase() !== owner.toLowerCase())
    throw new Error(`shard ${file} holds repositories of ${String(body.owner)}, not ${owner}`);
  const isString = (v: unknown): v is string => typeof v === 'string';
  return body.repos.map((r: Partial<ShardFile['repos'][number]> | null, i) => {
    const bad = (what: string) => new Error(`shard ${file}: repos[${i}].${what}`);
    if (typeof r !== 'object' || r === null || !isString(r.name)) throw bad('name is not a string');
    if (!Array.isArray(r.files)) throw bad('files is not a list');
    if (!r.files.every((e) => Array.isArray(e) && isString(e[0]) && (e[1] === null || isString(e[1]))))
      throw bad('files is not a list of [path, text] pairs');
    if (!Array.isArray(r.unreadable)) throw bad('unreadable is not a list');
    if (!r.unreadable.every((u) => isString(u?.path) && isString(u.ref) && isString(u.reason)))
      throw bad('unreadable is not a list of {path, ref, reason}');
    if (r.error !== undefined && !isString(r.error)) throw bad('error is not a string');
    return {
      name: r.name,
      files: new Map(r.files),
      unreadable: r.unreadable,
      ...(r.error !== undefined ? { error: r.error } : {}),
    };
  });
}

/**
 * The repositories the merge decides on: one per selected name. A selected repository no shard
 * reported (a shard job that failed, an artifact that was not uploaded or downloaded) fails the
 * merge before it writes, naming them: the audit issue keeps its last complete state.
 */
export function coverSelection(
  selected: readonly string[],
  shards: readonly OrgRepository[],
): OrgRepository[] {
  const byName = new Map(shards.map((r) => [r.name.toLowerCase(), r]));
  const missing = selected.filter((name) => !byName.has(name.toLowerCase()));
  if (missing.length) {
    const shown = missing.slice(0, 20).join(', ') + (missing.length > 20 ? ', ...' : '');
    throw new Error(
      `no shard reported ${missing.length} of the ${selected.length} selected repositories (${shown}): ` +
        're-run the failed shard jobs, or check that every shard artifact was uploaded and downloaded into shard-dir',
    );
  }
  return selected.map((name) => byName.get(name.toLowerCase())!);
}

/**
 * Repositories a shard read that the merge's selection no longer holds (a topic removed, a name
 * taken out of the workflow since the list job): the selection decides, so they are left out of
 * the audit, and the audit says which.
 */
export function notSelectedNote(
  selected: readonly string[],
  shards: readonly OrgRepository[],
): string | undefined {
  const wanted = new Set(selected.map((name) => name.toLowerCase()));
  const extra = shards.map((r) => r.name).filter((name) => !wanted.has(name.toLowerCase()));
  if (!extra.length) return undefined;
  const shown = extra.slice(0, 20).join(', ') + (extra.length > 20 ? ', ...' : '');
  return `${extra.length} ${extra.length === 1 ? 'repository' : 'repositories'} a shard read ${extra.length === 1 ? 'is' : 'are'} no longer selected and ${extra.length === 1 ? 'is' : 'are'} left out of this audit: ${shown}`;
}
