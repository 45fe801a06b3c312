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
 * A file that is not a shard of this owner fails the run naming it: a merge never guesses.
 */
export function readShards(dir: string, owner: string): OrgRepository[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|\/)shard-[^/]*\.json$/.test(f))
    .sort();
  const repos: OrgRepository[] = [];
  for (const f of files) {
    let parsed: ShardFile;
    try {
      parsed = JSON.parse(readFileSync(join(dir, f), 'utf8')) as ShardFile;
    } catch (error) {
      throw new Error(`shard ${f} is not JSON: ${(error as Error).message}`, { cause: error });
    }
    if (parsed.format !== FORMAT || !Array.isArray(parsed.repos))
      throw new Error(`${f} is not a shard written by owners-diversity-check (${FORMAT})`);
    if (parsed.owner.toLowerCase() !== owner.toLowerCase())
      throw new Error(`shard ${f} holds repositories of ${parsed.owner}, not ${owner}`);
    for (const r of parsed.repos)
      repos.push({
        name: r.name,
        files: new Map(r.files),
        unreadable: r.unreadable,
        ...(r.error ? { error: r.error } : {}),
      });
  }
  return repos;
}

/**
 * The repositories the merge decides on: one per selected name. A selected repository no shard
 * reported fails closed, named (a shard job that failed or an artifact that was not uploaded).
 */
export function coverSelection(
  selected: readonly string[],
  shards: readonly OrgRepository[],
): OrgRepository[] {
  const byName = new Map(shards.map((r) => [r.name.toLowerCase(), r]));
  return selected.map(
    (name) =>
      byName.get(name.toLowerCase()) ?? {
        name,
        files: new Map(),
        unreadable: [],
        error: 'no shard reported it (a shard job failed, or its artifact was not downloaded)',
      },
  );
}
