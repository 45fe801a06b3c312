/**
 * Typed reading of a YAML document node by node, so that every error names the file, the line
 * and the key path (`steps[2].label.add`), and unknown keys are rejected where they appear.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Document,
  type Node,
} from 'yaml';

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly keyPath: string,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${keyPath ? `${keyPath}: ` : ''}${reason}`);
  }
}

export type Path = (string | number)[];

export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/** A YAML node with where it came from. `node` is undefined when the key is absent. */
export interface At {
  node: Node | null | undefined;
  path: Path;
}

export class YamlReader {
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
    private readonly doc?: Document,
  ) {}

  /** `*anchor` reads as the node it names. */
  deref(node: unknown): Node | null | undefined {
    if (isAlias(node) && this.doc) return node.resolve(this.doc) as Node | undefined;
    return node as Node | null | undefined;
  }

  fail(at: { node?: unknown; path: Path }, reason: string): never {
    throw new ScenarioError(this.file, this.line(at), formatPath(at.path), reason);
  }

  /** The 1-based line a node starts on. */
  line(at: { node?: unknown }): number | undefined {
    const range = (at.node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : undefined;
  }

  isAbsent(at: At): boolean {
    return at.node === undefined || at.node === null || (isScalar(at.node) && at.node.value === null);
  }

  /** The entries of a mapping; any key not in `allowed` is an error naming its path. */
  map(at: At, allowed?: readonly string[]): Map<string, At> {
    if (!isMap(at.node)) this.fail(at, `expected a mapping, found ${describe(at.node)}`);
    const out = new Map<string, At>();
    for (const pair of (at.node as YAMLMap).items as Pair<unknown, unknown>[]) {
      const keyNode = pair.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.source ?? keyNode.value) : undefined;
      const path = [...at.path, key ?? '?'];
      if (key === undefined) this.fail({ node: keyNode, path }, 'keys must be plain scalars');
      if (allowed && !allowed.includes(key)) {
        this.fail({ node: keyNode, path }, `unknown key "${key}" (expected one of: ${allowed.join(', ')})`);
      }
      out.set(key, { node: this.deref(pair.value), path });
    }
    return out;
  }

  /** Look up an optional child of a mapping already read with `map`. */
  child(entries: Map<string, At>, parent: At, key: string): At {
    return entries.get(key) ?? { node: undefined, path: [...parent.path, key] };
  }

  required(entries: Map<string, At>, parent: At, key: string): At {
    const at = entries.get(key);
    if (!at || this.isAbsent(at)) this.fail(parent, `missing required key "${key}"`);
    return at;
  }

  seq(at: At): At[] {
    if (!isSeq(at.node)) this.fail(at, `expected a list, found ${describe(at.node)}`);
    return ((at.node as YAMLSeq).items as Node[]).map((node, i) => ({
      node: this.deref(node),
      path: [...at.path, i],
    }));
  }

  /** A string; a plain number or boolean is read as written (`2027.1` stays "2027.1"). */
  str(at: At): string {
    const node = at.node;
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') {
      this.fail(at, `expected a string, found ${describe(node)}`);
    }
    const s = node as Scalar;
    if (typeof s.value === 'string') return s.value;
    return s.source !== undefined && s.type === Scalar.PLAIN ? String(s.source) : String(s.value);
  }

  optStr(at: At, fallback: string): string;
  optStr(at: At): string | undefined;
  optStr(at: At, fallback?: string): string | undefined {
    return this.isAbsent(at) ? fallback : this.str(at);
  }

  int(at: At, min = Number.MIN_SAFE_INTEGER): number {
    const node = at.node;
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) {
      this.fail(at, `expected an integer, found ${describe(node)}`);
    }
    const n = (node as Scalar<number>).value;
    if (n < min) this.fail(at, `expected an integer >= ${min}, found ${n}`);
    return n;
  }

  bool(at: At, fallback: boolean): boolean {
    if (this.isAbsent(at)) return fallback;
    const node = at.node;
    if (!isScalar(node) || typeof node.value !== 'boolean')
      this.fail(at, `expected true or false, found ${describe(node)}`);
    return (node as Scalar<boolean>).value;
  }

  oneOf<T extends string>(at: At, values: readonly T[]): T {
    const s = this.str(at);
    if (!(values as readonly string[]).includes(s))
      this.fail(at, `expected one of ${values.join(', ')}, found "${s}"`);
    return s as T;
  }

  /** A list of strings; a single string is accepted as a list of one. */
  strList(at: At): string[] {
    if (this.isAbsent(at)) return [];
    if (isScalar(at.node)) return [this.str(at)];
    return this.seq(at).map((item) => this.str(item));
  }

  /** A mapping of string to string. */
  strMap(at: At): Record<string, string> {
    if (this.isAbsent(at)) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of this.map(at)) out[k] = this.str(v);
    return out;
  }

  /** A scalar of any type as the text an Actions input would carry (`true`, `3`, `72h`). */
  inputValue(at: At): string {
    if (this.isAbsent(at)) return '';
    return this.str(at);
  }

  /** ISO 8601 date-time (or date), normalised to GitHub's `YYYY-MM-DDTHH:MM:SSZ`. */
  time(at: At): string {
    const s = this.str(at);
    if (!/^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/.test(s)) {
      this.fail(at, `expected an ISO 8601 date-time such as 2026-03-02T09:00:00Z, found "${s}"`);
    }
    const withZone = /([Zz]|[+-]\d{2}:?\d{2})$/.test(s) || s.length === 10 ? s : `${s}Z`;
    const date = new Date(withZone);
    if (Number.isNaN(date.getTime())) this.fail(at, `invalid date-time "${s}"`);
    return toGithubTime(date);
  }

  /** A regex in the scenario dialect: JavaScript, with a leading `(?i)` for case-insensitive. */
  regex(at: At): RegExp {
    const source = this.str(at);
    try {
      return compileRegex(source);
    } catch (e) {
      this.fail(at, `invalid regular expression: ${(e as Error).message}`);
    }
  }

  regexList(at: At): RegExp[] {
    if (this.isAbsent(at)) return [];
    if (isScalar(at.node)) return [this.regex(at)];
    return this.seq(at).map((item) => this.regex(item));
  }
}

export function compileRegex(source: string): RegExp {
  const insensitive = source.startsWith('(?i)');
  return new RegExp(insensitive ? source.slice(4) : source, insensitive ? 'i' : '');
}

/** Shows a regex the way the scenario wrote it. */
export function showRegex(re: RegExp): string {
  return re.flags.includes('i') ? `(?i)${re.source}` : re.source;
}

export function toGithubTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function describe(node: unknown): string {
  if (node === undefined || node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    return `${typeof v} ${JSON.stringify(v)}`;
  }
  return 'an unsupported YAML node';
}
