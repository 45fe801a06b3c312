/** Issues, their labels, comments, timeline and events; repository labels. */
import { sameLogin, type Issue, type TimelineEvent } from '../state.js';
import {
  type RouteContext,
  type RouteHandler,
  byTime,
  created,
  noContent,
  notFound,
  ok,
  paginate,
  since,
  validationFailed,
} from './context.js';
import { checkCommentBody, checkIssueText, checkLabel } from '../limits.js';
import { Shapes } from './shapes.js';

const shapes = (ctx: RouteContext) => new Shapes(ctx.state, ctx.baseUrl);

/** Label names in a request body: `["a"]`, `{labels: ["a"]}` or `{labels: [{name: "a"}]}`. */
function labelNames(body: unknown): string[] {
  const list = Array.isArray(body) ? body : ((body as { labels?: unknown[] } | undefined)?.labels ?? []);
  const names = list.map((l) => (typeof l === 'string' ? l : String((l as { name: string }).name)));
  // a name the repository does not have yet creates the label: the label limits apply
  for (const name of names) checkLabel({ name });
  return names;
}

function setLabels(ctx: RouteContext, number: number, names: string[]): void {
  const issue = ctx.state.getIssue(number);
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const current of [...issue.labels])
    if (!wanted.has(current.toLowerCase())) ctx.state.removeLabel(number, current, ctx.login);
  for (const name of names) ctx.state.addLabel(number, name, ctx.login);
}

function issueFilter(ctx: RouteContext): (i: Issue) => boolean {
  const q = ctx.query;
  const state = q.state ?? 'open';
  const labels: string[] = q.labels
    ? String(q.labels)
        .split(',')
        .map((l: string) => l.trim().toLowerCase())
        .filter(Boolean)
    : [];
  const after = since(ctx);
  return (i) =>
    (state === 'all' || i.state === state) &&
    labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)) &&
    (after === undefined || Date.parse(i.updatedAt) >= after) &&
    (!q.creator || sameLogin(i.user, q.creator)) &&
    (!q.assignee ||
      (q.assignee === 'none'
        ? i.assignees.length === 0
        : q.assignee === '*'
          ? i.assignees.length > 0
          : i.assignees.some((a) => sameLogin(a, q.assignee))));
}

function sortIssues(ctx: RouteContext, list: Issue[]): Issue[] {
  const key = ctx.query.sort ?? 'created';
  const dir = (ctx.query.direction ?? 'desc') === 'asc' ? 1 : -1;
  const value = (i: Issue) =>
    key === 'updated'
      ? Date.parse(i.updatedAt)
      : key === 'comments'
        ? ctx.state.commentsOf(i.number).length
        : Date.parse(i.createdAt);
  return [...list].sort((a, b) => dir * (value(a) - value(b) || a.number - b.number));
}

function timelineEntry(ctx: RouteContext, e: TimelineEvent) {
  const s = shapes(ctx);
  return {
    id: e.id,
    node_id: `E_${e.id}`,
    url: `${s.repoApi}/issues/events/${e.id}`,
    event: e.event,
    actor: s.user(e.actor),
    created_at: e.createdAt,
    commit_id: e.event === 'merged' || e.event === 'committed' ? (e.sha ?? null) : null,
    ...(e.label ? { label: { name: e.label, color: ctx.state.findLabel(e.label)?.color ?? 'ededed' } } : {}),
    ...(e.requestedReviewer
      ? { requested_reviewer: s.user(e.requestedReviewer), review_requester: s.user(e.actor) }
      : {}),
    ...(e.event === 'renamed' ? { rename: { from: e.from, to: e.to } } : {}),
    ...(e.event === 'committed' ? { sha: e.sha } : {}),
    ...(e.event === 'review_dismissed'
      ? {
          dismissed_review: {
            state: (e.previousReviewState ?? '').toLowerCase(),
            review_id: e.reviewId,
            dismissal_message: e.dismissalMessage || null,
            dismissal_commit_id: null,
          },
        }
      : {}),
  };
}

export const issueRoutes: Record<string, RouteHandler> = {
  'GET /repos/{owner}/{repo}/issues': (ctx) => {
    const list = [...ctx.state.issues.values()].filter(issueFilter(ctx));
    return paginate(
      ctx,
      sortIssues(ctx, list).map((i) => shapes(ctx).issue(i)),
    );
  },

  'POST /repos/{owner}/{repo}/issues': (ctx) => {
    const { title, body, labels, assignees } = ctx.body;
    checkIssueText('Issue', { title, body });
    const names = labelNames({ labels });
    const issue = ctx.state.createIssue({
      title: String(title),
      body: body ?? '',
      author: ctx.login,
      labels: names,
    });
    issue.assignees = ctx.state.canonicalLogins(assignees ?? []);
    return created(shapes(ctx).issue(issue));
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}': (ctx) =>
    ok(shapes(ctx).issue(ctx.state.getIssue(ctx.params.issue_number))),

  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': (ctx) => {
    const n: number = ctx.params.issue_number;
    const { title, body, state, state_reason, labels, assignees } = ctx.body ?? {};
    const s = ctx.state;
    checkIssueText(s.getIssue(n).pull ? 'PullRequest' : 'Issue', { title, body });
    const names = labels === undefined ? undefined : labelNames({ labels });
    if (title !== undefined || body !== undefined)
      s.setTitleBody(n, { title: title ?? undefined, body: body ?? undefined }, ctx.login);
    if (names !== undefined) setLabels(ctx, n, names);
    if (assignees !== undefined) s.getIssue(n).assignees = s.canonicalLogins(assignees ?? []);
    if (state === 'closed')
      s.close(n, ctx.login, state_reason === 'not_planned' ? 'not_planned' : 'completed');
    else if (state === 'open') s.reopen(n, ctx.login);
    return ok(shapes(ctx).issue(s.getIssue(n)));
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels': (ctx) =>
    paginate(
      ctx,
      ctx.state.getIssue(ctx.params.issue_number).labels.map((n) => shapes(ctx).labelByName(n)),
    ),

  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': (ctx) => {
    const n: number = ctx.params.issue_number;
    for (const name of labelNames(ctx.body)) ctx.state.addLabel(n, name, ctx.login);
    return ok(ctx.state.getIssue(n).labels.map((l) => shapes(ctx).labelByName(l)));
  },

  'PUT /repos/{owner}/{repo}/issues/{issue_number}/labels': (ctx) => {
    const n: number = ctx.params.issue_number;
    setLabels(ctx, n, labelNames(ctx.body));
    return ok(ctx.state.getIssue(n).labels.map((l) => shapes(ctx).labelByName(l)));
  },

  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels': (ctx) => {
    setLabels(ctx, ctx.params.issue_number, []);
    return noContent();
  },

  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}': (ctx) => {
    const n: number = ctx.params.issue_number;
    ctx.state.removeLabel(n, ctx.params.name, ctx.login);
    return ok(ctx.state.getIssue(n).labels.map((l) => shapes(ctx).labelByName(l)));
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
    const after = since(ctx);
    const list = ctx.state
      .commentsOf(ctx.state.getIssue(ctx.params.issue_number).number)
      .filter((c) => after === undefined || Date.parse(c.updatedAt) >= after);
    return paginate(
      ctx,
      list.map((c) => shapes(ctx).comment(c)),
    );
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
    checkCommentBody(ctx.body.body);
    return created(
      shapes(ctx).comment(ctx.state.addComment(ctx.params.issue_number, ctx.login, ctx.body.body)),
    );
  },

  'GET /repos/{owner}/{repo}/issues/comments': (ctx) => {
    const after = since(ctx);
    const dir = ctx.query.direction === 'desc' ? -1 : 1;
    const key = ctx.query.sort === 'updated' ? 'updatedAt' : 'createdAt';
    const list = ctx.state.comments
      .filter((c) => after === undefined || Date.parse(c.updatedAt) >= after)
      .sort((a, b) => dir * (byTime(a[key], b[key]) || a.id - b.id));
    return paginate(
      ctx,
      list.map((c) => shapes(ctx).comment(c)),
    );
  },

  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) =>
    ok(shapes(ctx).comment(ctx.state.getComment(ctx.params.comment_id))),

  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
    checkCommentBody(ctx.body.body);
    return ok(shapes(ctx).comment(ctx.state.editComment(ctx.params.comment_id, ctx.body.body, ctx.login)));
  },

  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
    ctx.state.deleteComment(ctx.params.comment_id, ctx.login);
    return noContent();
  },

  /** The timeline adds comments, reviews and commits to the issue events. */
  'GET /repos/{owner}/{repo}/issues/{issue_number}/timeline': (ctx) => {
    const n: number = ctx.state.getIssue(ctx.params.issue_number).number;
    const s = shapes(ctx);
    const items: { at: string; id: number; body: unknown }[] = [
      ...ctx.state.timelineOf(n).map((e) => ({ at: e.createdAt, id: e.id, body: timelineEntry(ctx, e) })),
      ...ctx.state.commentsOf(n).map((c) => ({
        at: c.createdAt,
        id: c.id,
        body: { ...s.comment(c), event: 'commented', actor: s.user(c.user) },
      })),
      ...ctx.state.reviewsOf(n).map((r) => ({
        at: r.submittedAt,
        id: r.id,
        body: { ...s.review(r), event: 'reviewed', state: r.state.toLowerCase() },
      })),
    ];
    items.sort((a, b) => byTime(a.at, b.at) || a.id - b.id);
    return paginate(
      ctx,
      items.map((i) => i.body),
    );
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/events': (ctx) => {
    const n: number = ctx.state.getIssue(ctx.params.issue_number).number;
    const events = ctx.state.timelineOf(n).filter((e) => e.event !== 'committed');
    return paginate(
      ctx,
      events.map((e) => timelineEntry(ctx, e)),
    );
  },

  'GET /repos/{owner}/{repo}/labels': (ctx) =>
    paginate(
      ctx,
      [...ctx.state.labels.values()].map((l) => shapes(ctx).label(l)),
    ),

  'POST /repos/{owner}/{repo}/labels': (ctx) => {
    const { name, color, description } = ctx.body;
    checkLabel({ name, color });
    if (ctx.state.findLabel(name)) validationFailed('Validation Failed: already_exists (Label name)');
    return created(
      shapes(ctx).label(
        ctx.state.createLabel(name, (color ?? 'ededed').replace(/^#/, ''), description ?? null),
      ),
    );
  },

  'GET /repos/{owner}/{repo}/labels/{name}': (ctx) => {
    const label = ctx.state.findLabel(ctx.params.name);
    return label ? ok(shapes(ctx).label(label)) : notFound();
  },

  'PATCH /repos/{owner}/{repo}/labels/{name}': (ctx) => {
    const { new_name, color, description } = ctx.body ?? {};
    checkLabel({ name: new_name, color });
    const label = ctx.state.updateLabel(ctx.params.name, {
      newName: new_name,
      color: color?.replace(/^#/, ''),
      description,
    });
    return ok(shapes(ctx).label(label));
  },
};
