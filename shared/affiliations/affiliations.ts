/**
 * Who works where, from several sources tried in order (`owners-diversity.affiliations`):
 * the first source that knows the person *at the as-of date* wins, so a stale gitdm entry
 * that ended last year falls through to the project's own map, and the company written in
 * the group's source itself (sigs.yaml `company`, the table's Company column) comes last.
 */
import { minimatch } from 'minimatch';
import type { AffiliationSource } from '../config/types.js';
import { parseGitdmAffiliations } from './gitdm.js';
import { periodAt, type AffiliationPeriod, type AffiliationTable } from './periods.js';
import { parseAffiliationsYaml } from './yaml-map.js';

export { isoDay, type AffiliationPeriod, type AffiliationTable } from './periods.js';
export { parseGitdmAffiliations } from './gitdm.js';
export { parseAffiliationsYaml } from './yaml-map.js';

export interface Affiliation {
  org: string;
  /** `file:line` of the entry, or `source` for a company written in the group's own source */
  origin: string;
}

/** The files an affiliation source reads, among `paths` (a tree listing). */
export function affiliationFiles(source: AffiliationSource, paths: readonly string[]): string[] {
  if ('yaml' in source) return paths.includes(source.yaml) ? [source.yaml] : [];
  return paths
    .filter((p) => source.gitdm.some((glob) => minimatch(p, glob, { dot: true })))
    .sort(naturalOrder);
}

/** `developers_affiliations2.txt` before `developers_affiliations10.txt`, as gitdm numbers them. */
function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Every configured source parsed, in order. Throws a GovernanceError (file, line) for a malformed file. */
export function loadAffiliations(
  sources: readonly AffiliationSource[],
  files: ReadonlyMap<string, string | null>,
): AffiliationTable[] {
  const paths = [...files.keys()].filter((p) => files.get(p) != null);
  return sources.map((source) => {
    const table: AffiliationTable = new Map();
    for (const path of affiliationFiles(source, paths)) {
      const text = files.get(path)!;
      if ('yaml' in source) parseAffiliationsYaml(text, path, table);
      else parseGitdmAffiliations(text, path, table);
    }
    return table;
  });
}

/** The affiliation of `login` on `day` (YYYY-MM-DD), or the source's own company, or undefined. */
export function affiliationOf(
  tables: readonly AffiliationTable[],
  login: string,
  day: string,
  companyInSource?: string,
): Affiliation | undefined {
  const key = login.toLowerCase();
  for (const table of tables) {
    const period: AffiliationPeriod | undefined = periodAt(table.get(key) ?? [], day);
    if (period) return { org: period.org, origin: `${period.file}:${period.line}` };
  }
  const company = companyInSource?.trim();
  return company ? { org: company, origin: 'source' } : undefined;
}

/** Logins whose entries differ between two versions of the same sources (for pull-request scope). */
export function changedLogins(
  before: readonly AffiliationTable[],
  after: readonly AffiliationTable[],
): Set<string> {
  const changed = new Set<string>();
  const render = (periods: AffiliationPeriod[] | undefined) =>
    JSON.stringify((periods ?? []).map((p) => [p.org, p.from ?? '', p.until ?? '']));
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const a = before[i] ?? new Map();
    const b = after[i] ?? new Map();
    for (const login of new Set([...a.keys(), ...b.keys()])) {
      if (render(a.get(login)) !== render(b.get(login))) changed.add(login);
    }
  }
  return changed;
}
