/**
 * One GraphQL query sent before the GitHub client is loaded: a run's configuration query
 * (run-action.ts). Compiling Octokit, its plugins and Bottleneck takes about 30 ms of every start;
 * sent this way, that work overlaps the wait for GitHub's answer instead of delaying the request
 * (docs/benchmarks.md, start-up).
 *
 * The request is the one Octokit's `graphql` sends: the same URL (GitHub Enterprise Server's
 * `/api/v3` base becomes `/api/graphql`), headers, body and transport
 * (test/unit/github/early-query.test.ts compares them). Only an answer that @octokit/request would
 * hand on as it came is returned: a status it takes (below 400, not 204, 205 or 304) with a JSON
 * media type and a body that parses to an object carrying `data` or `errors`, and not the error
 * plugin-retry turns into a 500. Anything else (no connection, another status or media type, a
 * body cut short) is `undefined`, and the caller asks again through the client, whose retries and
 * rate-limit handling then apply: one more request, on that path only.
 */

type Fetch = typeof globalThis.fetch;

/** @octokit/core's version, for its user agent (a test pins it to the installed package's). */
export const OCTOKIT_CORE_VERSION = '7.0.8';

/** GraphQL's answer, as GitHub sent it (`errors` absent when there were none). */
export interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: unknown;
}

export interface EarlyQuery {
  /** GITHUB_API_URL */
  baseUrl: string;
  token: string;
  /** what Octokit gets as `userAgent` (getOctokit's orchestration id), if anything */
  userAgent?: string;
  /** the client's transport: the proxy's fetch or http-transport.ts */
  fetch: Fetch;
  query: string;
  variables: Record<string, unknown>;
}

/** @octokit/graphql: a GitHub Enterprise Server base URL ending in /api/v3 has /api/graphql. */
const GHES_V3_SUFFIX = /\/api\/v3\/?$/;

export function graphqlUrl(baseUrl: string): string {
  return GHES_V3_SUFFIX.test(baseUrl)
    ? baseUrl.replace(GHES_V3_SUFFIX, '/api/graphql')
    : `${baseUrl}/graphql`;
}

/**
 * @octokit/auth-token, given `token <input>` as client.ts gives it: that one prefix is dropped and
 * the input sent as it is, a JSON web token (three dot-separated parts) as a bearer.
 */
export function authorization(token: string): string {
  return token.split(/\./).length === 3 ? `bearer ${token}` : `token ${token}`;
}

/** @octokit/core's user agent (universal-user-agent: Node 21 and later have `navigator`), after the caller's own. */
export function octokitUserAgent(userAgent?: string): string {
  const { navigator } = globalThis as { navigator?: { userAgent?: string } };
  const runtime =
    typeof navigator === 'object' && 'userAgent' in navigator
      ? navigator.userAgent
      : `Node.js/${process.version.slice(1)} (${process.platform}; ${process.arch})`;
  const trail = `octokit-core.js/${OCTOKIT_CORE_VERSION} ${runtime}`;
  return userAgent ? `${userAgent} ${trail}` : trail;
}

/** @octokit/request parses these media types (the type before any `;`, lowercased) as JSON. */
const JSON_TYPES = new Set(['application/json', 'application/scim+json']);
const mediaType = (contentType: string | null) =>
  (contentType ?? '')
    .split(';')[0]!
    .replace(/^[ \t]+|[ \t]+$/g, '')
    .toLowerCase();

/** plugin-retry retries a GraphQL answer whose first error says this, as a 500. */
const RETRIED_ERROR = /Something went wrong while executing your query/;

/** The answer, or undefined when only the client can tell what it means (see the top of this file). */
export async function sendEarlyQuery(q: EarlyQuery): Promise<GraphqlAnswer | undefined> {
  const url = graphqlUrl(q.baseUrl);
  try {
    const response = await q.fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/vnd.github.v3+json',
        'user-agent': octokitUserAgent(q.userAgent),
        authorization: authorization(q.token),
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify({ query: q.query, variables: q.variables }),
    });
    const text = await response.text();
    warnIfDeprecated(response.headers, url);
    const { status } = response;
    if (status >= 400 || status === 204 || status === 205 || status === 304) return undefined;
    if (!JSON_TYPES.has(mediaType(response.headers.get('content-type')))) return undefined;
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    const answer = body as GraphqlAnswer;
    if (answer.errors == null && (typeof answer.data !== 'object' || answer.data === null)) return undefined;
    const first = Array.isArray(answer.errors)
      ? (answer.errors[0] as { message?: unknown } | undefined)
      : undefined;
    if (first && RETRIED_ERROR.test(String(first.message))) return undefined;
    return answer;
  } catch {
    return undefined;
  }
}

/** @octokit/request's warning (to the console, as @octokit/core leaves it) for a deprecated endpoint. */
function warnIfDeprecated(headers: Headers, url: string): void {
  if (!headers.has('deprecation')) return;
  const link = headers
    .get('link')
    ?.match(/<([^<>]+)>; rel="deprecation"/)
    ?.pop();
  console.warn(
    `[@octokit/request] "POST ${url}" is deprecated. It is scheduled to be removed on ${headers.get('sunset') ?? undefined}${link ? `. See ${link}` : ''}`,
  );
}
