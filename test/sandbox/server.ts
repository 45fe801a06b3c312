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
import { sharedValidator, type OpenApiValidator } from './openapi/validator.js';
import { isLimitViolation } from './limits.js';
import { RateLimits, type RateHolder, type RateResource, type TokenKind } from './rate-limit.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';
import type { RouteResult } from './rest/context.js';
import { ROUTES } from './rest/index.js';
import { DOCS } from './rest/shapes.js';
import { SandboxError, type RepoState } from './state.js';
import { otherRepoById, otherRepoRefusal, visibleOtherRepo } from './other-repos.js';
import { WriteTrap, type WriteTrapRule } from './write-trap.js';

export { FaultInjector, RequestLog };
export type { FaultRule, RequestLogEntry };

export interface SandboxOptions {
  /** token -> login; the default token `sandbox-token` always acts as `state.actor` */
  tokens?: Record<string, string>;
  /** what kind of token `sandbox-token` and `tokens` are, for the rate limits (default github-token) */
  tokenKind?: TokenKind;
  /**
   * false: count the rate limits and send their headers but refuse nothing, for measuring what a
   * run costs past them (bench/); every test and scenario enforces them (default true)
   */
  enforceRateLimits?: boolean;
}

export type GraphqlHandler = (
  query: string,
  variables: Record<string, unknown>,
  login: string,
  operationName?: string,
  /** the token's GraphQL points before this query: the handler reports `cost`, the server counts it */
  budget?: { limit: number; used: number; reset: number },
) => Promise<{ data?: unknown; errors?: unknown[]; cost?: number }>;

export const DEFAULT_TOKEN = 'sandbox-token';
/** What GitHub answers a write made with a token that lacks the permission (a fork PR's token). */
export const READ_ONLY_MESSAGE = 'Resource not accessible by integration';

export interface TokenOptions {
  /** the token may read but every write is refused, as a fork pull request's GITHUB_TOKEN */
  readOnly?: boolean;
  /** a name for this token's holder (e.g. one of two concurrent runs), logged and matchable by faults */
  client?: string;
  /** the rate limits this token gets (default: the sandbox's `tokenKind`) */
  kind?: TokenKind;
}

interface TokenHolder {
  login: string;
  readOnly: boolean;
  client?: string;
  kind: TokenKind;
}

/**
 * Requests that create content, for the secondary rate limit: the writes to the routes the
 * Octokit throttling plugin paces as notification-triggering (GitHub's own list), that the
 * sandbox serves.
 */
const CONTENT_CREATING = new Set([
  'POST /repos/{owner}/{repo}/issues',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/pulls',
  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'POST /repos/{owner}/{repo}/releases',
]);
const RATE_LIMIT_DOCS = `${DOCS}/using-the-rest-api/rate-limits-for-the-rest-api`;
/** `/repositories/{id}/...`: the form GitHub's `link` headers use */
const BY_ID = /^\/repositories\/(\d+)(\/.*)?$/;
const GRAPHQL_PATH = '/graphql';
const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.';
const READ_METHODS = new Set(['GET', 'HEAD']);

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** refused for a spent primary limit: such a request does not count */
  rateLimited?: boolean;
  /** the points a GraphQL query cost (default 1) */
  cost?: number;
}

/** the installation the sandbox's app and GITHUB_TOKEN belong to, for GitHub's messages */
const INSTALLATION_ID = 4200001;

const rateHolder = (h: TokenHolder): RateHolder => ({ kind: h.kind, login: h.login });

function secondaryLimitReply(retryAfter: number): Reply {
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfter) },
    body: {
      message: SECONDARY_RATE_LIMIT_MESSAGE,
      documentation_url: `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
    },
  };
}

function describeError(err: SandboxError): string {
  const errors = (err as SandboxError & { errors?: { message?: string; field?: string; code?: string }[] })
    .errors;
  if (!errors?.length) return err.message.replace(/\s+/g, ' ');
  return `${err.message}: ${errors.map((e) => e.message ?? `${e.field} ${e.code}`).join('; ')}`;
}

export class Sandbox {
  readonly log = new RequestLog();
  readonly faults = new FaultInjector();
  /** a crash at a chosen write (the runner's `kill-after-write`); see write-trap.ts */
  private writeTrap?: WriteTrap;
  readonly violations: string[] = [];
  private readonly tokens = new Map<string, TokenHolder>();
  private readonly validator = sharedValidator();
  /** the token budgets, on the scenario clock (tests may spend them directly) */
  readonly rateLimits = new RateLimits(() => this.state.now);
  private readonly defaultKind: TokenKind;
  private readonly enforceRateLimits: boolean;
  /** budgets already reported spent this window (one violation each) */
  private readonly spentReported = new Set<string>();
  private graphqlHandler?: GraphqlHandler;
  private server?: Server;
  private baseUrl = '';
  private requestSeq = 0;

  constructor(
    readonly state: RepoState,
    options: SandboxOptions = {},
  ) {
    this.defaultKind = options.tokenKind ?? 'github-token';
    this.enforceRateLimits = options.enforceRateLimits ?? true;
    for (const [token, login] of Object.entries(options.tokens ?? {}))
      this.tokens.set(token, { login, readOnly: false, kind: this.defaultKind });
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
    const kind = options.kind ?? this.defaultKind;
    const variant = [readOnly ? 'read-only' : '', options.client ?? '', kind].filter(Boolean);
    const id = [login, ...variant].join('\n');
    const token = `ghs_sandbox_${Buffer.from(id).toString('hex')}`;
    this.tokens.set(token, { login, readOnly, client: options.client, kind });
    return token;
  }

  /** Arms a write trap (replacing any); `disarmWriteTrap` returns it for its counts. */
  armWriteTrap(rule: WriteTrapRule): WriteTrap {
    this.writeTrap = new WriteTrap(rule);
    return this.writeTrap;
  }

  disarmWriteTrap(): WriteTrap | undefined {
    const trap = this.writeTrap;
    this.writeTrap = undefined;
    return trap;
  }

  setGraphqlHandler(h: GraphqlHandler): void {
    this.graphqlHandler = h;
  }

  private holderOf(token: string): TokenHolder | undefined {
    if (token === DEFAULT_TOKEN) return { login: this.state.actor, readOnly: false, kind: this.defaultKind };
    return this.tokens.get(token);
  }

  private violation(method: string, path: string, reason: string): void {
    this.violations.push(`${method} ${path}: ${reason}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = this.byName(new URL(req.url ?? '/', this.baseUrl));
    const path = url.pathname;
    const holder = this.holderOf(parseToken(req.headers.authorization));
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
    if (reply.status === 0) return; // the connection was reset on purpose (or the client killed)
    entry.status = reply.status;
    // a fault GitHub never answered (5xx, limits, reset) does not use up quota; a late answer does,
    // and so does a request GitHub refused for a mistake in it
    const countsAgainstLimit =
      path !== '/rate_limit' &&
      !reply.rateLimited &&
      (!entry.fault || entry.fault === 'delay' || entry.fault === 'barrier');
    const budget = holder && rateHolder(holder);
    if (budget && countsAgainstLimit) this.rateLimits.count(budget, resource, reply.cost ?? 1);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `SANDBOX:${++this.requestSeq}`,
      ...(budget ? this.rateLimits.headers(budget, resource) : {}),
      ...reply.headers,
    };
    res.writeHead(reply.status, headers);
    res.end(reply.status === 204 || reply.body === undefined ? undefined : JSON.stringify(reply.body));
    if (entry.write) this.writeTrap?.writeAnswered(entry.client);
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
    const budget = rateHolder(holder);
    // GET /rate_limit neither counts nor is refused: it is how a client learns when to come back
    if (this.enforceRateLimits && path !== '/rate_limit' && this.rateLimits.spent(budget, r.resource))
      return this.primaryLimitReply(method, path, budget, r);

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

    // a client killed after its N-th write (write-trap.ts): what it sent since never happened
    const killed = (): boolean => {
      if (!this.writeTrap?.blocks(holder.client)) return false;
      this.log.drop(entry);
      r.res.socket?.destroy();
      return true;
    };
    if (killed()) return { status: 0 };
    const fault = this.faults.take(method, path, r.match?.template, holder.client, r.raw);
    if (fault) {
      entry.fault = fault.kind;
      if (fault.kind === 'delay') await sleep(fault.delayMs ?? 0);
      else if (fault.kind === 'barrier') await this.faults.hold(fault);
      else return this.faultReply(fault, r.res, entry);
    }
    if (killed()) return { status: 0 };

    if (r.isGraphql) {
      if (holder.readOnly && entry.write) return readOnlyGraphqlReply(body);
      return this.graphql(method, path, body, login, budget);
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
    let repoState: RepoState = this.state;
    if (
      r.match.template.startsWith('/repos/{owner}/{repo}') &&
      !this.isOurRepo(checked.params) &&
      !this.isForkActivity(r.match.key, checked.params)
    ) {
      const other = visibleOtherRepo(this.state, String(checked.params.owner), String(checked.params.repo));
      // Reading another repository (e.g. the org-wide `<owner>/.github` defaults) is a request
      // GitHub accepts and answers 404 when the repository does not exist; writing there is not.
      if (!other) {
        if (method !== 'GET')
          this.violation(method, path, `the sandbox only has ${this.state.owner}/${this.state.name}`);
        return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
      }
      const refused = otherRepoRefusal(method, r.match.key, other);
      if (refused) {
        if (!READ_METHODS.has(method))
          this.violation(
            method,
            path,
            `${other.owner}/${other.name} is ${other.archived ? 'archived' : 'served read-only'}`,
          );
        return { status: 403, body: { message: refused, documentation_url: DOCS } };
      }
      repoState = other;
    }
    const handler = ROUTES[r.match.key];
    if (!handler) throw new Error(`no handler for ${r.match.key}`);
    const creates = CONTENT_CREATING.has(r.match.key);
    if (creates && this.enforceRateLimits) {
      const retryAfter = this.rateLimits.secondaryRetryAfter(budget);
      // GitHub expects a client to wait and retry: an answer to handle, not a violation
      if (retryAfter > 0) return secondaryLimitReply(retryAfter);
    }
    try {
      const result: RouteResult = handler({
        state: repoState,
        login,
        params: checked.params,
        query: checked.query,
        body,
        url: r.url,
        baseUrl: this.baseUrl,
        rateLimits: { snapshot: () => this.rateLimits.snapshot(budget) },
      });
      if (creates && result.status >= 200 && result.status < 300) this.rateLimits.countCreation(budget);
      return result;
    } catch (err) {
      if (err instanceof SandboxError) {
        // a write over one of GitHub's limits is the client's mistake (limits.ts)
        if (isLimitViolation(err)) this.violation(method, path, `${err.status} ${describeError(err)}`);
        const extra = err as SandboxError & { errors?: unknown[]; documentationUrl?: string };
        return {
          status: err.status,
          body: {
            message: err.message,
            ...(extra.errors ? { errors: extra.errors } : {}),
            documentation_url: extra.documentationUrl ?? DOCS,
          },
        };
      }
      throw err;
    }
  }

  /**
   * `/repositories/{id}/...` as `/repos/{owner}/{repo}/...`; another id names a repository the
   * sandbox does not have (answered as any other repository: 404).
   */
  private byName(url: URL): URL {
    const m = BY_ID.exec(url.pathname);
    if (!m) return url;
    const other = otherRepoById(this.state, Number(m[1]));
    const repo =
      Number(m[1]) === this.state.repoId
        ? `${this.state.owner}/${this.state.name}`
        : other
          ? `${other.owner}/${other.name}`
          : `-/repository-${m[1]}`;
    return new URL(`/repos/${repo}${m[2] ?? ''}${url.search}`, this.baseUrl);
  }

  /**
   * The primary limit is spent until the window resets: REST answers 403, GraphQL 200 with a
   * RATE_LIMITED error, both with `x-ratelimit-remaining: 0`. An action that spends its whole
   * hourly budget cannot finish: recorded once per window as a violation.
   */
  private primaryLimitReply(
    method: string,
    path: string,
    budget: RateHolder,
    r: { isGraphql: boolean; resource: RateResource },
  ): Reply {
    const state = this.rateLimits.state(budget, r.resource);
    const key = `${budget.kind}/${budget.login}/${r.resource}/${state.reset}`;
    if (!this.spentReported.has(key)) {
      this.spentReported.add(key);
      this.violation(
        method,
        path,
        `primary rate limit spent: ${state.limit} ${r.resource} requests an hour for a ${budget.kind} token (resets ${new Date(state.reset * 1000).toISOString()})`,
      );
    }
    const message =
      budget.kind === 'pat'
        ? `API rate limit exceeded for user ID ${this.state.user(budget.login).id}.`
        : `API rate limit exceeded for installation ID ${INSTALLATION_ID}.`;
    if (r.isGraphql)
      return { status: 200, rateLimited: true, body: { errors: [{ type: 'RATE_LIMITED', message }] } };
    return {
      status: 403,
      rateLimited: true,
      body: { message, documentation_url: `${RATE_LIMIT_DOCS}#about-primary-rate-limits` },
    };
  }

  /**
   * The activity log of a pull request's fork (that still exists): the sandbox records the head
   * branch's pushes in its one log, and the route filters them by `ref`.
   */
  private isForkActivity(key: string, params: Record<string, unknown>): boolean {
    if (key !== 'GET /repos/{owner}/{repo}/activity') return false;
    if (String(params.repo).toLowerCase() !== this.state.name.toLowerCase()) return false;
    const owner = String(params.owner).toLowerCase();
    return [...this.state.issues.values()].some(
      (i) => i.pull?.fork && !i.pull.fork.deleted && i.pull.fork.owner.toLowerCase() === owner,
    );
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

  private async graphql(
    method: string,
    path: string,
    body: unknown,
    login: string,
    budget: RateHolder,
  ): Promise<Reply> {
    if (!this.graphqlHandler) {
      this.violation(method, path, 'no GraphQL handler is set');
      return { status: 501, body: { message: 'GraphQL is not available in this sandbox' } };
    }
    const { query, variables, operationName } = (body ?? {}) as {
      query?: unknown;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    if (typeof query !== 'string') {
      this.violation(method, path, 'GraphQL request without a query');
      return { status: 400, body: { message: 'A query attribute must be specified and must be a string.' } };
    }
    const { limit, used, reset } = this.rateLimits.state(budget, 'graphql');
    const { cost, ...result } = await this.graphqlHandler(
      query,
      variables ?? {},
      login,
      operationName ?? undefined,
      {
        limit,
        used,
        reset,
      },
    );
    // a document GitHub rejects before running it (syntax, schema) comes back with errors and no data
    if (result.errors?.length && result.data === undefined)
      this.violation(method, path, `GraphQL rejected: ${JSON.stringify(result.errors).slice(0, 500)}`);
    // a GraphQL query spends its cost in points (at least one) from the token's hourly budget
    return { status: 200, body: result, cost };
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
