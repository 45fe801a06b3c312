/**
 * Validators for webhook payloads from GitHub's published webhook schemas
 * (@octokit/openapi-webhooks). The description is large: only the schemas one event needs are
 * handed to ajv.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';

interface OpenApiWebhooks {
  webhooks: Record<
    string,
    { post: { requestBody: { content: Record<string, { schema: { $ref: string } }> } } }
  >;
  components: { schemas: Record<string, unknown> };
}

const SCHEMA_FILE = '@octokit/openapi-webhooks/generated/api.github.com.json';
const REF_PREFIX = '#/components/schemas/';

let description: OpenApiWebhooks | undefined;
function load(): OpenApiWebhooks {
  description ??= JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve(SCHEMA_FILE), 'utf8'),
  ) as OpenApiWebhooks;
  return description;
}

/** The webhook key of an event and action: `pull_request` + `labeled` -> `pull-request-labeled`. */
export function webhookKey(event: string, action?: string): string {
  const name = event.replace(/_/g, '-');
  return action ? `${name}-${action}` : name;
}

/** Every component schema `root` reaches through $ref. */
function closure(schemas: Record<string, unknown>, root: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pending = [root];
  while (pending.length) {
    const name = pending.pop()!;
    if (name in out) continue;
    out[name] = schemas[name];
    for (const m of JSON.stringify(schemas[name]).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      pending.push(m[1]);
  }
  return out;
}

export type PayloadValidator = (payload: unknown) => string[];

export function webhookValidator(event: string, action?: string): PayloadValidator {
  const spec = load();
  const key = webhookKey(event, action);
  const hook = spec.webhooks[key];
  if (!hook) throw new Error(`no webhook schema named ${key}`);
  const ref = hook.post.requestBody.content['application/json'].schema.$ref;
  const root = ref.slice(REF_PREFIX.length);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'webhooks', components: { schemas: closure(spec.components.schemas, root) } });
  const validate = ajv.getSchema(`webhooks${REF_PREFIX}${root}`);
  if (!validate) throw new Error(`cannot compile ${root}`);
  return (payload) =>
    validate(payload)
      ? []
      : (validate.errors ?? []).map(
          (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
        );
}
