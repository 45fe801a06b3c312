/** Starting a sandbox and calling it over real HTTP, for the sandbox's own tests. */
import { RepoState, type RepoSeed } from './state.js';
import { DEFAULT_TOKEN, Sandbox } from './server.js';

export interface Started {
  sandbox: Sandbox;
  state: RepoState;
  base: string;
  /** fetch relative to the repository (`/issues/1`) or absolute (`/rate_limit`), JSON in and out */
  call(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; headers: Headers; json: any }>;
}

export const REPO = '/repos/acme/community';

export async function startSandbox(seed: RepoSeed = {}): Promise<Started> {
  const state = new RepoState({
    collaborators: { alice: 'write', bob: 'maintain' },
    labels: ['bug', 'kind/feature'],
    files: { 'README.md': 'hello\n' },
    ...seed,
  });
  const sandbox = new Sandbox(state);
  const base = await sandbox.start();
  const call: Started['call'] = async (method, path, body, token = DEFAULT_TOKEN) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        authorization: `token ${token}`,
        accept: 'application/vnd.github+json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
  };
  return { sandbox, state, base, call };
}
