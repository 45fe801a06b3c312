/**
 * The REST operations the sandbox implements, as `METHOD /openapi/path/template`. The vendoring
 * script extracts exactly these from GitHub's OpenAPI description, and the server has one handler
 * for each (a test checks both lists agree).
 */
export const IMPLEMENTED_OPERATIONS = [
  'GET /rate_limit',
  'GET /repos/{owner}/{repo}',
  // contents
  'GET /repos/{owner}/{repo}/contents/{path}',
  'PUT /repos/{owner}/{repo}/contents/{path}',
  'DELETE /repos/{owner}/{repo}/contents/{path}',
  // issues
  'GET /repos/{owner}/{repo}/issues',
  'POST /repos/{owner}/{repo}/issues',
  'GET /repos/{owner}/{repo}/issues/{issue_number}',
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
  'PUT /repos/{owner}/{repo}/issues/{issue_number}/labels',
  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels',
  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'GET /repos/{owner}/{repo}/issues/comments',
  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/timeline',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/events',
  // repository labels
  'GET /repos/{owner}/{repo}/labels',
  'POST /repos/{owner}/{repo}/labels',
  'GET /repos/{owner}/{repo}/labels/{name}',
  'PATCH /repos/{owner}/{repo}/labels/{name}',
  // pulls
  'GET /repos/{owner}/{repo}/pulls',
  'POST /repos/{owner}/{repo}/pulls',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  'DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/merge',
  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
  // checks
  'POST /repos/{owner}/{repo}/check-runs',
  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
  // git database
  'GET /repos/{owner}/{repo}/git/refs',
  'POST /repos/{owner}/{repo}/git/refs',
  'GET /repos/{owner}/{repo}/git/ref/{ref}',
  'GET /repos/{owner}/{repo}/git/refs/{ref}',
  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}',
  'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
  'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
  'POST /repos/{owner}/{repo}/git/trees',
  'POST /repos/{owner}/{repo}/git/blobs',
  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
  'POST /repos/{owner}/{repo}/git/commits',
  'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
  // commits
  'GET /repos/{owner}/{repo}/commits',
  'GET /repos/{owner}/{repo}/commits/{ref}',
  'GET /repos/{owner}/{repo}/compare/{basehead}',
  // ref updates with their receive times
  'GET /repos/{owner}/{repo}/activity',
  // tags and releases
  'GET /repos/{owner}/{repo}/tags',
  'GET /repos/{owner}/{repo}/releases',
  'GET /repos/{owner}/{repo}/releases/latest',
  'GET /repos/{owner}/{repo}/releases/tags/{tag}',
  // collaborators and teams
  'GET /repos/{owner}/{repo}/collaborators',
  'GET /repos/{owner}/{repo}/collaborators/{username}',
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
  'GET /orgs/{org}/teams/{team_slug}/members',
  'GET /orgs/{org}/teams/{team_slug}/memberships/{username}',
] as const;

/**
 * Operations api.github.com answers that its OpenAPI description leaves out (legacy forms that
 * still work): listing every ref, and reading a ref (or the refs under a prefix) at /git/refs/.
 * The vendoring script adds them with the parameters below.
 */
export const UNDOCUMENTED_OPERATIONS: Record<
  string,
  { parameters: { name: string; in: 'path' | 'query'; required: boolean; schema: object }[] }
> = {
  'GET /repos/{owner}/{repo}/git/refs': {
    parameters: [
      { name: 'owner', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'repo', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'per_page', in: 'query', required: false, schema: { type: 'integer' } },
      { name: 'page', in: 'query', required: false, schema: { type: 'integer' } },
    ],
  },
  'GET /repos/{owner}/{repo}/git/refs/{ref}': {
    parameters: [
      { name: 'owner', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'repo', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'ref', in: 'path', required: true, schema: { type: 'string' } },
    ],
  },
};

/** Path parameters that may span several segments when the client leaves slashes unencoded. */
export const MULTI_SEGMENT_PARAMS = new Set(['path', 'ref']);

export type OperationKey = (typeof IMPLEMENTED_OPERATIONS)[number];
