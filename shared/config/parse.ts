/**
 * Parse and validate one governance.yml text. Pure: the loader fetches the text, this turns it
 * into a partial config or a GovernanceError that names the file, line, column and key path.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { GovernanceError } from '../errors/governance-error.js';
import { timeZoneAdvice } from '../calendar/time-zone-names.js';
import { sigLabel } from '../vep/sigs.js';
import { DEFAULT_CONFIG } from './defaults.js';
import validateGenerated from './governance-validator.generated.js';

/** GitHub refuses longer label names (422); the schema holds literal labels to it. */
const LABEL_MAX_LENGTH = 50;

/** governance.schema.json compiled at build time (schema-setup.ts; scripts/schema-validator.ts). */
const check = validateGenerated as unknown as ValidateFunction;

export type PartialConfig = Record<string, unknown>;

/** Parse `text` (the content of `file`); empty text is an empty config. */
export function parseConfigText(text: string, file: string): PartialConfig {
  return parseConfigFile(text, file).value;
}

/** One parsed configuration file, with where each key is written for messages about it. */
export interface ParsedConfigFile {
  file: string;
  value: PartialConfig;
  /** line and column of the value at `path` (of its key with `key: true`; of its parent when absent) */
  at(path: (string | number)[], opts?: { key?: boolean }): { line: number; column: number };
}

export function parseConfigFile(text: string, file: string): ParsedConfigFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = lineCounter.linePos(err.pos[0]);
    throw new GovernanceError(`invalid YAML: ${firstLine(err.message)}`, {
      file,
      line: pos.line,
      column: pos.col,
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    // An alias without its anchor, or too many aliases (a "billion laughs" file), fails only here.
    throw new GovernanceError(`invalid YAML: ${firstLine((error as Error).message)}`, {
      file,
      ...firstAliasPosition(doc, lineCounter),
    });
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new GovernanceError('the configuration must be a YAML mapping of sections', {
      file,
      line: 1,
      column: 1,
    });
  }
  if (!check(value)) {
    const error = pickError(check.errors ?? []);
    const path = pointerToPath(error.instancePath);
    let target = path;
    let message = describe(error);
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      target = [...path, key];
      message = `unknown key "${key}"${suggest(key, error)}`;
    } else if (error.keyword === 'discriminator') {
      const { tag, tagValue } = error.params as { tag: string; tagValue: unknown };
      target = [...path, tag];
      const kinds = (
        (error.parentSchema as { oneOf?: { properties: Record<string, { const: string }> }[] }).oneOf ?? []
      )
        .map((b) => b.properties[tag]?.const)
        .filter(Boolean);
      message = `unknown ${tag} ${JSON.stringify(tagValue)} (one of: ${kinds.join(', ')})`;
    }
    const loc = locate(doc, target, lineCounter, error.keyword === 'additionalProperties');
    throw new GovernanceError(message, { file, ...loc, keyPath: formatKeyPath(target) });
  }
  checkSigLabels(value as PartialConfig, doc, lineCounter, file);
  return {
    file,
    value: value as PartialConfig,
    at: (path, opts) => locate(doc, path, lineCounter, opts?.key ?? false),
  };
}

/**
 * Each SIG's label (`vep.sig-label` with the SIG's name) must be a label GitHub accepts; the
 * template alone cannot say, so check every SIG the file lists (with its template, or the default).
 */
function checkSigLabels(value: PartialConfig, doc: Document, lc: LineCounter, file: string): void {
  const vep = value.vep as { sigs?: string[]; 'sig-label'?: string } | undefined;
  if (!vep?.sigs) return;
  const template = vep['sig-label'] ?? DEFAULT_CONFIG.vep['sig-label'];
  vep.sigs.forEach((sig, index) => {
    const label = sigLabel(template, sig);
    if (label.length <= LABEL_MAX_LENGTH) return;
    const path = ['vep', 'sigs', index];
    throw new GovernanceError(
      `the SIG label "${label}" has ${label.length} characters; GitHub allows at most ${LABEL_MAX_LENGTH}`,
      { file, ...locate(doc, path, lc, false), keyPath: formatKeyPath(path) },
    );
  });
}

/** Where the first alias (`*name`) is written; aliases are what `toJS` can fail on. */
function firstAliasPosition(doc: Document, lc: LineCounter): { line: number; column: number } {
  let at: { line: number; column: number } = { line: 1, column: 1 };
  visit(doc, {
    Alias(_, node) {
      if (!node.range) return undefined;
      const pos = lc.linePos(node.range[0]);
      at = { line: pos.line, column: pos.col };
      return visit.BREAK;
    },
  });
  return at;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

type AjvError = ErrorObject;

/** The most specific error: the deepest path; among equals, not the oneOf/anyOf summary. */
function pickError(errors: AjvError[]): AjvError {
  // At one path, a oneOf summary says more than one failed branch; a format more than its pattern.
  const rank: Record<string, number> = {
    discriminator: 7,
    oneOf: 6,
    anyOf: 6,
    additionalProperties: 5,
    format: 4,
    enum: 3,
    type: 2,
    pattern: 1,
  };
  const score = (e: AjvError) => e.instancePath.split('/').length * 10 + (rank[e.keyword] ?? 3);
  return [...errors].sort((a, b) => score(b) - score(a))[0];
}

function describe(e: AjvError): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'type':
      return `must be of type ${String(p.type)}`;
    case 'format':
      if (p.format === 'governance-duration')
        return 'is not a duration (use e.g. 90m, 72h, 3d, 2w, "1d 12h" or "5 business days")';
      if (p.format === 'governance-timezone') return timeZoneAdvice(String(e.data));
      if (p.format === 'regex') return 'is not a valid regular expression (JavaScript syntax)';
      return `must be a ${String(p.format)}`;
    case 'pattern':
    case 'minLength':
      return `must be ${schemaDescription(e) ?? 'a non-empty text'}`;
    case 'required':
      return `is missing the required key "${String(p.missingProperty)}"`;
    case 'oneOf':
    case 'anyOf': {
      const description = schemaDescription(e);
      return `does not match any of the allowed forms${description ? `: ${description}` : ''}`;
    }
    default:
      return e.message ?? 'is invalid';
  }
}

function schemaDescription(e: AjvError): string | undefined {
  return (e.parentSchema as { description?: string } | undefined)?.description;
}

/** "did you mean" for a mistyped key, else the keys the schema allows at that place. */
function suggest(key: string, e: AjvError): string {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!props) return '';
  const allowed = Object.keys(props).filter((k) => k !== '$schema');
  const best = allowed.map((k) => ({ k, d: editDistance(k, key) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3))
    ? ` (did you mean "${best.k}"?)`
    : ` (allowed: ${allowed.join(', ')})`;
}

export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function formatKeyPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    '',
  );
}

/** Line and column of the node at `path`; for a missing key, its parent; for a key, the key itself. */
function locate(
  doc: Document,
  path: (string | number)[],
  lc: LineCounter,
  atKey: boolean,
): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const parentPath = path.slice(0, Math.max(0, n - 1));
    const parent = (parentPath.length ? doc.getIn(parentPath, true) : doc.contents) as Node | undefined;
    if (n > 0 && isMap(parent)) {
      const pair = parent.items.find((it) => isScalar(it.key) && it.key.value === path[n - 1]);
      if (pair) {
        const node = (path.length === n && atKey ? pair.key : pair.value) as Node | null;
        const range = node?.range ?? (pair.key as Node).range;
        if (range) {
          const pos = lc.linePos(range[0]);
          return { line: pos.line, column: pos.col };
        }
      }
    }
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | undefined;
    if (node?.range) {
      const pos = lc.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}
