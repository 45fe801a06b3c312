/**
 * The configuration validator is compiled ahead (scripts/schema-validator.ts): the committed file
 * must be what the schema and schema-setup.ts compile to now, and answer as Ajv compiling the schema
 * at run time would.
 */
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import schema from '../../../shared/config/governance.schema.json' with { type: 'json' };
import validate from '../../../shared/config/governance-validator.generated.js';
import { AJV_OPTIONS, formats, withProjectKeywords } from '../../../shared/config/schema-setup.js';
import { GENERATED, generateValidator } from '../../../scripts/schema-validator.js';

describe('the precompiled configuration validator', () => {
  it('is fresh: run `npx tsx scripts/schema-validator.ts` (or npm run build) after changing the schema', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(generateValidator());
  });

  const ajv = new Ajv({ ...AJV_OPTIONS });
  for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
  const atRunTime = ajv.compile(withProjectKeywords(schema));
  const check = validate as unknown as typeof atRunTime;

  it.each([
    [{ version: 1 }],
    [{ version: 1, calendar: { timezone: 'Europe/Paris' } }],
    [{ version: 1, calendar: { timezone: 'Mars/Olympus' } }],
    [{ version: 1, dpl: { 'cycle-tag-pattern': '(' } }],
    [{ version: 1, 'lazy-consensus': { 'comment-window': '3 business days' } }],
    [{ version: 1, 'lazy-consensus': { 'comment-window': '3 fortnights' } }],
    [{ version: 1, 'owners-diversity': { sources: [{ kind: 'nope' }] } }],
    [{ version: 1, nope: true }],
    [{ version: 1, 'vep-sig-label': { 'label-prefix': 'x'.repeat(60) } }],
  ])('answers %j as Ajv does', (config) => {
    const want = atRunTime(config);
    const wantErrors = atRunTime.errors;
    expect(check(config)).toBe(want);
    expect(check.errors).toEqual(wantErrors);
  });
});
