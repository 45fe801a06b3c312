/**
 * OWNERS_ALIASES: `aliases: { <alias>: [logins] }` at a repository's root. An OWNERS list may name
 * an alias wherever it names a login. Alias names and logins are case-insensitive (Prow lowercases
 * both), an alias may be empty (`[]` or null), and real files do not nest aliases; nesting is
 * still expanded here, with cycles cut, so a mistaken self-reference cannot hang a run.
 */
import type { Node } from 'yaml';
import { parseYamlDocument, joinKeyPath } from '../errors/governance-error.js';
import { lineOf, loginList, mappingPairs, warn, type OwnersEntry, type ReadContext } from './yaml-nodes.js';

export interface OwnersAlias {
  /** The alias name as written. */
  name: string;
  members: OwnersEntry[];
  /** Line of the alias name in OWNERS_ALIASES. */
  line: number;
}

export interface OwnersAliases {
  /** Keyed by the lowercased alias name. */
  aliases: Map<string, OwnersAlias>;
  warnings: string[];
}

const ALIASES_KEY = 'aliases';

/** Parses an OWNERS_ALIASES file. Throws a GovernanceError (with file and line) for invalid YAML or wrong types. */
export function parseOwnersAliases(text: string, file: string): OwnersAliases {
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
    const lower = name.toLowerCase();
    const members = loginList(context, value, keyPath);
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
    aliases.set(lower, { name, members, line: lineOf(context, keyNode) });
  }
}

/**
 * Replaces alias names in `entries` by their members. Each member keeps the line of the entry
 * that named the alias (where an annotation belongs) and records the alias in `alias`.
 * Deduplicates case-insensitively, keeping the first spelling; team references (`org/team`)
 * are kept as they are, marked `team: true`.
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
    const lower = entry.login.toLowerCase();
    const alias = entry.team ? undefined : table.get(lower);
    if (alias) {
      if (expandedAliases.has(lower)) return;
      expandedAliases.add(lower);
      for (const member of alias.members) add(member, line, viaAlias ?? alias.name);
      return;
    }
    if (seen.has(lower)) return;
    seen.add(lower);
    const expanded: OwnersEntry = { login: entry.login, line };
    if (entry.team) expanded.team = true;
    if (viaAlias !== undefined) expanded.alias = viaAlias;
    result.push(expanded);
  };

  for (const entry of entries) add(entry, entry.line, entry.alias);
  return result;
}
