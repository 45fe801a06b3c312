/**
 * The REST methods the actions call, as `@octokit/plugin-rest-endpoint-methods` defines them
 * (`octokit.rest.<scope>.<method>`, each `octokit.request.defaults({ method, url })`), without its
 * table of every GitHub endpoint (~80 KB of each bundle: docs/benchmarks.md, start-up). The types
 * are that plugin's, so calling a method not listed here fails type-checking: add its route (as
 * the plugin's generated endpoints list it) below. test/unit/github/rest-subset.test.ts checks each
 * against the plugin.
 */
import type { Octokit as OctokitCore } from '@octokit/core';
import type { Api } from '@octokit/plugin-rest-endpoint-methods';

export const REST_ROUTES = {
  checks: {
    create: 'POST /repos/{owner}/{repo}/check-runs',
    listForRef: 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
    update: 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
  },
  git: {
    createCommit: 'POST /repos/{owner}/{repo}/git/commits',
    createRef: 'POST /repos/{owner}/{repo}/git/refs',
    createTree: 'POST /repos/{owner}/{repo}/git/trees',
    deleteRef: 'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
    getBlob: 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
    getCommit: 'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
    getRef: 'GET /repos/{owner}/{repo}/git/ref/{ref}',
    getTree: 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
    updateRef: 'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
  },
  issues: {
    addLabels: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    create: 'POST /repos/{owner}/{repo}/issues',
    createComment: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    createLabel: 'POST /repos/{owner}/{repo}/labels',
    deleteComment: 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
    listComments: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    listForRepo: 'GET /repos/{owner}/{repo}/issues',
    listLabelsForRepo: 'GET /repos/{owner}/{repo}/labels',
    removeLabel: 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    update: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    updateComment: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  },
  pulls: {
    create: 'POST /repos/{owner}/{repo}/pulls',
    get: 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
    list: 'GET /repos/{owner}/{repo}/pulls',
    listFiles: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    merge: 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
    requestReviewers: 'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  },
  repos: {
    compareCommitsWithBasehead: 'GET /repos/{owner}/{repo}/compare/{basehead}',
    get: 'GET /repos/{owner}/{repo}',
    getCollaboratorPermissionLevel: 'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
    getContent: 'GET /repos/{owner}/{repo}/contents/{path}',
    listActivities: 'GET /repos/{owner}/{repo}/activity',
  },
  teams: {
    getMembershipForUserInOrg: 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}',
  },
} as const;

type Rest = Api['rest'];
type Routes = typeof REST_ROUTES;
export type RestSubset = {
  [S in keyof Routes & keyof Rest]: Pick<Rest[S], keyof Routes[S] & keyof Rest[S]>;
};

/** Octokit plugin: `octokit.rest` with the methods above. */
export function restSubset(octokit: OctokitCore): { rest: RestSubset } {
  const rest: Record<string, Record<string, unknown>> = {};
  for (const [scope, methods] of Object.entries(REST_ROUTES)) {
    const bound: Record<string, unknown> = {};
    for (const [name, route] of Object.entries(methods)) {
      const [method, url] = route.split(' ');
      bound[name] = octokit.request.defaults({ method, url });
    }
    rest[scope] = new Proxy(bound, {
      get: (t, name) => lookup(t, name, scope),
    });
  }
  return {
    rest: new Proxy(rest, {
      get: (t, name) => lookup(t, name),
    }) as unknown as RestSubset,
  };
}

/** A method or scope not listed fails loudly, naming where to add it (symbols and `then` pass). */
function lookup<T>(t: Record<string, T>, name: string | symbol, scope?: string): T | undefined {
  if (typeof name === 'symbol' || name === 'then' || name in t) return t[name as string];
  throw new Error(
    `octokit.rest.${scope ? `${scope}.` : ''}${name} is not in shared/github/rest-subset.ts: add its route there`,
  );
}
