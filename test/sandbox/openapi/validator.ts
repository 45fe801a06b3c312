/**
 * Matches requests to the vendored OpenAPI operations (openapi/extract.json) and validates their
 * parameters and JSON bodies with ajv, answering as GitHub does when it rejects a request.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { MULTI_SEGMENT_PARAMS } from './operations.js';

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Record<string, unknown>;
}

export interface OperationSpec {
  operationId: string | null;
  parameters: ParameterSpec[];
  requestBody?: { required: boolean; schema: Record<string, unknown> };
}

export interface Extract {
  source: string;
  operations: Record<string, OperationSpec>;
}

export interface MatchedOperation {
  /** `GET /repos/{owner}/{repo}` */
  key: string;
  template: string;
  pathParams: Record<string, string>;
}

export type Validation =
  | { ok: true; params: Record<string, unknown>; query: Record<string, unknown> }
  | { ok: false; status: 404 | 422; message: string };

const EXTRACT_URL = new URL('./extract.json', import.meta.url);
/** date-time as GitHub accepts it (ISO 8601 with a zone); other formats GitHub does not enforce */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

export function loadExtract(): Extract {
  return JSON.parse(readFileSync(EXTRACT_URL, 'utf8')) as Extract;
}

interface CompiledOperation {
  key: string;
  method: string;
  template: string;
  segments: string[];
  literalCount: number;
  /** the last segment is a parameter that may swallow several segments */
  greedyTail: boolean;
  spec: OperationSpec;
  params?: ValidateFunction;
  query?: ValidateFunction;
  body?: ValidateFunction;
}

let shared: OpenApiValidator | undefined;

/**
 * One validator for every sandbox of a process: it holds no sandbox state, and compiling an
 * operation's schemas once instead of once per sandbox is most of what a scenario's requests cost.
 */
export function sharedValidator(): OpenApiValidator {
  return (shared ??= new OpenApiValidator());
}

export class OpenApiValidator {
  private readonly ops: CompiledOperation[];
  // validateSchema: false skips compiling JSON Schema's meta-schema in every test file (about
  // half of what compiling costs); openapi-extract.test.ts checks every schema against it once
  private readonly ajv = new Ajv({ strict: false, allErrors: false, verbose: true, validateSchema: false });

  constructor(readonly extract: Extract = loadExtract()) {
    this.ajv.addFormat('date-time', DATE_TIME);
    for (const f of ['int64', 'int32', 'uri', 'email', 'repo.nwo', 'date', 'uri-template', 'binary', 'uuid'])
      this.ajv.addFormat(f, true);
    this.ops = Object.entries(extract.operations).map(([key, spec]) => {
      const [method, template] = key.split(' ');
      const segments = template.split('/').slice(1);
      const last = segments[segments.length - 1];
      return {
        key,
        method,
        template,
        segments,
        literalCount: segments.filter((s) => !s.startsWith('{')).length,
        greedyTail: last.startsWith('{') && MULTI_SEGMENT_PARAMS.has(last.slice(1, -1)),
        spec,
      };
    });
    // more literal segments first: /issues/comments beats /issues/{issue_number}
    this.ops.sort((a, b) => b.literalCount - a.literalCount);
  }

  keys(): string[] {
    return this.ops.map((o) => o.key);
  }

  match(method: string, pathname: string): MatchedOperation | undefined {
    const raw = pathname.split('/').slice(1);
    let parts: string[];
    try {
      parts = raw.map((p) => decodeURIComponent(p));
    } catch {
      return undefined;
    }
    const candidates = this.ops.filter((o) => o.method === method);
    // exact segment counts first, then a multi-segment tail (`contents/a/b.md`, `git/refs/heads/x`)
    for (const greedy of [false, true]) {
      for (const op of candidates) {
        const params = matchSegments(op, parts, greedy);
        if (params) return { key: op.key, template: op.template, pathParams: params };
      }
    }
    return undefined;
  }

  validate(match: MatchedOperation, query: URLSearchParams, body: unknown): Validation {
    const op = this.ops.find((o) => o.key === match.key)!;
    const pathSpecs = op.spec.parameters.filter((p) => p.in === 'path');
    const querySpecs = op.spec.parameters.filter((p) => p.in === 'query');
    const schemas = () => operationSchemas(op.spec);

    const params = coerceAll(pathSpecs, (name) => match.pathParams[name]);
    op.params ??= this.ajv.compile(schemas().params);
    // GitHub answers a malformed path parameter (issue number "abc") with 404
    if (!op.params(params)) return { ok: false, status: 404, message: 'Not Found' };

    const q = coerceAll(querySpecs, (name) => query.get(name) ?? undefined);
    op.query ??= this.ajv.compile(schemas().query);
    if (!op.query(q)) return { ok: false, status: 422, message: describe(op.query.errors, 'query') };

    if (op.spec.requestBody) {
      if (body === undefined) {
        if (op.spec.requestBody.required)
          return { ok: false, status: 422, message: 'Invalid request.\n\nA JSON body is required.' };
      } else {
        op.body ??= this.ajv.compile(schemas().body!);
        if (!op.body(body)) return { ok: false, status: 422, message: describe(op.body.errors, 'body') };
      }
    }
    return { ok: true, params, query: q };
  }
}

function matchSegments(
  op: CompiledOperation,
  parts: string[],
  greedy: boolean,
): Record<string, string> | undefined {
  const { segments } = op;
  if (greedy ? !op.greedyTail || parts.length <= segments.length : parts.length !== segments.length)
    return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (seg.startsWith('{')) {
      const name = seg.slice(1, -1);
      const value = greedy && i === segments.length - 1 ? parts.slice(i).join('/') : parts[i];
      if (value === '' && !(MULTI_SEGMENT_PARAMS.has(name) && name === 'path')) return undefined;
      params[name] = value;
    } else if (seg !== parts[i]) {
      return undefined;
    }
  }
  return params;
}

/** Query and path values arrive as strings: convert them to the type the schema declares. */
function coerceAll(
  specs: ParameterSpec[],
  get: (name: string) => string | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const raw = get(spec.name);
    if (raw === undefined) continue;
    const type = spec.schema.type;
    if (type === 'integer' || type === 'number')
      out[spec.name] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    else if (type === 'boolean') out[spec.name] = raw === 'true' ? true : raw === 'false' ? false : raw;
    else if (type === 'array') out[spec.name] = raw.split(',');
    else out[spec.name] = raw;
  }
  return out;
}

/** The JSON Schemas an operation's path parameters, query and body are validated with. */
export function operationSchemas(spec: OperationSpec): {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: Record<string, unknown>;
} {
  return {
    params: objectSchema(spec.parameters.filter((p) => p.in === 'path')),
    query: objectSchema(spec.parameters.filter((p) => p.in === 'query')),
    body: spec.requestBody ? normalize(spec.requestBody.schema) : undefined,
  };
}

function objectSchema(specs: ParameterSpec[]): Record<string, unknown> {
  return {
    type: 'object',
    properties: Object.fromEntries(specs.map((s) => [s.name, normalize(s.schema)])),
    required: specs.filter((s) => s.required).map((s) => s.name),
  };
}

/**
 * OpenAPI 3.0 `nullable` without a `type` (e.g. beside a oneOf) is not JSON Schema: rewrite it as
 * "this or null" so ajv accepts it.
 */
function normalize(schema: unknown): Record<string, unknown> {
  if (Array.isArray(schema)) return schema.map(normalize) as unknown as Record<string, unknown>;
  if (!schema || typeof schema !== 'object') return schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as object).map(([n, s]) => [n, normalize(s)]))
        : normalize(v);
  }
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** A message in GitHub's style: `Invalid request.\n\n"title" wasn't supplied.` */
function describe(errors: ErrorObject[] | null | undefined, where: 'query' | 'body'): string {
  const e = errors?.[0];
  if (!e) return 'Invalid request.';
  const at = e.instancePath ? `For '${e.instancePath.slice(1)}', ` : '';
  let detail: string;
  if (e.keyword === 'required')
    detail = `"${(e.params as { missingProperty: string }).missingProperty}" wasn't supplied.`;
  else if (e.keyword === 'enum')
    detail = `${at}${JSON.stringify(e.data)} is not a member of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}.`;
  else if (e.keyword === 'maxLength')
    // GitHub's words for a string over its schema's length (e.g. a check run's summary)
    detail = `Only ${(e.params as { limit: number }).limit} characters are allowed; ${[...String(e.data)].length} were supplied.`;
  else if (e.keyword === 'type')
    detail = `${at}${JSON.stringify(e.data)} is not a ${(e.params as { type: string }).type}.`;
  else detail = `${at}${e.message ?? 'is invalid'}.`;
  return `Invalid request.\n\n${detail}${where === 'query' ? ' (query parameter)' : ''}`;
}
