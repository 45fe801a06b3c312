/** Issues, pull requests and what hangs off them: labels, comments, reviews, commits, files. */
import type { GraphQLResolveInfo } from 'graphql';
import {
  diffTrees,
  sameLogin,
  type Comment,
  type Issue,
  type Label,
  type PullInfo,
  type Review,
} from '../../state.js';
import { MAX_PULL_FILES } from '../../limits.js';
import { unifiedPatch } from '../../rest/diff.js';
import { encodeNodeId, scopedKey } from '../ids.js';
import { Connection, type PageArgs } from '../pagination.js';
import { repoUrl, type Ctx } from '../context.js';
import { actor, authorAssociation, TeamModel, UserModel } from './actors.js';
import { CommitModel, refByName } from './git.js';
import { editFields } from './edits.js';
import { ForkRepositoryModel, RepositoryModel } from './repository.js';
import { timelineConnection, type TimelineArgs } from './timeline.js';
import { statusCheckRollup } from './checks.js';

export type PullIssue = Issue & { pull: PullInfo };

type Direction = 'ASC' | 'DESC';

export interface IssueListArgs {
  labels?: string[] | null;
  states?: string[] | null;
  orderBy?: { field: string; direction: Direction } | null;
  filterBy?: {
    labels?: string[] | null;
    states?: string[] | null;
    since?: string | null;
    createdBy?: string | null;
    assignee?: string | null;
  } | null;
}

export interface PullListArgs {
  labels?: string[] | null;
  states?: string[] | null;
  baseRefName?: string | null;
  headRefName?: string | null;
  orderBy?: { field: string; direction: Direction } | null;
}

export interface LabelListArgs {
  query?: string | null;
  orderBy?: { field: string; direction: Direction } | null;
}

// ---------- listing ----------

const hasAnyLabel = (issue: Issue, names: string[]) =>
  names.some((n) => issue.labels.some((l) => l.toLowerCase() === n.toLowerCase()));

/** `IssueState` / `PullRequestState` of a record; a merged pull request is MERGED, not CLOSED. */
export function stateOf(issue: Issue): 'OPEN' | 'CLOSED' | 'MERGED' {
  if (issue.pull?.merged) return 'MERGED';
  return issue.state === 'open' ? 'OPEN' : 'CLOSED';
}

function sortIssues<T extends Issue>(ctx: Ctx, issues: T[], orderBy: IssueListArgs['orderBy']): T[] {
  const field = orderBy?.field ?? 'CREATED_AT';
  const key = (i: Issue): string | number =>
    field === 'UPDATED_AT'
      ? i.updatedAt
      : field === 'COMMENTS'
        ? ctx.state.commentsOf(i.number).length
        : i.createdAt;
  const sign = orderBy?.direction === 'DESC' ? -1 : 1;
  return issues.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return sign * (ka < kb ? -1 : ka > kb ? 1 : a.number - b.number);
  });
}

/** The issues (not pull requests) of `Repository.issues` / `Label.issues`; label filters match any. */
export function listIssues(ctx: Ctx, args: IssueListArgs): Issue[] {
  const f = args.filterBy ?? {};
  const issues = [...ctx.state.issues.values()].filter(
    (i) =>
      !i.pull &&
      (!args.labels?.length || hasAnyLabel(i, args.labels)) &&
      (!args.states?.length || args.states.includes(stateOf(i))) &&
      (!f.labels?.length || hasAnyLabel(i, f.labels)) &&
      (!f.states?.length || f.states.includes(stateOf(i))) &&
      (!f.since || Date.parse(i.updatedAt) >= Date.parse(f.since)) &&
      (!f.createdBy || sameLogin(i.user, f.createdBy)) &&
      (f.assignee == null ||
        (f.assignee === '*' ? i.assignees.length > 0 : i.assignees.some((a) => sameLogin(a, f.assignee!)))),
  );
  return sortIssues(ctx, issues, args.orderBy);
}

export function listPulls(ctx: Ctx, args: PullListArgs): PullIssue[] {
  const pulls = [...ctx.state.issues.values()].filter(
    (i): i is PullIssue =>
      !!i.pull &&
      (!args.labels?.length || hasAnyLabel(i, args.labels)) &&
      (!args.states?.length || args.states.includes(stateOf(i))) &&
      (!args.baseRefName || i.pull.base === args.baseRefName) &&
      (!args.headRefName || i.pull.head === args.headRefName),
  );
  return sortIssues(ctx, pulls, args.orderBy);
}

export function listLabels(ctx: Ctx, args: LabelListArgs): Label[] {
  const q = args.query?.toLowerCase();
  const labels = [...ctx.state.labels.values()].filter(
    (l) => !q || l.name.toLowerCase().includes(q) || (l.description ?? '').toLowerCase().includes(q),
  );
  if (args.orderBy?.field === 'NAME') labels.sort((a, b) => a.name.localeCompare(b.name));
  else labels.sort((a, b) => a.id - b.id);
  if (args.orderBy?.direction === 'DESC') labels.reverse();
  return labels;
}

export function issueOrPullModel(ctx: Ctx, issue: Issue): IssueModel | PullRequestModel {
  return issue.pull ? new PullRequestModel(ctx, issue as PullIssue) : new IssueModel(ctx, issue);
}

// ---------- labels ----------

export class LabelModel {
  readonly __typename = 'Label';
  constructor(
    protected readonly _ctx: Ctx,
    protected readonly _label: Label,
  ) {}
  /** A label event may name a label since deleted: GitHub still shows its name. */
  static named(ctx: Ctx, name: string): LabelModel {
    return new LabelModel(
      ctx,
      ctx.state.findLabel(name) ?? { id: 0, name, color: 'ededed', description: null },
    );
  }
  id() {
    return encodeNodeId('Label', this._label.id || this._label.name);
  }
  name() {
    return this._label.name;
  }
  color() {
    return this._label.color;
  }
  description() {
    return this._label.description;
  }
  isDefault() {
    return false;
  }
  createdAt() {
    return null;
  }
  updatedAt() {
    return null;
  }
  url() {
    return `${repoUrl(this._ctx)}/labels/${encodeURIComponent(this._label.name)}`;
  }
  resourcePath() {
    return new URL(this.url()).pathname;
  }
  repository() {
    return new RepositoryModel(this._ctx);
  }
  issues(args: IssueListArgs & PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    const issues = listIssues(this._ctx, { ...args, labels: [this._label.name] }).filter(
      (i) => !args.labels?.length || hasAnyLabel(i, args.labels),
    );
    return new Connection(
      info.fieldName,
      issues.map((i) => new IssueModel(this._ctx, i)),
      args,
    );
  }
  pullRequests(args: PullListArgs & PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    const pulls = listPulls(this._ctx, { ...args, labels: [this._label.name] }).filter(
      (p) => !args.labels?.length || hasAnyLabel(p, args.labels),
    );
    return new Connection(
      info.fieldName,
      pulls.map((p) => new PullRequestModel(this._ctx, p)),
      args,
    );
  }
}

// ---------- comments ----------

export class IssueCommentModel {
  readonly __typename = 'IssueComment';
  constructor(
    protected readonly _ctx: Ctx,
    protected readonly _comment: Comment,
  ) {}
  private record(): Issue {
    return this._ctx.state.getIssue(this._comment.number);
  }
  id() {
    return encodeNodeId('IssueComment', scopedKey(this._ctx.state, this._comment.id));
  }
  databaseId() {
    return this._comment.id;
  }
  fullDatabaseId() {
    return String(this._comment.id);
  }
  author() {
    return actor(this._ctx, this._comment.user);
  }
  authorAssociation() {
    return authorAssociation(this._ctx, this._comment.user);
  }
  body() {
    return this._comment.body;
  }
  bodyText() {
    return this._comment.body;
  }
  createdAt() {
    return this._comment.createdAt;
  }
  publishedAt() {
    return this._comment.createdAt;
  }
  updatedAt() {
    return this._comment.updatedAt;
  }
  private edits() {
    return editFields(this._ctx, `IssueComment:${this._comment.id}`, this._comment.edits);
  }
  lastEditedAt() {
    return this.edits().lastEditedAt();
  }
  includesCreatedEdit() {
    return this.edits().includesCreatedEdit();
  }
  editor() {
    return this.edits().editor();
  }
  userContentEdits(args: PageArgs, c: unknown, info: GraphQLResolveInfo) {
    return this.edits().userContentEdits(args, c, info);
  }
  isMinimized() {
    return false;
  }
  minimizedReason() {
    return null;
  }
  viewerDidAuthor() {
    return this._comment.user === this._ctx.viewer;
  }
  url() {
    const kind = this.record().pull ? 'pull' : 'issues';
    return `${repoUrl(this._ctx)}/${kind}/${this._comment.number}#issuecomment-${this._comment.id}`;
  }
  resourcePath() {
    const url = new URL(this.url());
    return url.pathname + url.hash;
  }
  /** GitHub answers an `Issue` here even for a pull request's comments */
  issue() {
    return new IssueModel(this._ctx, this.record());
  }
  pullRequest() {
    const record = this.record();
    return record.pull ? new PullRequestModel(this._ctx, record as PullIssue) : null;
  }
  repository() {
    return new RepositoryModel(this._ctx);
  }
}

// ---------- issues and pull requests ----------

abstract class IssueLikeModel {
  constructor(
    protected readonly _ctx: Ctx,
    protected readonly _issue: Issue,
  ) {}
  abstract readonly __typename: 'Issue' | 'PullRequest';
  protected abstract urlKind: string;
  id() {
    return encodeNodeId(this.__typename, scopedKey(this._ctx.state, this._issue.number));
  }
  databaseId() {
    return this._issue.id;
  }
  fullDatabaseId() {
    return String(this._issue.id);
  }
  number() {
    return this._issue.number;
  }
  title() {
    return this._issue.title;
  }
  body() {
    return this._issue.body;
  }
  bodyText() {
    return this._issue.body;
  }
  url() {
    return `${repoUrl(this._ctx)}/${this.urlKind}/${this._issue.number}`;
  }
  resourcePath() {
    return new URL(this.url()).pathname;
  }
  closed() {
    return this._issue.state === 'closed';
  }
  closedAt() {
    return this._issue.closedAt;
  }
  createdAt() {
    return this._issue.createdAt;
  }
  publishedAt() {
    return this._issue.createdAt;
  }
  updatedAt() {
    return this._issue.updatedAt;
  }
  private edits() {
    return editFields(this._ctx, `${this.__typename}:${this._issue.number}`, this._issue.bodyEdits);
  }
  lastEditedAt() {
    return this.edits().lastEditedAt();
  }
  includesCreatedEdit() {
    return this.edits().includesCreatedEdit();
  }
  userContentEdits(args: PageArgs, c: unknown, info: GraphQLResolveInfo) {
    return this.edits().userContentEdits(args, c, info);
  }
  locked() {
    return false;
  }
  activeLockReason() {
    return null;
  }
  author() {
    return actor(this._ctx, this._issue.user);
  }
  authorAssociation() {
    return authorAssociation(this._ctx, this._issue.user);
  }
  editor() {
    return this.edits().editor();
  }
  milestone() {
    return null;
  }
  viewerDidAuthor() {
    return this._issue.user === this._ctx.viewer;
  }
  repository() {
    return new RepositoryModel(this._ctx);
  }
  labels(args: PageArgs & { orderBy?: LabelListArgs['orderBy'] }, _c: unknown, info: GraphQLResolveInfo) {
    const labels = this._issue.labels.map((name) => LabelModel.named(this._ctx, name));
    if (args.orderBy?.field === 'NAME') labels.sort((a, b) => a.name().localeCompare(b.name()));
    if (args.orderBy?.direction === 'DESC') labels.reverse();
    return new Connection(info.fieldName, labels, args);
  }
  assignees(args: PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    const users = this._issue.assignees.map((login) => new UserModel(this._ctx, login));
    return new Connection(info.fieldName, users, args);
  }
  comments(
    args: PageArgs & { orderBy?: { field: string; direction: Direction } | null },
    _c: unknown,
    info: GraphQLResolveInfo,
  ) {
    const records = this._ctx.state.commentsOf(this._issue.number);
    if (args.orderBy?.field === 'UPDATED_AT')
      records.sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id - b.id));
    if (args.orderBy?.direction === 'DESC') records.reverse();
    const comments = records.map((c) => new IssueCommentModel(this._ctx, c));
    return new Connection(info.fieldName, comments, args);
  }
  timelineItems(args: TimelineArgs, _c: unknown, info: GraphQLResolveInfo) {
    return timelineConnection(this._ctx, this._issue, this.__typename, args, info.fieldName);
  }
}

export class IssueModel extends IssueLikeModel {
  readonly __typename = 'Issue';
  protected urlKind = 'issues';
  state() {
    return this._issue.state === 'open' ? 'OPEN' : 'CLOSED';
  }
  stateReason() {
    return this._issue.stateReason?.toUpperCase() ?? null;
  }
}

export class PullRequestModel extends IssueLikeModel {
  readonly __typename = 'PullRequest';
  protected urlKind = 'pull';
  constructor(
    ctx: Ctx,
    protected readonly _pr: PullIssue,
  ) {
    super(ctx, _pr);
  }
  private get _pull(): PullInfo {
    return this._pr.pull;
  }
  state() {
    return stateOf(this._pr);
  }
  permalink() {
    return this.url();
  }
  headRefName() {
    return this._pull.head;
  }
  headRefOid() {
    return this._pull.headSha;
  }
  /** the head commit's checks (checks.ts) */
  statusCheckRollup() {
    return statusCheckRollup(this._ctx, this._pull.headSha);
  }
  headRef() {
    return refByName(this._ctx, `refs/heads/${this._pull.head}`);
  }
  baseRefName() {
    return this._pull.base;
  }
  /** GitHub reports the base branch's current head while the pull request is open */
  baseRefOid() {
    if (this._pr.state === 'open') {
      const sha = this._ctx.state.refs.get(`heads/${this._pull.base}`);
      if (sha) return sha;
    }
    return this._pull.baseSha;
  }
  baseRef() {
    return refByName(this._ctx, `refs/heads/${this._pull.base}`);
  }
  /** a fork's head lives in the author's repository; a deleted fork leaves null, as on GitHub */
  headRepository() {
    const fork = this._pull.fork;
    if (!fork) return new RepositoryModel(this._ctx);
    return fork.deleted ? null : new ForkRepositoryModel(this._ctx, fork.owner);
  }
  baseRepository() {
    return new RepositoryModel(this._ctx);
  }
  isCrossRepository() {
    return !!this._pull.fork;
  }
  maintainerCanModify() {
    return false;
  }
  isDraft() {
    return this._pull.draft;
  }
  merged() {
    return this._pull.merged;
  }
  mergedAt() {
    return this._pull.mergedAt;
  }
  mergedBy() {
    return actor(this._ctx, this._pull.mergedBy);
  }
  mergeCommit() {
    const commit = this._pull.mergeCommitSha
      ? this._ctx.state.commits.get(this._pull.mergeCommitSha)
      : undefined;
    return commit ? new CommitModel(this._ctx, commit) : null;
  }
  /** MERGEABLE unless a file it changes also changed on the base branch since its merge base (as `RepoState.merge` decides) */
  mergeable() {
    if (this._pull.merged) return 'UNKNOWN';
    return pullConflicts(this._ctx, this._pr) ? 'CONFLICTING' : 'MERGEABLE';
  }
  mergeStateStatus() {
    if (this._pull.merged) return 'UNKNOWN';
    if (pullConflicts(this._ctx, this._pr)) return 'DIRTY';
    return this._pull.draft ? 'DRAFT' : 'CLEAN';
  }
  reviewDecision() {
    return null;
  }
  isInMergeQueue() {
    return false;
  }
  totalCommentsCount() {
    return this._ctx.state.commentsOf(this._pr.number).length;
  }
  private fileStats() {
    return pullFileStats(this._ctx, this._pr);
  }
  additions() {
    return this.fileStats().reduce((n, f) => n + f.additions, 0);
  }
  deletions() {
    return this.fileStats().reduce((n, f) => n + f.deletions, 0);
  }
  changedFiles() {
    return this.fileStats().length;
  }
  /** at most 3,000 files, as on GitHub; `changedFiles` still counts them all */
  files(args: PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    return new Connection(info.fieldName, this.fileStats().slice(0, MAX_PULL_FILES), args);
  }
  commits(args: PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    const commits = pullCommitShas(this._ctx, this._pr).map(
      (sha) => new PullRequestCommitModel(this._ctx, this._pr, sha),
    );
    return new Connection(info.fieldName, commits, args);
  }
  reviews(
    args: PageArgs & { states?: string[] | null; author?: string | null },
    _c: unknown,
    info: GraphQLResolveInfo,
  ) {
    const reviews = this._ctx.state
      .reviewsOf(this._pr.number)
      .filter(
        (r) =>
          (!args.states?.length || args.states.includes(r.state)) &&
          (!args.author || sameLogin(r.user, args.author)),
      );
    return new Connection(
      info.fieldName,
      reviews.map((r) => new PullRequestReviewModel(this._ctx, r)),
      args,
    );
  }
  /**
   * Each reviewer's latest review, where an approval, change request or dismissal outranks a
   * later comment-only review (a comment does not withdraw an approval).
   */
  latestReviews(args: PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    const latest = new Map<string, Review>();
    for (const r of this._ctx.state.reviewsOf(this._pr.number)) {
      const prev = latest.get(r.user);
      if (!prev || r.state !== 'COMMENTED' || prev.state === 'COMMENTED') latest.set(r.user, r);
    }
    return new Connection(
      info.fieldName,
      [...latest.values()].map((r) => new PullRequestReviewModel(this._ctx, r)),
      args,
    );
  }
  /** Each reviewer's latest approval or change request, unless it was dismissed since. */
  latestOpinionatedReviews(
    args: PageArgs & { writersOnly?: boolean | null },
    _c: unknown,
    info: GraphQLResolveInfo,
  ) {
    const latest = new Map<string, Review>();
    for (const r of this._ctx.state.reviewsOf(this._pr.number))
      if (r.state !== 'COMMENTED') latest.set(r.user, r);
    const writers = new Set(['write', 'maintain', 'admin']);
    const reviews = [...latest.values()].filter(
      (r) =>
        r.state !== 'DISMISSED' && (!args.writersOnly || writers.has(this._ctx.state.permissionOf(r.user))),
    );
    return new Connection(
      info.fieldName,
      reviews.map((r) => new PullRequestReviewModel(this._ctx, r)),
      args,
    );
  }
  reviewRequests(args: PageArgs, _c: unknown, info: GraphQLResolveInfo) {
    const requests = [
      ...this._pull.requestedReviewers.map(
        (login) => new ReviewRequestModel(this._ctx, this._pr, 'user', login),
      ),
      ...this._pull.requestedTeams.map((slug) => new ReviewRequestModel(this._ctx, this._pr, 'team', slug)),
    ];
    return new Connection(info.fieldName, requests, args);
  }
}

export class PullRequestReviewModel {
  readonly __typename = 'PullRequestReview';
  constructor(
    protected readonly _ctx: Ctx,
    protected readonly _review: Review,
  ) {}
  id() {
    return encodeNodeId('PullRequestReview', scopedKey(this._ctx.state, this._review.id));
  }
  databaseId() {
    return this._review.id;
  }
  fullDatabaseId() {
    return String(this._review.id);
  }
  author() {
    return actor(this._ctx, this._review.user);
  }
  authorAssociation() {
    return authorAssociation(this._ctx, this._review.user);
  }
  authorCanPushToRepository() {
    return ['write', 'maintain', 'admin'].includes(this._ctx.state.permissionOf(this._review.user));
  }
  state() {
    return this._review.state;
  }
  body() {
    return this._review.body;
  }
  bodyText() {
    return this._review.body;
  }
  submittedAt() {
    return this._review.submittedAt;
  }
  createdAt() {
    return this._review.submittedAt;
  }
  publishedAt() {
    return this._review.submittedAt;
  }
  updatedAt() {
    return this._review.submittedAt;
  }
  private edits() {
    return editFields(this._ctx, `PullRequestReview:${this._review.id}`, this._review.edits);
  }
  lastEditedAt() {
    return this.edits().lastEditedAt();
  }
  includesCreatedEdit() {
    return this.edits().includesCreatedEdit();
  }
  editor() {
    return this.edits().editor();
  }
  userContentEdits(args: PageArgs, c: unknown, info: GraphQLResolveInfo) {
    return this.edits().userContentEdits(args, c, info);
  }
  isMinimized() {
    return false;
  }
  viewerDidAuthor() {
    return this._review.user === this._ctx.viewer;
  }
  commit() {
    const commit = this._ctx.state.commits.get(this._review.commitId);
    return commit ? new CommitModel(this._ctx, commit) : null;
  }
  pullRequest() {
    return new PullRequestModel(this._ctx, this._ctx.state.getPull(this._review.number));
  }
  repository() {
    return new RepositoryModel(this._ctx);
  }
  url() {
    return `${repoUrl(this._ctx)}/pull/${this._review.number}#pullrequestreview-${this._review.id}`;
  }
  resourcePath() {
    const url = new URL(this.url());
    return url.pathname + url.hash;
  }
}

export class ReviewRequestModel {
  readonly __typename = 'ReviewRequest';
  constructor(
    protected readonly _ctx: Ctx,
    protected readonly _pr: PullIssue,
    protected readonly _kind: 'user' | 'team',
    protected readonly _who: string,
  ) {}
  id() {
    return encodeNodeId(
      'ReviewRequest',
      scopedKey(this._ctx.state, `${this._pr.number}:${this._kind}:${this._who}`),
    );
  }
  databaseId() {
    return null;
  }
  asCodeOwner() {
    return false;
  }
  requestedReviewer() {
    return this._kind === 'team' ? new TeamModel(this._ctx, this._who) : actor(this._ctx, this._who);
  }
  pullRequest() {
    return new PullRequestModel(this._ctx, this._pr);
  }
}

export class PullRequestCommitModel {
  readonly __typename = 'PullRequestCommit';
  constructor(
    protected readonly _ctx: Ctx,
    protected readonly _pr: PullIssue,
    protected readonly _sha: string,
  ) {}
  id() {
    return encodeNodeId('PullRequestCommit', scopedKey(this._ctx.state, `${this._pr.number}:${this._sha}`));
  }
  commit() {
    return new CommitModel(this._ctx, this._ctx.state.commits.get(this._sha)!);
  }
  pullRequest() {
    return new PullRequestModel(this._ctx, this._pr);
  }
  url() {
    return `${repoUrl(this._ctx)}/pull/${this._pr.number}/commits/${this._sha}`;
  }
  resourcePath() {
    return new URL(this.url()).pathname;
  }
}

// ---------- derived pull request facts ----------

/** Whether a file the pull request changes also changed on its base branch since the merge base. */
function pullConflicts(ctx: Ctx, pr: PullIssue): boolean {
  const { state } = ctx;
  const baseHead = state.refs.get(`heads/${pr.pull.base}`);
  if (!baseHead) return false;
  const baseNow = state.commits.get(baseHead)!.tree;
  const mergeBase = state.commits.get(pr.pull.baseSha)!.tree;
  const baseChanged = new Set(diffTrees(mergeBase, baseNow).map((f) => f.path));
  return state.pullFiles(pr.number).some((f) => baseChanged.has(f.path));
}

const CHANGE_TYPES = { added: 'ADDED', modified: 'MODIFIED', removed: 'DELETED' } as const;

export interface ChangedFile {
  path: string;
  additions: number;
  deletions: number;
  changeType: (typeof CHANGE_TYPES)[keyof typeof CHANGE_TYPES];
  viewerViewedState: 'UNVIEWED';
}

function pullFileStats(ctx: Ctx, pr: PullIssue): ChangedFile[] {
  const baseTree = ctx.state.commits.get(pr.pull.baseSha)!.tree;
  return ctx.state.pullFiles(pr.number).map((f) => {
    const { additions, deletions } = unifiedPatch(baseTree.get(f.path) ?? null, f.content);
    return {
      path: f.path,
      additions,
      deletions,
      changeType: CHANGE_TYPES[f.status],
      viewerViewedState: 'UNVIEWED',
    };
  });
}

/** The pull request's commits, oldest first: its head's first-parent line back to the merge base. */
export function pullCommitShas(ctx: Ctx, pr: PullIssue): string[] {
  const { commits } = ctx.state;
  const baseAncestors = new Set<string>();
  const stack = [pr.pull.baseSha];
  while (stack.length) {
    const sha = stack.pop()!;
    if (baseAncestors.has(sha)) continue;
    baseAncestors.add(sha);
    stack.push(...(commits.get(sha)?.parents ?? []));
  }
  const out: string[] = [];
  for (let sha: string | undefined = pr.pull.headSha; sha && !baseAncestors.has(sha);) {
    const commit = commits.get(sha);
    if (!commit) break;
    out.push(sha);
    sha = commit.parents[0];
  }
  return out.reverse();
}
