/**
 * Every schema the sandbox validates requests with (openapi/extract.json, through
 * operationSchemas) is valid JSON Schema. The sandbox's validator skips this meta-schema check to
 * start faster in each test file; it is made here once, for all operations.
 */
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { loadExtract, operationSchemas, sharedValidator } from './openapi/validator.js';

describe('the OpenAPI extract', () => {
  const extract = loadExtract();
  const ajv = new Ajv({ strict: false, allErrors: true });

  it.each(Object.keys(extract.operations))('%s: its schemas pass the JSON Schema meta-schema', (key) => {
    const schemas = operationSchemas(extract.operations[key]);
    for (const [part, schema] of Object.entries(schemas)) {
      if (schema === undefined) continue;
      const valid = ajv.validateSchema(schema);
      expect({ part, valid, errors: ajv.errors ?? null }).toEqual({ part, valid: true, errors: null });
    }
  });

  it("compiles every operation's schemas in the sandbox's validator", () => {
    const validator = sharedValidator();
    for (const key of validator.keys()) {
      const [method, template] = key.split(' ');
      const path = template.replace(/\{[^}]+\}/g, '1');
      const match = validator.match(method, path);
      expect(match).toBeDefined();
      expect(() => validator.validate(match!, new URLSearchParams(), {})).not.toThrow();
    }
  });
});
