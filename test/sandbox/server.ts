/**
 * The local GitHub API: an HTTP server on 127.0.0.1 that answers the REST routes in rest/ and
 * delegates POST /graphql, validating every request as api.github.com would (token, route, OpenAPI
 * parameters and body) and recording what it rejected in `violations`. It models GitHub only; no
 * action-specific logic belongs here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { FaultInjector, type FaultRule } from './faults.js';
import { OpenApiValidator } from './openapi/validator.js';
import { RateLimits, type RateResource } from './rate-limit.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';
import type { RouteResult } from './rest/context.js';
import { ROUTES } from './rest/index.js';
import { DOCS } from './rest/shapes.js';
import { SandboxError, type RepoState } from './state.js';

export { FaultInjector, RequestLog };
export type { FaultRule, RequestLogEntry };

export interface SandboxOptions {
  /** token -> login; the default token `sandbox-token` always acts as `state.actor` */
  tokens?: Record<string, string>;
}

export type GraphqlHandler = (
  query: string,
  variables: Record<string, unknown>,
  login: string,
) => Promise<{ data?: unknown; errors?: unknown[] }>;

export const DEFAULT_TOKEN = 'sandbox-token';
/** What GitHub answers a write made with a token that lacks the permission (a fork PR's token). */
export const READ_ONLY_MESSAGE = 'Resource not accessible by integration';

export interface TokenOptions {
  /** the token may read but every write is refused, as a fork pull request's GITHUB_TOKEN */
  readOnly?: boolean;
  /** a name for this token's holder (e.g. one of two concurrent runs), logged and matchable by faults */
  client?: string;
}

interface TokenHolder {
  login: string;
  readOnly: boolean;
  client?: string;
}
const GRAPHQL_PATH = '/graphql';
const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.';
const READ_METHODS = new Set(['GET', 'HEAD']);

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class Sandbox {
  readonly log = new RequestLog();
  readonly faults = new FaultInjector();
  readonly violations: string[] = [];
  private readonly tokens = new Map<string, TokenHolder>();
  private readonly validator = new OpenApiValidator();
  private readonly rateLimits = new RateLimits();
  private graphqlHandler?: GraphqlHandler;
  private server?: Server;
  private baseUrl = '';
  private requestSeq = 0;

  constructor(
    readonly state: RepoState,
    options: SandboxOptions = {},
  ) {
    for (const [token, login] of Object.entries(options.tokens ?? {}))
      this.tokens.set(token, { login, readOnly: false });
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  get url(): string {
    return this.baseUrl;
  }

  /** A token acting as `login`; the same options give the same token. */
  tokenFor(login: string, options: TokenOptions = {}): string {
    const readOnly = options.readOnly ?? false;
    const variant = [readOnly ? 'read-only' : '', options.client ?? ''].filter(Boolean);
    const id = [login, ...variant].join('\n');
    const token = `ghs_sandbox_${Buffer.from(id).toString('hex')}`;
    this.tokens.set(token, { login, readOnly, client: options.client });
    return token;
  }

  setGraphqlHandler(h: GraphqlHandler): void {
    this.graphqlHandler = h;
  }

  private holderOf(token: string): TokenHolder | undefined {
    if (token === DEFAULT_TOKEN) return { login: this.state.actor, readOnly: false };
    return this.tokens.get(token);
  }

  private violation(method: string, path: string, reason: string): void {
    this.violations.push(`${method} ${path}: ${reason}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.baseUrl);
    const path = url.pathname;
    const entry: RequestLogEntry = {
      method,
      path,
      query: url.search,
      status: 0,
      write: !READ_METHODS.has(method),
      at: this.state.now,
    };
    this.log.add(entry);
    const raw = await readBody(req);
    const isGraphql = path === GRAPHQL_PATH && method === 'POST';
    const resource: RateResource = isGraphql ? 'graphql' : 'core';
    const match = isGraphql ? undefined : this.validator.match(method, path);
    if (match) entry.operation = match.key;

    let reply: Reply;
    try {
      reply = await this.answer({ method, url, path, raw, isGraphql, resource, match, entry, req, res });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.violation(method, path, `sandbox error: ${message}`);
      reply = { status: 500, body: { message } };
    }
    if (reply.status === 0) return; // the connection was reset on purpose
    entry.status = reply.status;
    // a fault GitHub never answered (5xx, limits, reset) does not use up quota; a late answer does
    const countsAgainstLimit = path !== '/rate_limit' && (!entry.fault || entry.fault === 'delay');
    if (countsAgainstLimit) this.rateLimits.count(resource);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `SANDBOX:${++this.requestSeq}`,
      ...this.rateLimits.headers(resource),
      ...reply.headers,
    };
    res.writeHead(reply.status, headers);
    res.end(reply.status === 204 || reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private async answer(r: {
    method: string;
    url: URL;
    path: string;
    raw: string;
    isGraphql: boolean;
    resource: RateResource;
    match: ReturnType<OpenApiValidator['match']>;
    entry: RequestLogEntry;
    req: IncomingMessage;
    res: ServerResponse;
  }): Promise<Reply> {
    const { method, path, entry } = r;
    const holder = this.holderOf(parseToken(r.req.headers.authorization));
    if (!holder) {
      this.violation(method, path, 'missing or unknown token');
      return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } };
    }
    const { login } = holder;
    entry.login = login;
    entry.client = holder.client;

    let body: unknown;
    if (r.raw.trim()) {
      try {
        body = JSON.parse(r.raw);
      } catch {
        this.violation(method, path, 'body is not JSON');
        return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS } };
      }
    }
    if (r.isGraphql) this.describeGraphql(entry, body);

    const fault = this.faults.take(method, path, r.match?.template, holder.client);
    if (fault) {
      entry.fault = fault.kind;
      if (fault.kind === 'delay') await sleep(fault.delayMs ?? 0);
      else return this.faultReply(fault, r.res, entry);
    }

    if (r.isGraphql) {
      if (holder.readOnly && entry.write) return readOnlyGraphqlReply(body);
      return this.graphql(method, path, body, login);
    }

    if (!r.match) {
      this.violation(method, path, 'no such REST operation');
      return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
    }
    const checked = this.validator.validate(r.match, r.url.searchParams, body);
    if (!checked.ok) {
      this.violation(method, path, `${r.match.key}: ${checked.message.replace(/\s+/g, ' ')}`);
      return { status: checked.status, body: { message: checked.message, documentation_url: DOCS } };
    }
    if (holder.readOnly && entry.write) {
      // a valid write with a token that may not write: refused before it changes anything
      return { status: 403, body: { message: READ_ONLY_MESSAGE, documentation_url: DOCS } };
    }
    if (r.match.template.startsWith('/repos/{owner}/{repo}') && !this.isOurRepo(checked.params)) {
      // Reading another repository (e.g. the org-wide `<owner>/.github` defaults) is a request
      // GitHub accepts and answers 404 when the repository does not exist; writing there is not.
      if (method !== 'GET')
        this.violation(method, path, `the sandbox only has ${this.state.owner}/${this.state.name}`);
      return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
    }
    const handler = ROUTES[r.match.key];
    if (!handler) throw new Error(`no handler for ${r.match.key}`);
    try {
      const result: RouteResult = handler({
        state: this.state,
        login,
        params: checked.params,
        query: checked.query,
        body,
        url: r.url,
        baseUrl: this.baseUrl,
        rateLimits: this.rateLimits,
      });
      return result;
    } catch (err) {
      if (err instanceof SandboxError)
        return { status: err.status, body: { message: err.message, documentation_url: DOCS } };
      throw err;
    }
  }

  private isOurRepo(params: Record<string, unknown>): boolean {
    return (
      String(params.owner).toLowerCase() === this.state.owner.toLowerCase() &&
      String(params.repo).toLowerCase() === this.state.name.toLowerCase()
    );
  }

  private faultReply(fault: FaultRule, res: ServerResponse, entry: RequestLogEntry): Reply {
    switch (fault.kind) {
      case 'reset':
        entry.status = 0;
        res.socket?.destroy();
        return { status: 0 };
      case '500':
        return { status: 500, body: { message: 'Server Error' } };
      case '502':
        return {
          status: 502,
          body: { message: 'Server Error: Sorry, this diff is taking too long to generate.' },
        };
      case 'secondary-rate-limit':
        return {
          status: 403,
          headers: { 'retry-after': '1' },
          body: {
            message: SECONDARY_RATE_LIMIT_MESSAGE,
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
          },
        };
      case '429':
        return {
          status: 429,
          headers: { 'retry-after': '1' },
          body: { message: SECONDARY_RATE_LIMIT_MESSAGE, documentation_url: DOCS },
        };
      default:
        throw new Error(`unknown fault kind ${fault.kind}`);
    }
  }

  /** Names the GraphQL operation in the log and marks mutations as writes. */
  private describeGraphql(entry: RequestLogEntry, body: unknown): void {
    entry.write = false;
    const query = (body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string') return;
    try {
      const op = parse(query).definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      if (!op) return;
      entry.write = op.operation === 'mutation';
      const first = op.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
      entry.graphql = op.name?.value ?? (first && first.kind === Kind.FIELD ? first.name.value : undefined);
    } catch {
      // a document that does not parse: the handler answers it with errors
    }
  }

  private async graphql(method: string, path: string, body: unknown, login: string): Promise<Reply> {
    if (!this.graphqlHandler) {
      this.violation(method, path, 'no GraphQL handler is set');
      return { status: 501, body: { message: 'GraphQL is not available in this sandbox' } };
    }
    const { query, variables } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
    if (typeof query !== 'string') {
      this.violation(method, path, 'GraphQL request without a query');
      return { status: 400, body: { message: 'A query attribute must be specified and must be a string.' } };
    }
    const result = await this.graphqlHandler(query, variables ?? {}, login);
    // a document GitHub rejects before running it (syntax, schema) comes back with errors and no data
    if (result.errors?.length && result.data === undefined)
      this.violation(method, path, `GraphQL rejected: ${JSON.stringify(result.errors).slice(0, 500)}`);
    return { status: 200, body: result };
  }
}

/** GitHub answers a mutation it refuses with 200, `data` null for the field and a FORBIDDEN error. */
function readOnlyGraphqlReply(body: unknown): Reply {
  const query = (body as { query?: unknown } | undefined)?.query;
  let field = 'mutation';
  try {
    const op = parse(String(query)).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const first = op?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
    if (first && first.kind === Kind.FIELD) field = first.alias?.value ?? first.name.value;
  } catch {
    // describeGraphql only marks documents that parse as mutations
  }
  return {
    status: 200,
    body: {
      data: { [field]: null },
      errors: [{ type: 'FORBIDDEN', path: [field], message: READ_ONLY_MESSAGE }],
    },
  };
}

function parseToken(header: string | undefined): string {
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '');
  return m ? m[1] : '';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
