/**
 * OWNERS_ALIASES: `aliases: { <alias>: [logins] }` at a repository's root. An OWNERS list may name
 * an alias wherever it names a login, including a name with a slash (`team/t1`), which is an alias
 * when OWNERS_ALIASES defines it and a GitHub team otherwise. As in Prow, names and logins are
 * normalised (lower-cased, a leading `@` dropped), an alias may be empty (`[]`, `{}` or null), and
 * a flow-style set (`{alice, bob}`) lists its members as keys. Real files do not nest aliases;
 * nesting is still expanded here, with cycles cut, so a mistaken self-reference cannot hang a run.
 */
import type { Node } from 'yaml';
import { isMap } from 'yaml';
import { parseYamlDocument, joinKeyPath } from '../errors/governance-error.js';
import { INPUT_LIMITS, checkInputSize } from '../errors/input-limits.js';
import {
  fail,
  isNullNode,
  lineOf,
  loginList,
  makeEntry,
  mappingPairs,
  normaliseLogin,
  warn,
  type OwnersEntry,
  type ReadContext,
} from './yaml-nodes.js';

export interface OwnersAlias {
  /** The alias name as written, without a leading `@`. */
  name: string;
  members: OwnersEntry[];
  /** Line of the alias name in OWNERS_ALIASES. */
  line: number;
}

export interface OwnersAliases {
  /** Keyed by the normalised alias name (`normaliseLogin`). */
  aliases: Map<string, OwnersAlias>;
  warnings: string[];
}

const ALIASES_KEY = 'aliases';

/** Parses an OWNERS_ALIASES file. Throws a GovernanceError (with file and line) for invalid YAML or wrong types. */
export function parseOwnersAliases(text: string, file: string): OwnersAliases {
  checkInputSize(text, file, INPUT_LIMITS.ownersAliases, 'an OWNERS_ALIASES file');
  const document = parseYamlDocument(text, file);
  const context: ReadContext = { file, source: text, document, warnings: [] };
  const aliases = new Map<string, OwnersAlias>();

  for (const { key, keyNode, value } of mappingPairs(
    context,
    document.contents,
    undefined,
    'an OWNERS_ALIASES file',
  )) {
    if (key !== ALIASES_KEY) {
      warn(context, keyNode, key, 'unknown key ignored');
      continue;
    }
    readAliases(context, value, aliases);
  }
  return { aliases, warnings: context.warnings };
}

function readAliases(context: ReadContext, node: Node | null, aliases: Map<string, OwnersAlias>): void {
  for (const { key: name, keyNode, value } of mappingPairs(context, node, ALIASES_KEY, ALIASES_KEY)) {
    const keyPath = joinKeyPath(ALIASES_KEY, name);
    const lower = normaliseLogin(name);
    const members = isMap(value) ? setMembers(context, value, keyPath) : loginList(context, value, keyPath);
    const existing = aliases.get(lower);
    if (existing) {
      warn(
        context,
        keyNode,
        keyPath,
        `alias "${name}" repeats "${existing.name}" (line ${existing.line}) in another case; the first is used`,
      );
      continue;
    }
    aliases.set(lower, { name: name.replace(/^@/, ''), members, line: lineOf(context, keyNode) });
  }
}

/** A flow-style set, `{alice, bob}` (or `{}`): the members are the keys, which carry no values. */
function setMembers(context: ReadContext, node: Node, keyPath: string): OwnersEntry[] {
  return mappingPairs(context, node, keyPath, 'an alias').map(({ key, keyNode, value }) => {
    if (!isNullNode(value)) {
      fail(context, value, joinKeyPath(keyPath, key), 'an alias set lists logins only ({alice, bob})');
    }
    return makeEntry(key.trim(), lineOf(context, keyNode));
  });
}

/**
 * Replaces alias names in `entries` by their members. Each member keeps the line of the entry
 * that named the alias (where an annotation belongs) and records the alias in `alias`.
 * Deduplicates case-insensitively; team references (`org/team`) that are not aliases are kept
 * as they are, marked `team: true`.
 */
export function expandAliases(
  entries: readonly OwnersEntry[],
  aliases: OwnersAliases | ReadonlyMap<string, OwnersAlias>,
): OwnersEntry[] {
  const table = aliases instanceof Map ? aliases : (aliases as OwnersAliases).aliases;
  const result: OwnersEntry[] = [];
  const seen = new Set<string>();
  // An alias is expanded once per call: a second mention adds nobody new (members are deduplicated),
  // and marking it on entry cuts cycles and keeps nested diamonds from blowing up.
  const expandedAliases = new Set<string>();

  const add = (entry: OwnersEntry, line: number, viaAlias: string | undefined): void => {
    const lower = normaliseLogin(entry.login);
    // `team/t1` is an alias when OWNERS_ALIASES defines it, as Prow expands it; else a team
    const alias = table.get(lower);
    if (alias) {
      if (expandedAliases.has(lower)) return;
      expandedAliases.add(lower);
      for (const member of alias.members) add(member, line, viaAlias ?? alias.name);
      return;
    }
    if (seen.has(lower)) return;
    seen.add(lower);
    const expanded: OwnersEntry = { login: lower, line };
    if (entry.team) expanded.team = true;
    if (viaAlias !== undefined) expanded.alias = viaAlias;
    result.push(expanded);
  };

  for (const entry of entries) add(entry, entry.line, entry.alias);
  return result;
}
