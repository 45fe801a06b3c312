/**
 * The error type of bad input (governance-error-type.ts, re-exported here) and the YAML helpers
 * that locate it: positions, key paths, and a YAML document parsed with the project's limits.
 */
import { LineCounter, YAMLError, isScalar, parseDocument, visit, type Document, type Scalar } from 'yaml';
import { checkYamlAliases, checkYamlNesting } from './input-limits.js';

export { describeAt, GovernanceError, type ErrorLocation } from './governance-error-type.js';
import { GovernanceError, type ErrorLocation } from './governance-error-type.js';

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, counted in UTF-16 code units like the offsets it comes from. */
  column: number;
}

/**
 * Offsets at which each line of `source` starts, kept for the few texts read last: every node of a
 * file asks for its line, and rescanning the file each time made parsing quadratic.
 */
const lineStartCache = new Map<string, Uint32Array>();
const LINE_START_CACHE_SIZE = 4;

function lineStartsOf(source: string): Uint32Array {
  const cached = lineStartCache.get(source);
  if (cached) return cached;
  const starts: number[] = [0];
  for (let i = 0; i < source.length; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 0x0a || (ch === 0x0d && source.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  const table = Uint32Array.from(starts);
  if (lineStartCache.size >= LINE_START_CACHE_SIZE) {
    lineStartCache.delete(lineStartCache.keys().next().value!);
  }
  lineStartCache.set(source, table);
  return table;
}

/** Line and column of a UTF-16 offset in `source`; `\n`, `\r\n` and a lone `\r` each end a line. */
export function positionAt(source: string, offset: number): Position {
  const end = Math.max(0, Math.min(offset, source.length));
  const starts = lineStartsOf(source);
  // the last line start at or before `end`
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (starts[middle]! <= end) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: end - starts[low]! + 1 };
}

/** A node of the `yaml` library, or anything else that carries its source `range`. */
export interface Ranged {
  range?: [number, number, number] | null;
}

/**
 * Where a `yaml` node starts. `offsetBase` is added to the node's offsets when the YAML text was
 * cut out of a larger file (front matter), and `source` is then that whole file.
 */
export function nodeLocation(
  node: Ranged | null | undefined,
  source: string,
  file: string,
  keyPath?: string,
  offsetBase = 0,
): ErrorLocation {
  const location: ErrorLocation = { file };
  if (keyPath) location.keyPath = keyPath;
  if (node?.range) Object.assign(location, positionAt(source, node.range[0] + offsetBase));
  return location;
}

/** A `LineCounter`-based variant of `nodeLocation` for callers that already keep one. */
export function nodeLocationFromCounter(
  node: Ranged | null | undefined,
  lineCounter: LineCounter,
  file: string,
  keyPath?: string,
): ErrorLocation {
  const location: ErrorLocation = { file };
  if (keyPath) location.keyPath = keyPath;
  if (node?.range) {
    const { line, col } = lineCounter.linePos(node.range[0]);
    // LineCounter reports line 0 when it never saw a newline before the offset.
    location.line = Math.max(line, 1);
    location.column = col;
  }
  return location;
}

/** The `yaml` library appends " at line L, column C:\n\n<excerpt>" when prettyErrors is on. */
const PRETTY_SUFFIX = / at line \d+, column \d+:?[\s\S]*$/;

/** Location of a `yaml` parse error; `source` is the text that holds `error.pos` (after `offsetBase`). */
export function yamlErrorLocation(
  error: YAMLError,
  source: string,
  file: string,
  offsetBase = 0,
): ErrorLocation {
  return { file, ...positionAt(source, error.pos[0] + offsetBase) };
}

/** Turns a `yaml` parse error into a GovernanceError at the same place. */
export function governanceErrorFromYaml(
  error: YAMLError,
  source: string,
  file: string,
  offsetBase = 0,
): GovernanceError {
  const message = error.message.replace(PRETTY_SUFFIX, '');
  return new GovernanceError(`invalid YAML: ${message}`, yamlErrorLocation(error, source, file, offsetBase));
}

/**
 * Parses one YAML document and throws a GovernanceError for its first error. The core schema
 * keeps `2026-12-25` a string and `yes` a string, as YAML 1.2 says. Multiple documents are
 * an error (`MULTIPLE_DOCS`), as are duplicate keys. Nesting and aliases beyond the caps of
 * input-limits.ts are refused (before parsing, for nesting).
 */
export function parseYamlDocument(text: string, file: string, source = text, offsetBase = 0) {
  checkYamlNesting(text, file, source, offsetBase);
  let document: ReturnType<typeof parseDocument>;
  try {
    // The library's own `uniqueKeys` compares each key with every earlier one (quadratic in a
    // mapping of 50,000 logins); duplicates are found below with a set instead.
    document = parseDocument(text, { prettyErrors: false, uniqueKeys: false, schema: 'core' });
  } catch (error) {
    // Pathological input (e.g. nesting deep enough to overflow the stack) is still bad input.
    throw new GovernanceError(`invalid YAML: ${(error as Error).message}`, { file });
  }
  const [first] = document.errors;
  const duplicate = firstDuplicateKey(document);
  if (duplicate && (!first || duplicate.range![0] < first.pos[0])) {
    throw new GovernanceError(
      'invalid YAML: Map keys must be unique',
      nodeLocation(duplicate, source, file, undefined, offsetBase),
    );
  }
  if (first) throw governanceErrorFromYaml(first, source, file, offsetBase);
  checkYamlAliases(document, file, source, offsetBase);
  return document;
}

/** The first key repeated in one of the document's mappings (scalar keys, compared by value as the library does). */
function firstDuplicateKey(document: Document): Scalar | undefined {
  let found: Scalar | undefined;
  visit(document, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const value = pair.key.value;
        const identity = `${typeof value}:${String(value)}`;
        if (seen.has(identity)) {
          found = pair.key;
          return visit.BREAK;
        }
        seen.add(identity);
      }
      return undefined;
    },
  });
  return found;
}

/** Renders a key path segment: plain keys as is, others quoted (`filters.".*"`). */
export function keyPathSegment(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

export function joinKeyPath(parent: string | undefined, key: string | number): string {
  if (typeof key === 'number') return `${parent ?? ''}[${key}]`;
  const segment = keyPathSegment(key);
  return parent ? `${parent}.${segment}` : segment;
}
