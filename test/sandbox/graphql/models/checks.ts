/**
 * Check runs as GraphQL shows them: a commit's (or a pull request head's) `statusCheckRollup`
 * with its `contexts` (the latest run of each name per app; the sandbox has no commit statuses),
 * each run's `checkSuite` (one per app and commit) and the suite's `app`.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { CheckRun } from '../../state.js';
import { checkRunApp, type CheckApp } from '../../check-apps.js';
import { encodeNodeId, scopedKey } from '../ids.js';
import { Connection, type PageArgs } from '../pagination.js';
import { GITHUB_URL, repoUrl, type Ctx } from '../context.js';
import { CommitModel } from './git.js';

const upper = (v: string | null) => (v ? v.toUpperCase() : null);

/** The latest run of each name and app on a commit, oldest first. */
function latestRuns(ctx: Ctx, sha: string): CheckRun[] {
  const runs = ctx.state.checksFor(sha);
  const key = (c: CheckRun) => `${c.name}\n${checkRunApp(c.createdBy).slug}`;
  return runs.filter((c) => !runs.some((o) => key(o) === key(c) && o.id > c.id)).sort((a, b) => a.id - b.id);
}

/** null when the commit has no check run, as GitHub answers for a commit without checks or statuses. */
export function statusCheckRollup(ctx: Ctx, sha: string): StatusCheckRollupModel | null {
  return latestRuns(ctx, sha).length ? new StatusCheckRollupModel(ctx, sha) : null;
}

export class StatusCheckRollupModel {
  readonly __typename = 'StatusCheckRollup';
  constructor(
    private readonly _ctx: Ctx,
    private readonly _sha: string,
  ) {}
  id() {
    return encodeNodeId('StatusCheckRollup', scopedKey(this._ctx.state, this._sha));
  }
  commit() {
    return new CommitModel(this._ctx, this._ctx.state.commits.get(this._sha)!);
  }
  state() {
    const runs = latestRuns(this._ctx, this._sha);
    if (runs.some((r) => r.status !== 'completed')) return 'PENDING';
    const ok = new Set(['success', 'neutral', 'skipped']);
    return runs.every((r) => ok.has(r.conclusion ?? '')) ? 'SUCCESS' : 'FAILURE';
  }
  contexts(args: PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    return new Connection(
      info.fieldName,
      latestRuns(this._ctx, this._sha).map((r) => new CheckRunModel(this._ctx, r)),
      args,
    );
  }
}

export class CheckRunModel {
  readonly __typename = 'CheckRun';
  constructor(
    private readonly _ctx: Ctx,
    private readonly _run: CheckRun,
  ) {}
  id() {
    return encodeNodeId('CheckRun', scopedKey(this._ctx.state, this._run.id));
  }
  databaseId() {
    return this._run.id;
  }
  name() {
    return this._run.name;
  }
  status() {
    return this._run.status.toUpperCase();
  }
  conclusion() {
    return upper(this._run.conclusion);
  }
  title() {
    return this._run.output.title;
  }
  summary() {
    return this._run.output.summary;
  }
  text() {
    return this._run.output.text;
  }
  startedAt() {
    return this._run.startedAt;
  }
  completedAt() {
    return this._run.completedAt;
  }
  detailsUrl() {
    return this._run.detailsUrl;
  }
  externalId() {
    return this._run.externalId;
  }
  isRequired() {
    return false;
  }
  url() {
    return `${repoUrl(this._ctx)}/runs/${this._run.id}`;
  }
  permalink() {
    return this.url();
  }
  resourcePath() {
    return new URL(this.url()).pathname;
  }
  checkSuite() {
    return new CheckSuiteModel(this._ctx, this._run.headSha, checkRunApp(this._run.createdBy));
  }
}

export class CheckSuiteModel {
  readonly __typename = 'CheckSuite';
  constructor(
    private readonly _ctx: Ctx,
    private readonly _sha: string,
    private readonly _app: CheckApp,
  ) {}
  id() {
    return encodeNodeId('CheckSuite', scopedKey(this._ctx.state, `${this._sha}:${this._app.slug}`));
  }
  app() {
    return new AppModel(this._app);
  }
  commit() {
    return new CommitModel(this._ctx, this._ctx.state.commits.get(this._sha)!);
  }
  checkRuns(
    args: PageArgs & { filterBy?: { checkName?: string | null } | null },
    _c: unknown,
    info: GraphQLResolveInfo,
  ) {
    const runs = this._ctx.state
      .checksFor(this._sha)
      .filter((r) => checkRunApp(r.createdBy).slug === this._app.slug)
      .filter((r) => !args.filterBy?.checkName || r.name === args.filterBy.checkName)
      .sort((a, b) => a.id - b.id);
    return new Connection(
      info.fieldName,
      runs.map((r) => new CheckRunModel(this._ctx, r)),
      args,
    );
  }
}

export class AppModel {
  readonly __typename = 'App';
  constructor(private readonly _app: CheckApp) {}
  id() {
    return encodeNodeId('App', this._app.id);
  }
  databaseId() {
    return this._app.id;
  }
  slug() {
    return this._app.slug;
  }
  name() {
    return this._app.name;
  }
  url() {
    return `${GITHUB_URL}/apps/${this._app.slug}`;
  }
}
