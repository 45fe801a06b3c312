/**
 * Writes test/sandbox/openapi/extract.json: the slice of GitHub's OpenAPI description that the
 * sandbox validates requests against (parameters and request body schemas of the operations it
 * implements; responses and prose dropped to keep it small).
 *
 * Regenerate after changing test/sandbox/openapi/operations.ts or bumping the description:
 *   npm install --no-save @octokit/openapi      # ~385 MB, needed only here
 *   npx tsx scripts/vendor-openapi.ts [path/to/api.github.com.deref.json]
 * The sandbox itself loads only the extract at run time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPLEMENTED_OPERATIONS, UNDOCUMENTED_OPERATIONS } from '../test/sandbox/openapi/operations.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'test/sandbox/openapi/extract.json');
/** Schema keywords that only document; validation does not need them. */
const DROPPED_KEYS = new Set([
  'description',
  'example',
  'examples',
  'title',
  'default',
  'externalDocs',
  'deprecated',
]);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function locateDescription(): string {
  if (process.argv[2]) return process.argv[2];
  const require = createRequire(import.meta.url);
  return join(
    dirname(require.resolve('@octokit/openapi/package.json')),
    'generated/api.github.com.deref.json',
  );
}

/** Drops prose and vendor extensions; resolves any $ref left (the non-deref description). */
function trim(node: Json, root: Json, seen: string[] = []): Json {
  if (Array.isArray(node)) return node.map((n) => trim(n, root, seen));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (seen.includes(ref)) return {}; // a recursive schema: accept anything below this point
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<Json>(
        (n, key) => (n as Record<string, Json>)[key.replace(/~1/g, '/').replace(/~0/g, '~')],
        root,
      );
    return trim(target, root, [...seen, ref]);
  }
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(node)) {
    if (DROPPED_KEYS.has(k) || k.startsWith('x-')) continue;
    // `properties` maps names to schemas: its keys are never keywords, keep them all
    if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, trim(s, root, seen)]));
    } else {
      out[k] = trim(v, root, seen);
    }
  }
  return out;
}

function main(): void {
  const file = locateDescription();
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const operations: Record<string, Json> = {};
  for (const key of IMPLEMENTED_OPERATIONS) {
    const [method, path] = key.split(' ');
    const undocumented = UNDOCUMENTED_OPERATIONS[key];
    if (undocumented) {
      operations[key] = {
        operationId: null,
        undocumented: true,
        parameters: undocumented.parameters as unknown as Json,
      };
      continue;
    }
    const item = doc.paths[path];
    const op = item?.[method.toLowerCase()];
    if (!op) throw new Error(`${key} is not in ${file}`);
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])]
      .map((p: Json) => trim(p, doc) as Record<string, Json>)
      .filter((p) => p.in === 'path' || p.in === 'query')
      .map((p) => ({ name: p.name, in: p.in, required: p.required === true, schema: p.schema ?? {} }));
    const body = op.requestBody?.content?.['application/json'];
    operations[key] = {
      operationId: op.operationId,
      parameters: params,
      ...(body
        ? { requestBody: { required: op.requestBody.required === true, schema: trim(body.schema, doc) } }
        : {}),
    };
  }
  const pkg = JSON.parse(readFileSync(join(dirname(file), '../package.json'), 'utf8').toString());
  const extract = { source: `@octokit/openapi ${pkg.version ?? '?'} api.github.com`, operations };
  writeFileSync(OUT, JSON.stringify(extract) + '\n');
  console.log(
    `wrote ${Object.keys(operations).length} operations to ${OUT} (${JSON.stringify(extract).length} bytes)`,
  );
}

main();
