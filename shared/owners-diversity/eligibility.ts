/**
 * Lead eligibility (`owners-diversity.eligibility`): Istio's leads "must meet certain
 * requirements, including having been members of the Istio project for a year, and a
 * maintainer for at least 3 months" (WORKING-GROUP-PROCESSES.md). A lead of a matching group
 * passes a rule only if their login has been listed in a file, at a YAML key, for long enough.
 *
 * How long comes from the file's history on the default branch (docs/owners-diversity-check.md
 * "Lead eligibility"): the line naming the login, the commit that wrote it (`git blame`), and
 * when that commit landed on the default branch as GitHub recorded it — the merge of its pull
 * request, or the push that brought it — never the commit's own date, which its author writes.
 * Pure: gather reads the file, its blame and the landing times; nothing here touches GitHub.
 * Whatever cannot be read or judged fails the lead, with a message saying what (fail closed).
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { isoDay } from '../affiliations/affiliations.js';
import { parseDuration } from '../calendar/duration.js';
import type { EligibilityRule } from '../config/types.js';
import { GovernanceError, nodeLocation, parseYamlDocument } from '../errors/governance-error.js';
import { ruleMatches, type Finding } from './evaluate.js';
import type { Group } from './model.js';
import { code } from './text.js';

/** One range of `git blame` on the default branch's head: lines start..end (1-based) by `commit`. */
export interface BlameRange {
  start: number;
  end: number;
  commit: string;
}

/** When a commit landed on the default branch, and how GitHub knows; or why nobody can tell. */
export type Landing = { at: string; via: string } | { unknown: string };

/** A file named by `listed-in`, as gather read it from the default branch. */
export interface ListedFile {
  path: string;
  /** the text at the default branch's head; null = no such file there */
  text: string | null;
  /** the file, or its history, could not be read: every lead judged by it fails */
  unreadable?: string;
  ranges: BlameRange[];
  /** commit sha -> landing, for the commits that wrote lines naming leads */
  landed: Record<string, Landing>;
  /** commit sha -> the file as that commit left it (null: unreadable), for the same commits */
  versions?: Record<string, string | null>;
  /** pull requests that change this file: the head's version (null = deleted) */
  head?: string | null;
  /** the head's version exists but could not be read (fail closed) */
  headUnreadable?: string;
}

/** How long one login has been listed: since when, or why it is not, or why nobody can tell. */
export type Tenure = { since: string; via: string; line: number } | { absent: true } | { error: string };

/** login (lower-case) -> tenure, for one file and key; `error` when the whole listing is unusable. */
export interface Listing {
  path: string;
  key: string;
  logins: Map<string, Tenure>;
  error?: GovernanceError;
}

/**
 * The logins of the YAML list at a dotted key path, each with its 1-based line. Throws a
 * GovernanceError at the file and line when the file does not parse or the key is not a list
 * of logins.
 */
export function listedLogins(text: string, path: string, key: string): Map<string, number> {
  return new Map([...listedLoginLines(text, path, key)].map(([login, lines]) => [login, lines[0]!]));
}

/** Every line naming each login (a login may be listed twice, in different cases). */
export function listedLoginLines(text: string, path: string, key: string): Map<string, number[]> {
  const document = parseYamlDocument(text, path);
  // every error names the file, a line (the node's, else the first) and the key
  const at = (n: unknown) => ({ line: 1, ...nodeLocation(n as Node | null, text, path), keyPath: key });
  let node: Node | null = document.contents as Node | null;
  const parts = key.split('.');
  parts.forEach((part, i) => {
    if (!isMap(node)) {
      const parent = parts.slice(0, i).join('.') || '(the document)';
      throw new GovernanceError(`${parent} is not a mapping, so it has no key "${part}"`, at(node));
    }
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === part);
    if (!pair) throw new GovernanceError(`no key "${parts.slice(0, i + 1).join('.')}"`, at(node));
    node = pair.value as Node | null;
  });
  const logins = new Map<string, number[]>();
  if (node === null || (isScalar(node) && node.value === null)) return logins; // an empty list
  if (!isSeq(node)) throw new GovernanceError('expected a list of logins', at(node));
  for (const item of node.items) {
    const written = isScalar(item) ? item.value : undefined;
    if (typeof written !== 'string' && typeof written !== 'number')
      throw new GovernanceError('expected a login', at(item));
    const login = String(written).trim().replace(/^@/, '').toLowerCase();
    logins.set(login, [...(logins.get(login) ?? []), at(item).line]);
  }
  return logins;
}

/** The default branch's listing: each login with the landing of the commit that wrote its line. */
export function baseListing(file: ListedFile, key: string): Listing {
  const listing: Listing = { path: file.path, key, logins: new Map() };
  if (file.unreadable) {
    listing.error = new GovernanceError(`could not be read with its history (${file.unreadable})`, {
      file: file.path,
      line: 1,
    });
    return listing;
  }
  if (file.text === null) {
    listing.error = new GovernanceError('does not exist on the default branch', { file: file.path, line: 1 });
    return listing;
  }
  let lines: Map<string, number[]>;
  try {
    lines = listedLoginLines(file.text, file.path, key);
  } catch (error) {
    if (!(error instanceof GovernanceError)) throw error;
    listing.error = error;
    return listing;
  }
  const then = new Map<string, Set<string> | undefined>();
  /** the logins at the key as `commit` left the file (undefined: unreadable there) */
  const listedAt = (commit: string): Set<string> | undefined => {
    if (!then.has(commit)) {
      const text = file.versions?.[commit];
      let logins: Set<string> | undefined;
      try {
        logins = text == null ? undefined : new Set(listedLogins(text, file.path, key).keys());
      } catch {
        logins = undefined;
      }
      then.set(commit, logins);
    }
    return then.get(commit);
  };
  const tenureOf = (login: string, line: number): Tenure => {
    const range = file.ranges.find((r) => r.start <= line && line <= r.end);
    const landing = range ? file.landed[range.commit] : undefined;
    if (!range) return { error: `the history of ${file.path}:${line} could not be read` };
    if (!landing) return { error: `when commit ${range.commit.slice(0, 7)} landed was not read` };
    if ('unknown' in landing) return { error: landing.unknown };
    // An unchanged line can move under the key when the lines around it change (a login moved
    // from another team's list): its commit then says nothing about when it came under the key.
    if (!listedAt(range.commit)?.has(login))
      return {
        error: `the line naming them (${file.path}:${line}) was written by commit ${range.commit.slice(0, 7)}, which ${file.versions?.[range.commit] === null ? `had no ${file.path} (the file was renamed or copied since)` : `did not list them at ${key}`}: when it came under ${key} is unknown`,
      };
    return { since: landing.at, via: landing.via, line };
  };
  // A login listed on several lines has been listed since the oldest line that proves it (each
  // line unchanged since a commit that listed it at the key); else the first line's error.
  for (const [login, at] of lines) {
    const tenures = at.map((line) => tenureOf(login, line));
    const proven = tenures
      .filter((t): t is Extract<Tenure, { since: string }> => 'since' in t)
      .sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
    listing.logins.set(login, proven[0] ?? tenures[0]!);
  }
  return listing;
}

/**
 * The listing as a pull request leaves it: the rules and the history are the default branch's,
 * and what the change adds is listed from now (zero tenure); what it removes is not listed.
 */
export function headListing(file: ListedFile, key: string, base: Listing, now: Date): Listing {
  if (base.error || (file.head === undefined && !file.headUnreadable)) return base;
  const listing: Listing = { path: file.path, key, logins: new Map() };
  if (file.headUnreadable) {
    listing.error = new GovernanceError(`could not be read in this change (${file.headUnreadable})`, {
      file: file.path,
      line: 1,
    });
    return listing;
  }
  if (file.head == null) return listing; // deleted: nobody is listed
  let lines: Map<string, number>;
  try {
    lines = listedLogins(file.head, file.path, key);
  } catch (error) {
    if (!(error instanceof GovernanceError)) throw error;
    listing.error = error;
    return listing;
  }
  for (const [login, line] of lines)
    listing.logins.set(
      login,
      base.logins.get(login) ?? { since: now.toISOString(), via: 'this pull request', line },
    );
  return listing;
}

/** Listings per `path\0key`, for every rule. */
export type Listings = Map<string, Listing>;

export const listingKey = (rule: EligibilityRule) => `${rule['listed-in'].path}\0${rule['listed-in'].key}`;

export function listingsFor(
  rules: readonly EligibilityRule[],
  files: readonly ListedFile[],
  side: 'base' | 'head',
  now: Date,
): Listings {
  const out: Listings = new Map();
  for (const rule of rules) {
    const id = listingKey(rule);
    if (out.has(id)) continue;
    const { path, key } = rule['listed-in'];
    const file = files.find((f) => f.path === path) ?? {
      path,
      text: null,
      unreadable: 'it was not read',
      ranges: [],
      landed: {},
    };
    const base = baseListing(file, key);
    out.set(id, side === 'head' ? headListing(file, key, base, now) : base);
  }
  return out;
}

/** Listing errors (a file or key that cannot be used), once per file and key, for the report. */
export function listingErrors(listings: Listings): GovernanceError[] {
  return [...listings.values()].flatMap((l) => (l.error ? [l.error] : []));
}

const DAY_MS = 86_400_000;

/** The eligibility findings of one group: one per lead and rule they do not meet. */
export function eligibilityFindings(
  group: Group,
  rules: readonly EligibilityRule[],
  listings: Listings,
  now: Date,
): Finding[] {
  const findings: Finding[] = [];
  rules.forEach((rule, index) => {
    if (!ruleMatches(rule, group.id)) return;
    const { path, key } = rule['listed-in'];
    const duration = parseDuration(
      rule['for-at-least'],
      '.github/governance.yml',
      `owners-diversity.eligibility[${index}].for-at-least`,
    );
    const ms = duration.kind === 'elapsed' ? duration.ms : duration.days * DAY_MS;
    const listing = listings.get(listingKey(rule));
    const ruleText = `"${rule.groups}" listed in ${path} at ${key} for ${rule['for-at-least']}`;
    for (const m of group.members) {
      const login = m.login.toLowerCase();
      const tenure: Tenure | undefined = listing?.error
        ? { error: `${path} cannot be used: ${listing.error.describe()}` }
        : listing?.logins.get(login);
      let message: string | undefined;
      if (!tenure || 'absent' in tenure) {
        message = `lead ${code(m.login)} is not listed in ${code(path)} at ${code(key)}`;
      } else if ('error' in tenure) {
        message = `lead ${code(m.login)} cannot be judged eligible: ${code(tenure.error)}`;
      } else {
        const eligibleAt = new Date(Date.parse(tenure.since) + ms);
        if (eligibleAt > now)
          message = `lead ${code(m.login)} has been listed in ${code(path)} at ${code(key)} only since ${isoDay(new Date(tenure.since))} (${tenure.via}); eligible from ${isoDay(eligibleAt)}`;
      }
      if (!message) continue;
      findings.push({
        key: `${group.id}\0eligibility\0${index}\0${login}`,
        group: group.id,
        kind: 'eligibility',
        rule: index,
        ruleText,
        message,
        severity: 'failure',
        locations: [{ file: m.file, line: m.line }],
      });
    }
  });
  return findings;
}

/** Logins whose listing a pull request changes (added or removed), across every rule. */
export function changedListings(base: Listings, head: Listings): Set<string> {
  const out = new Set<string>();
  for (const [id, before] of base) {
    const after = head.get(id);
    if (!after || after === before) continue;
    for (const login of new Set([...before.logins.keys(), ...after.logins.keys()]))
      if (before.logins.has(login) !== after.logins.has(login)) out.add(login);
  }
  return out;
}

/** What a pull request's eligibility verdict needs: both sides' listings and the groups they touch. */
export interface PullEligibility {
  base: Listings;
  head: Listings;
  /** groups with a lead whose listing the change edits */
  groups: Set<string>;
  reason?: string;
  /** the default branch's listing errors (fail every run until fixed) and the head's new ones */
  baseErrors: GovernanceError[];
  headErrors: GovernanceError[];
}

export function pullEligibility(
  rules: readonly EligibilityRule[],
  files: readonly ListedFile[],
  groupSets: readonly { groups: Group[] }[],
  now: Date,
): PullEligibility {
  const base = listingsFor(rules, files, 'base', now);
  const head = listingsFor(rules, files, 'head', now);
  const logins = changedListings(base, head);
  const groups = new Set(
    groupSets.flatMap((s) =>
      s.groups
        .filter((g) => rules.some((r) => ruleMatches(r, g.id)))
        .filter((g) => g.members.some((m) => logins.has(m.login.toLowerCase())))
        .map((g) => g.id),
    ),
  );
  const baseErrors = listingErrors(base);
  const known = new Set(baseErrors.map((e) => e.describe()));
  return {
    base,
    head,
    groups,
    ...(logins.size
      ? {
          reason: `listings changed for ${logins.size} person(s) (${groups.size} group(s) they lead); what this change adds counts from now`,
        }
      : {}),
    baseErrors,
    headErrors: listingErrors(head).filter((e) => !known.has(e.describe())),
  };
}
