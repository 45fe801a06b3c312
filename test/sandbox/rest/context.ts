/** What a REST route handler gets and returns, and the helpers every route file shares. */
import { SandboxError, type RepoState } from '../state.js';

/** the rate limits of the token a request came with */
export interface RateLimitView {
  snapshot(): Record<string, { limit: number; used: number; remaining: number; reset: number }>;
}

export interface RouteContext {
  state: RepoState;
  /** the login the request's token authenticates as */
  login: string;
  /** path parameters, typed by the OpenAPI schema (issue_number is a number) */
  params: Record<string, any>;
  /** query parameters, typed by the OpenAPI schema */
  query: Record<string, any>;
  body: any;
  /** the request URL (for Link headers) */
  url: URL;
  /** what clients use as their API base URL, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  rateLimits: RateLimitView;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult;

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

export const ok = (body: unknown, headers?: Record<string, string>): RouteResult => ({
  status: 200,
  body,
  headers,
});
/** GitHub names what a POST created in `location`: the new resource's API URL. */
export const created = (body: unknown): RouteResult => {
  const url = (body as { url?: unknown } | null)?.url;
  return { status: 201, body, headers: typeof url === 'string' ? { location: url } : undefined };
};
export const noContent = (): RouteResult => ({ status: 204 });

export function notFound(): never {
  throw new SandboxError(404, 'Not Found');
}

export function validationFailed(message: string): never {
  throw new SandboxError(422, message);
}

/** The request's path as GitHub's `Link` headers write it: `/repositories/{id}/...` (served too). */
export function linkPath(ctx: RouteContext): string {
  return ctx.url.pathname.replace(/^\/repos\/[^/]+\/[^/]+(?=\/|$)/, `/repositories/${ctx.state.repoId}`);
}

/** One page of `items` plus GitHub's `Link` header (first/prev/next/last). */
export function paginate<T>(ctx: RouteContext, items: T[], wrap?: (page: T[]) => unknown): RouteResult {
  const perPage = Math.min(Math.max(Number(ctx.query.per_page ?? DEFAULT_PER_PAGE), 1), MAX_PER_PAGE);
  const page = Math.max(Number(ctx.query.page ?? 1), 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const path = linkPath(ctx);
  const link = (p: number, rel: string) => {
    const u = new URL(path + ctx.url.search, ctx.baseUrl);
    u.searchParams.set('page', String(p));
    if (ctx.query.per_page !== undefined) u.searchParams.set('per_page', String(perPage));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return ok(wrap ? wrap(slice) : slice, links.length ? { link: links.join(', ') } : undefined);
}

export const byTime = (a: string, b: string) => Date.parse(a) - Date.parse(b);

export function since(ctx: RouteContext): number | undefined {
  return ctx.query.since ? Date.parse(ctx.query.since) : undefined;
}

export const encodeBase64 = (text: string) =>
  Buffer.from(text, 'utf8')
    .toString('base64')
    .replace(/(.{60})/g, '$1\n');

export const decodeBase64 = (b64: string) => Buffer.from(b64.replace(/\s+/g, ''), 'base64').toString('utf8');
