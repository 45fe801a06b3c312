/** Pull requests: list, get, create, update, files, commits, reviews, reviewers, merge. */
import { SandboxError, sameLogin, type Issue, type PullInfo, type RepoState } from '../state.js';
import {
  type RouteContext,
  type RouteHandler,
  created,
  notFound,
  ok,
  paginate,
  validationFailed,
} from './context.js';
import { isAncestor, mergeBase } from './git-graph.js';
import { checkCommentBody, checkIssueText, MAX_PULL_FILES } from '../limits.js';
import { Shapes } from './shapes.js';

type Pull = Issue & { pull: PullInfo };

const shapes = (ctx: RouteContext) => new Shapes(ctx.state, ctx.baseUrl);
const REVIEW_EVENTS = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
} as const;

/** `head` may be `branch` or `owner:branch`. */
const branchName = (head: string) => head.replace(/^[^:]+:/, '');

function pulls(ctx: RouteContext): Pull[] {
  return [...ctx.state.issues.values()].filter((i): i is Pull => i.pull !== undefined);
}

export const pullRoutes: Record<string, RouteHandler> = {
  'GET /repos/{owner}/{repo}/pulls': (ctx) => {
    const q = ctx.query;
    const state = q.state ?? 'open';
    const key = q.sort === 'updated' ? 'updatedAt' : 'createdAt';
    const dir =
      (q.direction ??
        (q.sort === undefined || q.sort === 'created' || q.sort === 'updated' ? 'desc' : 'asc')) === 'asc'
        ? 1
        : -1;
    const list = pulls(ctx)
      .filter(
        (p) =>
          (state === 'all' || p.state === state) &&
          (!q.base || p.pull.base === q.base) &&
          (!q.head || p.pull.head === branchName(q.head)),
      )
      .sort((a, b) => dir * (Date.parse(a[key]) - Date.parse(b[key]) || a.number - b.number));
    return paginate(
      ctx,
      list.map((p) => shapes(ctx).pull(p, false)),
    );
  },

  'POST /repos/{owner}/{repo}/pulls': (ctx) => {
    const { title, body, base, draft } = ctx.body;
    const s = ctx.state;
    checkIssueText('PullRequest', { title, body });
    const head = branchName(ctx.body.head ?? '');
    if (!title && !ctx.body.issue) validationFailed('Validation Failed: missing_field (PullRequest title)');
    if (!s.refs.has(`heads/${head}`)) validationFailed('Validation Failed: invalid (PullRequest head)');
    if (!s.refs.has(`heads/${base}`)) validationFailed('Validation Failed: invalid (PullRequest base)');
    if (pulls(ctx).some((p) => p.state === 'open' && p.pull.head === head && p.pull.base === base))
      validationFailed(`Validation Failed: A pull request already exists for ${s.owner}:${head}.`);
    const headSha = s.branchSha(head);
    const baseSha = s.branchSha(base);
    if (isAncestor(s, headSha, baseSha))
      validationFailed(`Validation Failed: No commits between ${base} and ${head}`);
    const pr = s.createPull({
      title,
      body: body ?? '',
      author: ctx.login,
      base,
      head,
      draft: draft ?? false,
      existingHead: true,
    });
    pr.pull.baseSha = mergeBase(s, baseSha, headSha) ?? baseSha;
    return created(shapes(ctx).pull(pr));
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}': (ctx) =>
    ok(shapes(ctx).pull(ctx.state.getPull(ctx.params.pull_number))),

  'PATCH /repos/{owner}/{repo}/pulls/{pull_number}': (ctx) => {
    const n: number = ctx.params.pull_number;
    const s = ctx.state;
    const pr = s.getPull(n);
    const { title, body, state, base } = ctx.body ?? {};
    checkIssueText('PullRequest', { title, body });
    if (title !== undefined || body !== undefined)
      s.setTitleBody(n, { title: title ?? undefined, body: body ?? undefined }, ctx.login);
    if (base !== undefined && base !== pr.pull.base) {
      if (!s.refs.has(`heads/${base}`)) validationFailed('Validation Failed: invalid (PullRequest base)');
      pr.pull.base = base;
      pr.pull.baseSha = mergeBase(s, s.branchSha(base), pr.pull.headSha) ?? s.branchSha(base);
    }
    if (state === 'closed') s.close(n, ctx.login);
    else if (state === 'open') s.reopen(n, ctx.login);
    return ok(shapes(ctx).pull(pr));
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': (ctx) => {
    const pr = ctx.state.getPull(ctx.params.pull_number);
    const from = ctx.state.commits.get(pr.pull.baseSha)!.tree;
    const to = ctx.state.commits.get(pr.pull.headSha)!.tree;
    // GitHub lists at most 3,000 files; `changed_files` on the pull request still counts them all
    return paginate(ctx, shapes(ctx).files(from, to, pr.pull.headSha).slice(0, MAX_PULL_FILES));
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits': (ctx) => {
    const pr = ctx.state.getPull(ctx.params.pull_number);
    const list = pr.pull.commits
      .filter((sha, i, all) => all.indexOf(sha) === i)
      .map((sha) => ctx.state.commits.get(sha)!);
    return paginate(
      ctx,
      list.map((c) => shapes(ctx).commit(c, false)),
    );
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews': (ctx) => {
    const pr = ctx.state.getPull(ctx.params.pull_number);
    return paginate(
      ctx,
      ctx.state.reviewsOf(pr.number).map((r) => shapes(ctx).review(r)),
    );
  },

  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': (ctx) => {
    const n: number = ctx.params.pull_number;
    const { event, body } = ctx.body ?? {};
    const pr = ctx.state.getPull(n);
    if (pr.pull.merged || pr.state === 'closed')
      validationFailed('Unprocessable Entity: Pull request is closed');
    if (event === undefined || event === 'PENDING')
      validationFailed('Validation Failed: the sandbox does not model pending reviews; pass event');
    const state = REVIEW_EVENTS[event as keyof typeof REVIEW_EVENTS];
    checkCommentBody(body, 'PullRequestReview');
    if (state !== 'APPROVED' && !body)
      validationFailed(`Unprocessable Entity: Body is required when using the ${event} event`);
    return ok(shapes(ctx).review(ctx.state.addReview(n, ctx.login, state, body ?? '')));
  },

  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals': (ctx) => {
    const review = ctx.state
      .reviewsOf(ctx.state.getPull(ctx.params.pull_number).number)
      .find((r) => r.id === ctx.params.review_id);
    if (!review) notFound();
    if (review.state !== 'APPROVED' && review.state !== 'CHANGES_REQUESTED')
      validationFailed('Unprocessable Entity: Can not dismiss a commented pull request review');
    return ok(
      shapes(ctx).review(ctx.state.dismissReview(review.id, ctx.login, String(ctx.body?.message ?? ''))),
    );
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers': (ctx) => {
    const pr = ctx.state.getPull(ctx.params.pull_number);
    return ok({
      users: pr.pull.requestedReviewers.map((u) => shapes(ctx).user(u)),
      teams: pr.pull.requestedTeams.map((t) => shapes(ctx).team(t)),
    });
  },

  'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers': (ctx) => {
    const n: number = ctx.params.pull_number;
    const { reviewers = [], team_reviewers = [] } = ctx.body ?? {};
    if (!reviewers.length && !team_reviewers.length)
      validationFailed('Invalid request.\n\n"reviewers" or "team_reviewers" must be supplied.');
    ctx.state.requestReviewers(n, reviewers, team_reviewers, ctx.login);
    return created(shapes(ctx).pull(ctx.state.getPull(n), false));
  },

  'DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers': (ctx) => {
    const pr = ctx.state.getPull(ctx.params.pull_number);
    const { reviewers = [], team_reviewers = [] } = ctx.body ?? {};
    pr.pull.requestedReviewers = pr.pull.requestedReviewers.filter(
      (r) => !reviewers.some((x: string) => sameLogin(x, r)),
    );
    pr.pull.requestedTeams = pr.pull.requestedTeams.filter((t) => !team_reviewers.includes(t));
    return ok(shapes(ctx).pull(pr, false));
  },

  /** 204 when merged, 404 when not (GitHub's "check if merged"). */
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/merge': (ctx) => {
    if (!ctx.state.getPull(ctx.params.pull_number).pull.merged) notFound();
    return { status: 204 };
  },

  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge': (ctx) => {
    const n: number = ctx.params.pull_number;
    const { merge_method, sha } = ctx.body ?? {};
    const pr = ctx.state.getPull(n);
    if (pr.pull.draft) throw new SandboxError(405, 'Pull Request is still a draft');
    if (!pr.pull.merged && pr.state === 'open') requireStatusChecks(ctx.state, pr);
    const mergeSha = ctx.state.merge(n, ctx.login, merge_method ?? 'merge', sha);
    return ok({ sha: mergeSha, merged: true, message: 'Pull Request successfully merged' });
  },
};

const PASSING = new Set(['success', 'neutral', 'skipped']);

/**
 * Branch protection on the default branch: every required check must have passed on the head
 * commit (its latest run of that name), or GitHub refuses the merge with 405.
 */
function requireStatusChecks(state: RepoState, pr: Pull): void {
  if (pr.pull.base !== state.defaultBranch) return;
  const runs = state.checksFor(pr.pull.headSha);
  for (const name of state.requiredChecks) {
    const latest = runs.filter((c) => c.name === name).sort((a, b) => b.id - a.id)[0];
    const why = !latest
      ? 'is expected'
      : latest.status !== 'completed'
        ? 'is in progress'
        : PASSING.has(latest.conclusion ?? '')
          ? undefined
          : 'is failing';
    if (why)
      throw Object.assign(new SandboxError(405, `Required status check "${name}" ${why}.`), {
        documentationUrl: 'https://docs.github.com/articles/about-protected-branches',
      });
  }
}
