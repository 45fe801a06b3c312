/**
 * Reading typed values out of a parsed `yaml` document while keeping the line of every value,
 * so OWNERS and OWNERS_ALIASES problems can be annotated on the exact line.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import {
  GovernanceError,
  describeAt,
  joinKeyPath,
  nodeLocation,
  type ErrorLocation,
} from '../errors/governance-error.js';

/** One login of an OWNERS-style file, normalised (`normaliseLogin`), with the line it is on. */
export interface OwnersEntry {
  login: string;
  /** 1-based line in the file that names this login (or the alias that expanded to it). */
  line: number;
  /** Set for GitHub team references (`org/team`), which are not logins. */
  team?: true;
  /** The alias this login came from, when expanded from OWNERS_ALIASES. */
  alias?: string;
}

export interface ReadContext {
  file: string;
  source: string;
  document: Document;
  warnings: string[];
}

export interface KeyedNode {
  key: string;
  keyNode: Node | null;
  value: Node | null;
}

/** Logins with a slash are GitHub team references (`kubernetes/dep-approvers`). */
export function isTeamReference(login: string): boolean {
  return login.includes('/');
}

/**
 * A login as Prow's repoowners reads it (github.NormLogin): lower-cased, one leading `@` dropped,
 * so `@Alice` and `alice` are one person and a review request never names `@Alice`.
 */
export function normaliseLogin(written: string): string {
  const lower = written.toLowerCase();
  return lower.startsWith('@') ? lower.slice(1) : lower;
}

export function makeEntry(written: string, line: number): OwnersEntry {
  const login = normaliseLogin(written);
  return isTeamReference(login) ? { login, line, team: true } : { login, line };
}

export function locate(context: ReadContext, node: Node | null | undefined, keyPath?: string): ErrorLocation {
  return nodeLocation(node ?? undefined, context.source, context.file, keyPath);
}

export function fail(
  context: ReadContext,
  node: Node | null | undefined,
  keyPath: string | undefined,
  message: string,
): never {
  throw new GovernanceError(message, locate(context, node, keyPath));
}

export function warn(
  context: ReadContext,
  node: Node | null | undefined,
  keyPath: string | undefined,
  message: string,
): void {
  context.warnings.push(describeAt(locate(context, node, keyPath), message));
}

export function lineOf(context: ReadContext, node: Node | null | undefined): number {
  return locate(context, node).line ?? 1;
}

/** Follows `*alias` references to the anchored node (bounded: aliases cannot loop in valid YAML). */
function deref(context: ReadContext, node: unknown): Node | null {
  let current = node;
  for (let hops = 0; isAlias(current); hops++) {
    if (hops > 16) fail(context, current, undefined, 'YAML alias chain is too long');
    current = current.resolve(context.document);
  }
  return (current ?? null) as Node | null;
}

export function isNullNode(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** The pairs of a mapping; an absent or null value reads as an empty mapping. */
export function mappingPairs(
  context: ReadContext,
  node: unknown,
  keyPath: string | undefined,
  what: string,
): KeyedNode[] {
  const value = deref(context, node);
  if (isNullNode(value)) return [];
  if (!isMap(value)) return fail(context, value, keyPath, `${what} must be a mapping`);
  return value.items.map((pair) => {
    const keyNode = deref(context, pair.key);
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      return fail(context, keyNode ?? value, keyPath, 'mapping keys must be plain strings');
    }
    return { key: scalarText(keyNode), keyNode, value: deref(context, pair.value) };
  });
}

/** Text of a scalar as written: `12345` stays "12345", `true` stays "true". */
function scalarText(node: Node): string {
  if (!isScalar(node)) return '';
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

/** A list of strings; null reads as empty, a null or empty item is skipped with a warning. */
export function stringList(
  context: ReadContext,
  node: Node | null,
  keyPath: string,
): { text: string; line: number }[] {
  const value = deref(context, node);
  if (isNullNode(value)) return [];
  if (!isSeq(value)) return fail(context, value, keyPath, 'expected a list');
  const result: { text: string; line: number }[] = [];
  value.items.forEach((raw, index) => {
    const item = deref(context, raw);
    const itemPath = joinKeyPath(keyPath, index);
    if (item !== null && !isScalar(item)) fail(context, item, itemPath, 'list items must be plain strings');
    const text = item === null || item.value === null ? '' : scalarText(item).trim();
    if (text === '') {
      warn(context, item ?? value, itemPath, 'empty list item ignored');
      return;
    }
    result.push({ text, line: lineOf(context, item) });
  });
  return result;
}

export function loginList(context: ReadContext, node: Node | null, keyPath: string): OwnersEntry[] {
  return stringList(context, node, keyPath).map(({ text, line }) => makeEntry(text, line));
}

export function booleanValue(context: ReadContext, node: Node | null, keyPath: string): boolean {
  const value = deref(context, node);
  if (isNullNode(value)) return false;
  if (isScalar(value) && typeof value.value === 'boolean') return value.value;
  return fail(context, value, keyPath, 'expected true or false');
}
