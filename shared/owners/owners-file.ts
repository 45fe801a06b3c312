/**
 * Kubernetes OWNERS files, as Prow's repoowners package reads them
 * (https://www.kubernetes.dev/docs/guide/owners/):
 *
 *   approvers / reviewers / emeritus_approvers / required_reviewers: lists of logins or aliases
 *   labels: labels applied to pull requests touching the directory
 *   options: { no_parent_owners: bool, auto_approve_unowned_subfolders: bool }
 *   filters: { "<Go regexp on paths>": { the same lists as above } }
 *
 * Lists may be null. Unknown keys are ignored, as Prow ignores them, but reported as warnings so a
 * typo (`approver:`) does not silently drop people. Logins are read as Prow reads them: lower-cased,
 * a leading `@` dropped. Emeritus approvers never count as approvers. Where this reading differs
 * from Prow's on purpose: docs/owners-diversity-check.md "OWNERS semantics".
 */
import type { Node } from 'yaml';
import { parseYamlDocument, joinKeyPath } from '../errors/governance-error.js';
import { INPUT_LIMITS, checkInputSize } from '../errors/input-limits.js';
import {
  booleanValue,
  fail,
  lineOf,
  loginList,
  mappingPairs,
  stringList,
  warn,
  type OwnersEntry,
  type ReadContext,
} from './yaml-nodes.js';

export type { OwnersEntry } from './yaml-nodes.js';

/** The lists one OWNERS configuration (the file itself, or one filter) can hold. */
export interface OwnersLists {
  approvers: OwnersEntry[];
  reviewers: OwnersEntry[];
  emeritusApprovers: OwnersEntry[];
  /** Reviewers Prow requires on matching files; may name teams (`kubernetes/dep-approvers`). */
  requiredReviewers: OwnersEntry[];
  labels: string[];
}

export interface OwnersFilter extends OwnersLists {
  /** The regular expression as written (Go RE2 syntax, matched against paths relative to the file). */
  pattern: string;
  line: number;
}

export interface OwnersFile extends OwnersLists {
  noParentOwners: boolean;
  autoApproveUnownedSubfolders: boolean;
  filters: OwnersFilter[];
  /** `file:line:column: keyPath: message` strings for things ignored but worth a look. */
  warnings: string[];
}

const LIST_KEYS = {
  approvers: 'approvers',
  reviewers: 'reviewers',
  emeritus_approvers: 'emeritusApprovers',
  required_reviewers: 'requiredReviewers',
} as const satisfies Record<string, keyof OwnersLists>;
const LABELS_KEY = 'labels';
const OPTIONS_KEY = 'options';
const FILTERS_KEY = 'filters';
/** Keys Prow or the community docs define that these actions have no use for. */
const IGNORED_KEYS = new Set(['security_contacts']);
const OPTION_KEYS = {
  no_parent_owners: 'noParentOwners',
  auto_approve_unowned_subfolders: 'autoApproveUnownedSubfolders',
} as const;
/** Filter that applies to every file in the directory: the documented stand-in for top-level lists. */
export const ALL_FILES_FILTER = '.*';

function emptyLists(): OwnersLists {
  return { approvers: [], reviewers: [], emeritusApprovers: [], requiredReviewers: [], labels: [] };
}

/** Parses one OWNERS file. Throws a GovernanceError (with file and line) for invalid YAML or wrong types. */
export function parseOwnersFile(text: string, file: string): OwnersFile {
  checkInputSize(text, file, INPUT_LIMITS.owners, 'an OWNERS file');
  const document = parseYamlDocument(text, file);
  const context: ReadContext = { file, source: text, document, warnings: [] };
  const result: OwnersFile = {
    ...emptyLists(),
    noParentOwners: false,
    autoApproveUnownedSubfolders: false,
    filters: [],
    warnings: context.warnings,
  };

  let filtersKeyNode: Node | null = null;
  for (const { key, keyNode, value } of mappingPairs(
    context,
    document.contents,
    undefined,
    'an OWNERS file',
  )) {
    if (readListKey(context, result, key, value, key)) continue;
    if (key === OPTIONS_KEY) {
      readOptions(context, result, value);
    } else if (key === FILTERS_KEY) {
      filtersKeyNode = keyNode;
      result.filters = readFilters(context, value);
    } else if (!IGNORED_KEYS.has(key)) {
      warn(context, keyNode, key, 'unknown key ignored');
    }
  }

  const hasTopLevelLists =
    result.approvers.length +
      result.reviewers.length +
      result.requiredReviewers.length +
      result.labels.length >
    0;
  if (result.filters.length > 0 && hasTopLevelLists) {
    warn(
      context,
      filtersKeyNode,
      FILTERS_KEY,
      `filters and top-level lists in one file: Prow then ignores the filters; move the lists under filters."${ALL_FILES_FILTER}"`,
    );
  }
  return result;
}

/** Reads one of the list keys into `target`; false when `key` is not one of them. */
function readListKey(
  context: ReadContext,
  target: OwnersLists,
  key: string,
  value: Node | null,
  keyPath: string,
): boolean {
  if (key === LABELS_KEY) {
    target.labels = stringList(context, value, keyPath).map((item) => item.text);
    return true;
  }
  if (Object.hasOwn(LIST_KEYS, key)) {
    target[LIST_KEYS[key as keyof typeof LIST_KEYS]] = loginList(context, value, keyPath);
    return true;
  }
  return false;
}

function readOptions(context: ReadContext, result: OwnersFile, node: Node | null): void {
  for (const { key, keyNode, value } of mappingPairs(context, node, OPTIONS_KEY, OPTIONS_KEY)) {
    const keyPath = joinKeyPath(OPTIONS_KEY, key);
    if (Object.hasOwn(OPTION_KEYS, key)) {
      result[OPTION_KEYS[key as keyof typeof OPTION_KEYS]] = booleanValue(context, value, keyPath);
    } else {
      warn(context, keyNode, keyPath, 'unknown option ignored');
    }
  }
}

function readFilters(context: ReadContext, node: Node | null): OwnersFilter[] {
  return mappingPairs(context, node, FILTERS_KEY, FILTERS_KEY).map(({ key: pattern, keyNode, value }) => {
    const filterPath = joinKeyPath(FILTERS_KEY, pattern);
    if (compileFilterPattern(pattern) === null) {
      warn(
        context,
        keyNode,
        filterPath,
        'filter pattern is not a regular expression this tool can read; it matches nothing here',
      );
    }
    const filter: OwnersFilter = { pattern, line: lineOf(context, keyNode), ...emptyLists() };
    for (const entry of mappingPairs(context, value, filterPath, 'a filter')) {
      const keyPath = joinKeyPath(filterPath, entry.key);
      if (!readListKey(context, filter, entry.key, entry.value, keyPath)) {
        if (entry.key === OPTIONS_KEY || entry.key === FILTERS_KEY) {
          fail(context, entry.keyNode, keyPath, `${entry.key} is not allowed inside a filter`);
        }
        warn(context, entry.keyNode, keyPath, 'unknown key ignored');
      }
    }
    return filter;
  });
}

/** Go's leading inline-flag group, e.g. `(?i)charter.md`; JavaScript takes flags separately. */
const GO_INLINE_FLAGS = /^\(\?([imsU]+)\)/;

/**
 * Compiles an OWNERS filter key (Go RE2) as a JavaScript RegExp, or null when it cannot be read.
 * A leading `(?i)`/`(?s)`/`(?m)` becomes the matching flag; RE2 and JavaScript agree on the rest
 * of what OWNERS files use (`.*`, `\.go$`, `go\.(mod|sum)$`). Like Go's MatchString, the
 * pattern is unanchored.
 */
export function compileFilterPattern(pattern: string): RegExp | null {
  let source = pattern;
  let flags = '';
  const inline = GO_INLINE_FLAGS.exec(source);
  if (inline) {
    if (inline[1]!.includes('U')) return null; // ungreedy has no JavaScript counterpart
    flags = [...new Set(inline[1]!)].join('');
    source = source.slice(inline[0].length);
  }
  try {
    return new RegExp(source, flags);
  } catch {
    return null;
  }
}

/**
 * The lists that apply to every file of the directory: the top-level lists plus those of the
 * `".*"` filter (how k/k and test-infra root files declare their approvers). Entries are
 * deduplicated case-insensitively, keeping the first spelling.
 */
export function ownersForAllFiles(owners: OwnersFile): OwnersLists {
  const everywhere = owners.filters.filter((filter) => filter.pattern === ALL_FILES_FILTER);
  return mergeLists([owners, ...everywhere]);
}

function mergeLists(sources: readonly OwnersLists[]): OwnersLists {
  const merged = emptyLists();
  for (const source of sources) {
    merged.approvers.push(...source.approvers);
    merged.reviewers.push(...source.reviewers);
    merged.emeritusApprovers.push(...source.emeritusApprovers);
    merged.requiredReviewers.push(...source.requiredReviewers);
    merged.labels.push(...source.labels);
  }
  return {
    approvers: uniqueEntries(merged.approvers),
    reviewers: uniqueEntries(merged.reviewers),
    emeritusApprovers: uniqueEntries(merged.emeritusApprovers),
    requiredReviewers: uniqueEntries(merged.requiredReviewers),
    labels: [...new Set(merged.labels)],
  };
}

/**
 * The lists of the file and of all its filters together: everyone who approves some file of the
 * directory. For a file that names nobody for every file (docs/owners-diversity-check.md).
 */
export function ownersForAnyFile(owners: OwnersFile): OwnersLists {
  return mergeLists([owners, ...owners.filters]);
}

/**
 * Directories Prow never reads OWNERS files in, whatever its configuration adds: its preconfigured
 * `owners_dir_denylist` (`\.git$`, `_output$`, `vendor/.*\/.*`), matched unanchored against each
 * directory on the way down, so everything below a denied directory is skipped too.
 */
export const PROW_DENIED_DIRECTORIES: readonly RegExp[] = [/\.git$/, /_output$/, /vendor\/.*\/.*/];

/** Is the OWNERS file at `path` (relative to the repository root) one Prow never loads? */
export function isDeniedOwnersPath(path: string): boolean {
  const parts = path.split('/').slice(0, -1);
  for (let depth = 1; depth <= parts.length; depth++) {
    const directory = parts.slice(0, depth).join('/');
    if (PROW_DENIED_DIRECTORIES.some((pattern) => pattern.test(directory))) return true;
  }
  return false;
}

/** Keeps the first entry of each login, compared case-insensitively. */
export function uniqueEntries(entries: readonly OwnersEntry[]): OwnersEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = entry.login.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
