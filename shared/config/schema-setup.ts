/**
 * How governance.schema.json is checked: the Ajv options and the checks only this code can make (a
 * duration that parses, a zone the runtime knows, a regular expression that compiles, a readable
 * error for an unknown source kind). The shipped schema stays plain draft-07, so editors and any Ajv
 * can use it. scripts/schema-validator.ts compiles it with these into
 * governance-validator.generated.ts at build time, so a run neither bundles Ajv nor compiles the
 * schema (docs/benchmarks.md, start-up).
 */
import { parseDuration } from '../calendar/duration.js';
import { isValidTimeZone } from '../calendar/business-days.js';

export const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true, discriminator: true } as const;

const compiles = (s: string) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
};

const parsesAsDuration = (s: string) => {
  try {
    parseDuration(s);
    return true;
  } catch {
    return false;
  }
};

/** The formats the compiled validator calls, by name (the generated code reads `formats[name]`). */
export const formats = {
  'governance-duration': { type: 'string', validate: parsesAsDuration },
  'governance-timezone': { type: 'string', validate: isValidTimeZone },
  regex: { type: 'string', validate: compiles },
} as const;

type SchemaNode = { [key: string]: unknown };

/** The shipped schema with the project's formats and the source-kind discriminator added. */
export function withProjectKeywords(shipped: object): object {
  const s = structuredClone(shipped) as SchemaNode;
  const at = (...path: string[]): SchemaNode =>
    path.reduce<SchemaNode>((node, key) => node[key] as SchemaNode, s);
  at('definitions', 'duration').format = 'governance-duration';
  at('properties', 'calendar', 'properties', 'timezone').format = 'governance-timezone';
  at('properties', 'dpl', 'properties', 'cycle-tag-pattern').format = 'regex';
  at('properties', 'owners-diversity', 'properties', 'sources', 'items').discriminator = {
    propertyName: 'kind',
  };
  return s;
}
