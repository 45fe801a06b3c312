/** Check runs: create, update, get, list for a commit. */
import { SandboxError, type CheckAnnotation, type CheckRun } from '../state.js';
import {
  type RouteContext,
  type RouteHandler,
  created,
  notFound,
  ok,
  paginate,
  validationFailed,
} from './context.js';
import { checkCheckOutput, LimitExceeded } from '../limits.js';
import { Shapes } from './shapes.js';

/** GitHub takes at most 50 annotations per request; more are added with further PATCH calls. */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;

const shapes = (ctx: RouteContext) => new Shapes(ctx.state, ctx.baseUrl);

function findRun(ctx: RouteContext): CheckRun {
  return ctx.state.checkRuns.find((c) => c.id === ctx.params.check_run_id) ?? notFound();
}

/** Applies the fields a create or update request carries; annotations accumulate as on GitHub. */
function apply(ctx: RouteContext, run: CheckRun): void {
  const b = ctx.body ?? {};
  const annotations: CheckAnnotation[] = b.output?.annotations ?? [];
  if (annotations.length > MAX_ANNOTATIONS_PER_REQUEST)
    throw new LimitExceeded(
      422,
      `Invalid request.\n\nOnly ${MAX_ANNOTATIONS_PER_REQUEST} annotations are allowed per request.`,
    );
  checkCheckOutput(b.output);
  if (b.name !== undefined) run.name = b.name;
  if (b.details_url !== undefined) run.detailsUrl = b.details_url;
  if (b.external_id !== undefined) run.externalId = b.external_id;
  if (b.started_at !== undefined) run.startedAt = b.started_at;
  if (b.status !== undefined) run.status = b.status;
  if (b.conclusion !== undefined) {
    run.conclusion = b.conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed') {
    if (!run.conclusion)
      validationFailed('Invalid request.\n\n"conclusion" is required when status is completed.');
    run.completedAt = b.completed_at ?? run.completedAt ?? ctx.state.now;
  }
  if (b.output) {
    run.output.title = b.output.title ?? run.output.title;
    run.output.summary = b.output.summary ?? run.output.summary;
    run.output.text = b.output.text ?? run.output.text;
    run.output.annotations.push(...annotations);
  }
}

export const checkRoutes: Record<string, RouteHandler> = {
  'POST /repos/{owner}/{repo}/check-runs': (ctx) => {
    const sha = ctx.body.head_sha;
    if (!ctx.state.commits.has(sha))
      throw new SandboxError(422, 'Validation Failed: No commit found for SHA: ' + sha);
    const run: CheckRun = {
      id: ctx.state.id(),
      name: ctx.body.name,
      headSha: sha,
      status: 'queued',
      conclusion: null,
      output: { title: null, summary: null, text: null, annotations: [] },
      startedAt: ctx.state.now,
      completedAt: null,
      externalId: null,
      detailsUrl: null,
      createdBy: ctx.login,
    };
    apply(ctx, run);
    ctx.state.checkRuns.push(run);
    return created(shapes(ctx).checkRun(run));
  },

  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}': (ctx) => ok(shapes(ctx).checkRun(findRun(ctx))),

  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': (ctx) => {
    const run = findRun(ctx);
    apply(ctx, run);
    return ok(shapes(ctx).checkRun(run));
  },

  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': (ctx) => {
    const sha = ctx.state.resolveRef(ctx.params.ref);
    const q = ctx.query;
    let runs = ctx.state
      .checksFor(sha)
      .filter((c) => (!q.check_name || c.name === q.check_name) && (!q.status || c.status === q.status));
    // filter=latest (the default): the most recent run of each name
    if ((q.filter ?? 'latest') === 'latest')
      runs = runs.filter((c) => !runs.some((o) => o.name === c.name && o.id > c.id));
    const all = [...runs].sort((a, b) => b.id - a.id).map((c) => shapes(ctx).checkRun(c));
    return paginate(ctx, all, (page) => ({ total_count: all.length, check_runs: page }));
  },
};
