/**
 * The few REST reads the CLI makes itself to synthesise an event payload (the action makes its own
 * requests). Plain fetch against GITHUB_API_URL with the token; any non-2xx is an error.
 */
export const DEFAULT_API_URL = 'https://api.github.com';
const API_VERSION = '2022-11-28';
const USER_AGENT = 'governance-actions-cli';

export type Json = Record<string, unknown>;

export class GitHubRest {
  /** every request made, for the caller's report (the action's own are counted apart) */
  readonly requests: string[] = [];

  constructor(
    readonly apiUrl: string,
    private readonly token: string,
  ) {}

  async get(path: string): Promise<Json> {
    this.requests.push(`GET ${path}`);
    const res = await fetch(`${this.apiUrl.replace(/\/+$/, '')}${path}`, {
      headers: {
        // a public repository is readable without a token
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        accept: 'application/vnd.github+json',
        'x-github-api-version': API_VERSION,
        'user-agent': USER_AGENT,
      },
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new Error(`GET ${path}: ${res.status} ${message}`);
    }
    return JSON.parse(text) as Json;
  }
}

/**
 * The GraphQL endpoint that goes with a REST base URL: api.github.com/graphql, and on GitHub
 * Enterprise Server (`https://host/api/v3`) `https://host/api/graphql`.
 */
export function graphqlUrlFor(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '');
  return /\/api\/v3$/.test(base) ? base.replace(/\/v3$/, '/graphql') : `${base}/graphql`;
}
