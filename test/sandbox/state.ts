/**
 * The sandbox's model of one GitHub repository: the single source of truth that the REST routes,
 * the GraphQL resolvers and the scenario runner all read and mutate. Every mutation stamps objects
 * with `this.now` (the scenario clock), so timestamps match the scenario's `at`.
 *
 * The model keeps git simple: a commit holds a full snapshot of its tree (path -> content).
 */
import { createHash } from 'node:crypto';
import { isAncestor, mergeBase } from './rest/git-graph.js';

export type Permission = 'read' | 'triage' | 'write' | 'maintain' | 'admin';
export const PERMISSION_ORDER: Permission[] = ['read', 'triage', 'write', 'maintain', 'admin'];

export interface User {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

/**
 * One saved version of a comment, review or issue body, as GitHub's `userContentEdits` keeps it:
 * who saved it, when, and the whole text of that version (GraphQL `diff`). GitHub records the
 * creation as an edit too (`includesCreatedEdit`) once the text is first edited.
 */
export interface ContentEdit {
  editor: string;
  editedAt: string;
  body: string;
}

export interface Comment {
  id: number;
  number: number;
  user: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  /** oldest first; empty until the first edit, then the created version and every edit */
  edits?: ContentEdit[];
  /** the app a person's comment was made through (a user-to-server token): `performed_via_github_app` */
  viaApp?: string;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';

export interface Review {
  id: number;
  number: number;
  user: string;
  state: ReviewState;
  body: string;
  submittedAt: string;
  commitId: string;
  /** oldest first, as for comments */
  edits?: ContentEdit[];
}

/** Issue timeline events (`GET /repos/{o}/{r}/issues/{n}/timeline`, GraphQL `timelineItems`). */
export interface TimelineEvent {
  id: number;
  number: number;
  event:
    | 'labeled'
    | 'unlabeled'
    | 'closed'
    | 'reopened'
    | 'merged'
    | 'review_requested'
    | 'head_ref_force_pushed'
    | 'committed'
    | 'renamed'
    | 'comment_deleted'
    | 'review_dismissed';
  actor: string;
  /** for `review_dismissed`: the review, its state before, and the dismissal message */
  reviewId?: number;
  previousReviewState?: ReviewState;
  dismissalMessage?: string;
  /** for `comment_deleted`: whose comment it was (GraphQL `deletedCommentAuthor`) */
  deletedCommentAuthor?: string;
  label?: string;
  createdAt: string;
  /** for `committed`: the new head sha */
  sha?: string;
  /** for `review_requested`: who */
  requestedReviewer?: string;
  /** for `renamed` */
  from?: string;
  to?: string;
}

export interface PullInfo {
  base: string;
  head: string;
  /** the base branch commit the pull request was branched from (the merge base) */
  baseSha: string;
  headSha: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  requestedReviewers: string[];
  requestedTeams: string[];
  /** every head commit this pull request has had, oldest first */
  commits: string[];
  /** set when the head branch lives in a fork, `<owner>/<repo name>`; `deleted`: the fork is gone (head.repo null) */
  fork?: { owner: string; deleted: boolean };
}

export interface Issue {
  number: number;
  id: number;
  title: string;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  labels: string[];
  assignees: string[];
  pull?: PullInfo;
  /** the body's edit history, oldest first, as for comments */
  bodyEdits?: ContentEdit[];
}

/**
 * One entry of the repository activity log (`GET /repos/{o}/{r}/activity`): a ref update with the
 * time GitHub received it. Commit dates are written by whoever made the commit; this is the only
 * record of when a push arrived.
 */
const NULL_SHA = '0000000000000000000000000000000000000000';

export interface RepoActivity {
  id: number;
  /** 'refs/heads/main' */
  ref: string;
  before: string;
  after: string;
  type: 'push' | 'force_push' | 'branch_creation' | 'branch_deletion' | 'pr_merge';
  actor: string;
  timestamp: string;
}

export interface Commit {
  sha: string;
  tree: Map<string, string>;
  treeSha: string;
  parents: string[];
  message: string;
  author: string;
  date: string;
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

export interface CheckRun {
  id: number;
  name: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion:
    'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  output: {
    title: string | null;
    summary: string | null;
    text: string | null;
    annotations: CheckAnnotation[];
  };
  startedAt: string;
  completedAt: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  /** login of the app/token that created it */
  createdBy: string;
}

export interface Release {
  id: number;
  tagName: string;
  name: string;
  body: string;
  createdAt: string;
  publishedAt: string;
  author: string;
  prerelease?: boolean;
}

export interface RepoSeed {
  owner?: string;
  name?: string;
  default_branch?: string;
  collaborators?: Record<string, Permission>;
  teams?: Record<string, string[]>;
  labels?: string[];
  files?: Record<string, string>;
  tags?: string[];
  /** GitHub's numeric id (default 100001); other repositories (other-repos.ts) get their own */
  repo_id?: number;
}

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/** GitHub logins are case-insensitive: `ALICE` is `alice`. */
export const sameLogin = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class RepoState {
  owner: string;
  name: string;
  defaultBranch: string;
  readonly repoId: number;
  /** who owns the repository: an organization (teams, `organization` in payloads) or a user account */
  ownerType: 'Organization' | 'User' = 'Organization';
  /** the repository's topics (GraphQL `repositoryTopics`); an organisation-wide run selects by them */
  topics: string[] = [];
  /** the scenario clock; every mutation stamps objects with it */
  now: string = '2026-01-01T00:00:00Z';
  /** the login the default token acts as */
  actor = 'github-actions[bot]';
  /** branch protection on the default branch: check names a merge through the API waits for */
  requiredChecks: string[] = [];
  /** set on another repository the token may write (other-repos.ts): prefixes its GraphQL node ids */
  nodeScope?: string;

  users = new Map<string, User>();
  collaborators = new Map<string, Permission>();
  teams = new Map<string, string[]>();
  labels = new Map<string, Label>();
  issues = new Map<number, Issue>();
  comments: Comment[] = [];
  reviews: Review[] = [];
  timeline: TimelineEvent[] = [];
  commits = new Map<string, Commit>();
  /** 'heads/main', 'tags/v1' -> sha */
  refs = new Map<string, string>();
  blobs = new Map<string, string>();
  /** trees created through POST /git/trees, by sha */
  trees = new Map<string, Map<string, string>>();
  checkRuns: CheckRun[] = [];
  releases: Release[] = [];
  /** ref updates with their receive times, oldest first */
  activity: RepoActivity[] = [];
  /** read-only repositories of any owner the sandbox also serves, by `owner/name` lower-cased (other-repos.ts) */
  readonly others = new Map<string, RepoState>();

  private nextId = 1000;

  constructor(seed: RepoSeed = {}) {
    this.owner = seed.owner ?? 'acme';
    this.name = seed.name ?? 'community';
    this.defaultBranch = seed.default_branch ?? 'main';
    this.repoId = seed.repo_id ?? 100001;
    for (const [login, perm] of Object.entries(seed.collaborators ?? {})) this.collaborators.set(login, perm);
    for (const [slug, members] of Object.entries(seed.teams ?? {})) this.teams.set(slug, [...members]);
    for (const l of seed.labels ?? []) this.createLabel(l);
    const root = this.createCommit(
      new Map(Object.entries(seed.files ?? {})),
      [],
      'Initial commit',
      'octocat',
    );
    this.refs.set(`heads/${this.defaultBranch}`, root.sha);
    for (const t of seed.tags ?? []) this.refs.set(`tags/${t}`, root.sha);
  }

  id(): number {
    return ++this.nextId;
  }

  user(login: string): User {
    let u = this.users.get(login) ?? [...this.users.values()].find((x) => sameLogin(x.login, login));
    if (!u) {
      u = { login, id: 5000 + this.users.size, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
      this.users.set(login, u);
    }
    return u;
  }

  // ---------- permissions ----------

  permissionOf(login: string): Permission | 'none' {
    if (sameLogin(login, this.actor)) return 'write';
    const collaborator = this.collaboratorLogin(login);
    return collaborator === undefined ? 'none' : this.collaborators.get(collaborator)!;
  }

  /** The collaborator's login as GitHub spells it, whatever the casing asked. */
  collaboratorLogin(login: string): string | undefined {
    if (this.collaborators.has(login)) return login;
    return [...this.collaborators.keys()].find((c) => sameLogin(c, login));
  }

  /** A login as GitHub spells it when the repository knows the account; as given otherwise. */
  canonicalLogin(login: string): string {
    return (
      this.collaboratorLogin(login) ??
      [...this.users.values()].find((u) => sameLogin(u.login, login))?.login ??
      [...this.teams.values()].flat().find((m) => sameLogin(m, login)) ??
      login
    );
  }

  canonicalLogins(logins: string[]): string[] {
    const out: string[] = [];
    for (const l of logins.map((x) => this.canonicalLogin(x))) if (!out.includes(l)) out.push(l);
    return out;
  }

  teamMembers(slug: string): string[] | undefined {
    return this.teams.get(slug);
  }

  // ---------- labels ----------

  createLabel(name: string, color = 'ededed', description: string | null = null): Label {
    const existing = this.findLabel(name);
    if (existing) throw new SandboxError(422, `Validation Failed: label ${name} already_exists`);
    if (name.length > 50)
      throw new SandboxError(422, 'Validation Failed: label name is too long (maximum is 50)');
    const label = { id: this.id(), name, color, description };
    this.labels.set(name, label);
    return label;
  }

  /** GitHub label names are case-insensitive */
  findLabel(name: string): Label | undefined {
    const lower = name.toLowerCase();
    for (const l of this.labels.values()) if (l.name.toLowerCase() === lower) return l;
    return undefined;
  }

  /** PATCH /labels/{name}: a rename carries over to every issue that has the label. */
  updateLabel(
    name: string,
    changes: { newName?: string; color?: string; description?: string | null },
  ): Label {
    const label = this.findLabel(name);
    if (!label) throw new SandboxError(404, 'Not Found');
    if (changes.newName !== undefined && changes.newName !== label.name) {
      const clash = this.findLabel(changes.newName);
      if (clash && clash !== label)
        throw new SandboxError(422, `Validation Failed: label ${changes.newName} already_exists`);
      this.labels.delete(label.name);
      for (const issue of this.issues.values())
        issue.labels = issue.labels.map((l) => (l === label.name ? changes.newName! : l));
      label.name = changes.newName;
      this.labels.set(label.name, label);
    }
    if (changes.color !== undefined) label.color = changes.color;
    if (changes.description !== undefined) label.description = changes.description;
    return label;
  }

  // ---------- issues and pull requests ----------

  nextNumber(): number {
    return Math.max(0, ...this.issues.keys()) + 1;
  }

  getIssue(number: number): Issue {
    const issue = this.issues.get(number);
    if (!issue) throw new SandboxError(404, 'Not Found');
    return issue;
  }

  getPull(number: number): Issue & { pull: PullInfo } {
    const issue = this.getIssue(number);
    if (!issue.pull) throw new SandboxError(404, 'Not Found');
    return issue as Issue & { pull: PullInfo };
  }

  createIssue(opts: {
    number?: number;
    title: string;
    body?: string;
    author: string;
    labels?: string[];
    createdAt?: string;
    state?: 'open' | 'closed';
  }): Issue {
    const number = opts.number ?? this.nextNumber();
    if (this.issues.has(number)) throw new SandboxError(422, `issue ${number} exists`);
    const at = opts.createdAt ?? this.now;
    this.user(opts.author);
    const issue: Issue = {
      number,
      id: this.id(),
      title: opts.title,
      body: opts.body ?? '',
      user: opts.author,
      createdAt: at,
      updatedAt: at,
      closedAt: opts.state === 'closed' ? at : null,
      closedBy: opts.state === 'closed' ? opts.author : null,
      state: opts.state ?? 'open',
      stateReason: opts.state === 'closed' ? 'completed' : null,
      labels: [],
      assignees: [],
    };
    this.issues.set(number, issue);
    for (const l of opts.labels ?? []) this.addLabel(number, l, opts.author, at);
    return issue;
  }

  /** Open a pull request whose head is `base`'s current commit plus `files` (null deletes). */
  createPull(opts: {
    number?: number;
    title: string;
    body?: string;
    author: string;
    base?: string;
    head: string;
    files?: Record<string, string | null>;
    draft?: boolean;
    labels?: string[];
    createdAt?: string;
    /** use an existing head branch instead of building one from `files` */
    existingHead?: boolean;
  }): Issue & { pull: PullInfo } {
    const base = opts.base ?? this.defaultBranch;
    const baseSha = this.branchSha(base);
    let headSha: string;
    if (opts.existingHead) {
      headSha = this.branchSha(opts.head);
    } else {
      const tree = applyChanges(this.commits.get(baseSha)!.tree, opts.files ?? {});
      headSha = this.createCommit(tree, [baseSha], opts.title, opts.author, opts.createdAt).sha;
      this.refs.set(`heads/${opts.head}`, headSha);
      this.recordActivity(
        `heads/${opts.head}`,
        NULL_SHA,
        headSha,
        'branch_creation',
        opts.author,
        opts.createdAt,
      );
    }
    const issue = this.createIssue({ ...opts, labels: [] });
    issue.pull = {
      base,
      head: opts.head,
      baseSha,
      headSha,
      draft: opts.draft ?? false,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      requestedReviewers: [],
      requestedTeams: [],
      commits: [headSha],
    };
    for (const l of opts.labels ?? []) this.addLabel(issue.number, l, opts.author, issue.createdAt);
    return issue as Issue & { pull: PullInfo };
  }

  /**
   * A new head commit on the pull request's branch on top of its current head, received now.
   * `committerDate` is the date written in the commit, which its author chooses (default: now).
   */
  pushToPull(
    number: number,
    files: Record<string, string | null>,
    by: string,
    committerDate?: string,
  ): string {
    const pr = this.getPull(number);
    const tree = applyChanges(this.commits.get(pr.pull.headSha)!.tree, files);
    const before = pr.pull.headSha;
    const commit = this.createCommit(tree, [before], 'push', by, committerDate ?? this.now);
    this.refs.set(`heads/${pr.pull.head}`, commit.sha);
    this.recordActivity(`heads/${pr.pull.head}`, before, commit.sha, 'push', by);
    this.syncPullHead(pr, commit.sha, by);
    return commit.sha;
  }

  /** Called whenever a branch that is some pull request's head moves. */
  syncPullHead(pr: Issue & { pull: PullInfo }, sha: string, by: string): void {
    pr.pull.headSha = sha;
    // GitHub compares against the merge base of the new head: a branch rebuilt (force-pushed) on
    // the current base no longer conflicts with what the base gained meanwhile.
    pr.pull.baseSha = mergeBase(this, this.branchSha(pr.pull.base), sha) ?? pr.pull.baseSha;
    pr.pull.commits.push(sha);
    pr.updatedAt = this.now;
    this.event(pr.number, 'committed', by, { sha });
  }

  /** The files a pull request changes: its head tree against its merge base. */
  pullFiles(
    number: number,
  ): { path: string; status: 'added' | 'modified' | 'removed'; content: string | null }[] {
    const pr = this.getPull(number);
    const baseTree = this.commits.get(pr.pull.baseSha)!.tree;
    const headTree = this.commits.get(pr.pull.headSha)!.tree;
    return diffTrees(baseTree, headTree);
  }

  setTitleBody(number: number, changes: { title?: string; body?: string }, by: string): void {
    const issue = this.getIssue(number);
    if (changes.title !== undefined && changes.title !== issue.title) {
      this.event(number, 'renamed', by, { from: issue.title, to: changes.title });
      issue.title = changes.title;
    }
    if (changes.body !== undefined && changes.body !== issue.body) {
      issue.bodyEdits = recordEdit(
        issue.bodyEdits,
        { author: issue.user, createdAt: issue.createdAt, body: issue.body },
        by,
        this.now,
        changes.body,
      );
      issue.body = changes.body;
    }
    issue.updatedAt = this.now;
  }

  addLabel(number: number, name: string, by: string, at = this.now): void {
    const issue = this.getIssue(number);
    const label = this.findLabel(name) ?? this.createLabel(name);
    if (issue.labels.includes(label.name)) return;
    issue.labels.push(label.name);
    issue.updatedAt = at;
    this.event(number, 'labeled', by, { label: label.name, createdAt: at });
  }

  removeLabel(number: number, name: string, by: string): void {
    const issue = this.getIssue(number);
    const idx = issue.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
    if (idx < 0) throw new SandboxError(404, 'Label does not exist');
    const [removed] = issue.labels.splice(idx, 1);
    issue.updatedAt = this.now;
    this.event(number, 'unlabeled', by, { label: removed });
  }

  close(number: number, by: string, reason: 'completed' | 'not_planned' = 'completed'): void {
    const issue = this.getIssue(number);
    if (issue.state === 'closed') return;
    issue.state = 'closed';
    issue.closedAt = this.now;
    issue.closedBy = by;
    issue.stateReason = reason;
    issue.updatedAt = this.now;
    this.event(number, 'closed', by);
  }

  reopen(number: number, by: string): void {
    const issue = this.getIssue(number);
    if (issue.pull?.merged) throw new SandboxError(422, 'merged pull requests cannot be reopened');
    if (issue.state === 'open') return;
    issue.state = 'open';
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = 'reopened';
    issue.updatedAt = this.now;
    this.event(number, 'reopened', by);
  }

  /**
   * Merge as GitHub does: fails with 405 when a file the pull request changes was also changed on
   * the base branch since the pull request's merge base (a conflict). Returns the merge commit sha.
   */
  merge(number: number, by: string, method: 'merge' | 'squash' | 'rebase' = 'merge', sha?: string): string {
    const pr = this.getPull(number);
    if (pr.pull.merged) throw new SandboxError(405, 'Pull Request is not mergeable');
    if (pr.state === 'closed') throw new SandboxError(422, 'Pull Request is closed');
    if (sha && sha !== pr.pull.headSha)
      throw new SandboxError(409, 'Head branch was modified. Review and try the merge again.');
    const baseHead = this.branchSha(pr.pull.base);
    const baseNow = this.commits.get(baseHead)!.tree;
    const mergeBase = this.commits.get(pr.pull.baseSha)!.tree;
    const changed = this.pullFiles(number);
    const baseChanged = new Set(diffTrees(mergeBase, baseNow).map((f) => f.path));
    if (changed.some((f) => baseChanged.has(f.path)))
      throw new SandboxError(405, 'Pull Request is not mergeable');
    const merged = new Map(baseNow);
    for (const f of changed) {
      if (f.content === null) merged.delete(f.path);
      else merged.set(f.path, f.content);
    }
    const parents = method === 'merge' ? [baseHead, pr.pull.headSha] : [baseHead];
    const commit = this.createCommit(merged, parents, `Merge pull request #${number}`, by);
    this.refs.set(`heads/${pr.pull.base}`, commit.sha);
    this.recordActivity(`heads/${pr.pull.base}`, baseHead, commit.sha, 'pr_merge', by);
    pr.pull.merged = true;
    pr.pull.mergedAt = this.now;
    pr.pull.mergedBy = by;
    pr.pull.mergeCommitSha = commit.sha;
    this.event(number, 'merged', by, { sha: commit.sha });
    this.close(number, by);
    return commit.sha;
  }

  // ---------- comments and reviews ----------

  addComment(number: number, by: string, body: string, at = this.now): Comment {
    const issue = this.getIssue(number);
    this.user(by);
    const comment = { id: this.id(), number, user: by, body, createdAt: at, updatedAt: at };
    this.comments.push(comment);
    issue.updatedAt = at;
    return comment;
  }

  getComment(id: number): Comment {
    const c = this.comments.find((x) => x.id === id);
    if (!c) throw new SandboxError(404, 'Not Found');
    return c;
  }

  /** `by` is who saves the edit (the token's login through the API; anyone with write access may). */
  editComment(id: number, body: string, by?: string): Comment {
    const c = this.getComment(id);
    c.edits = recordEdit(
      c.edits,
      { author: c.user, createdAt: c.createdAt, body: c.body },
      by ?? c.user,
      this.now,
      body,
    );
    c.body = body;
    c.updatedAt = this.now;
    return c;
  }

  /** Gone from REST and GraphQL as on GitHub; the timeline keeps a `CommentDeletedEvent`. */
  deleteComment(id: number, by?: string): Comment {
    const idx = this.comments.findIndex((x) => x.id === id);
    if (idx < 0) throw new SandboxError(404, 'Not Found');
    const [c] = this.comments.splice(idx, 1);
    this.event(c!.number, 'comment_deleted', by ?? c!.user, { deletedCommentAuthor: c!.user });
    return c!;
  }

  editReview(id: number, body: string, by: string): Review {
    const r = this.reviews.find((x) => x.id === id);
    if (!r) throw new SandboxError(404, 'Not Found');
    r.edits = recordEdit(
      r.edits,
      { author: r.user, createdAt: r.submittedAt, body: r.body },
      by,
      this.now,
      body,
    );
    r.body = body;
    return r;
  }

  commentsOf(number: number): Comment[] {
    return this.comments.filter((c) => c.number === number);
  }

  addReview(
    number: number,
    by: string,
    state: Exclude<ReviewState, 'DISMISSED'>,
    body = '',
    at = this.now,
  ): Review {
    const pr = this.getPull(number);
    if (by === pr.user && state !== 'COMMENTED')
      throw new SandboxError(422, 'Can not approve or request changes on your own pull request');
    this.user(by);
    const review = {
      id: this.id(),
      number,
      user: by,
      state,
      body,
      submittedAt: at,
      commitId: pr.pull.headSha,
    };
    this.reviews.push(review);
    pr.pull.requestedReviewers = pr.pull.requestedReviewers.filter((r) => !sameLogin(r, by));
    pr.updatedAt = at;
    return review;
  }

  /** The timeline keeps a `ReviewDismissedEvent`: who dismissed it, when, and its state before. */
  dismissReview(id: number, by?: string, message = ''): Review {
    const r = this.reviews.find((x) => x.id === id);
    if (!r) throw new SandboxError(404, 'Not Found');
    const previousReviewState = r.state;
    r.state = 'DISMISSED';
    this.event(r.number, 'review_dismissed', by ?? r.user, {
      reviewId: r.id,
      previousReviewState,
      dismissalMessage: message,
    });
    return r;
  }

  reviewsOf(number: number): Review[] {
    return this.reviews.filter((r) => r.number === number);
  }

  requestReviewers(number: number, reviewers: string[], teams: string[], by: string): void {
    const pr = this.getPull(number);
    reviewers = this.canonicalLogins(reviewers);
    for (const r of reviewers) {
      if (sameLogin(r, pr.user))
        throw new SandboxError(422, 'Review cannot be requested from pull request author.');
      if (this.permissionOf(r) === 'none')
        throw new SandboxError(422, 'Reviews may only be requested from collaborators.');
    }
    for (const r of reviewers) {
      if (!pr.pull.requestedReviewers.includes(r)) {
        pr.pull.requestedReviewers.push(r);
        this.event(number, 'review_requested', by, { requestedReviewer: r });
      }
    }
    for (const t of teams) {
      if (!this.teams.has(t)) throw new SandboxError(422, `Could not resolve to a team: ${t}`);
      if (!pr.pull.requestedTeams.includes(t)) pr.pull.requestedTeams.push(t);
    }
  }

  timelineOf(number: number): TimelineEvent[] {
    return this.timeline.filter((e) => e.number === number);
  }

  private event(
    number: number,
    event: TimelineEvent['event'],
    actor: string,
    extra: Partial<TimelineEvent> = {},
  ): void {
    this.timeline.push({ id: this.id(), number, event, actor, createdAt: this.now, ...extra });
  }

  // ---------- git ----------

  /** A ref update as the activity log records it: stamped with the time GitHub received it. */
  recordActivity(
    ref: string,
    before: string,
    after: string,
    type: RepoActivity['type'],
    actor: string,
    at: string = this.now,
  ): void {
    this.activity.push({ id: this.id(), ref: `refs/${ref}`, before, after, type, actor, timestamp: at });
  }

  createCommit(
    tree: Map<string, string>,
    parents: string[],
    message: string,
    author: string,
    date = this.now,
  ): Commit {
    for (const content of tree.values()) this.blobs.set(blobSha(content), content);
    const treeSha = treeHash(tree);
    this.trees.set(treeSha, tree);
    const sha = sha1(
      `commit\0${treeSha}\0${parents.join(',')}\0${message}\0${author}\0${date}\0${this.id()}`,
    );
    const commit = { sha, tree, treeSha, parents, message, author, date };
    this.commits.set(sha, commit);
    return commit;
  }

  branchSha(branch: string): string {
    const sha = this.refs.get(`heads/${branch}`);
    if (!sha) throw new SandboxError(404, 'Branch not found');
    return sha;
  }

  /** The tree of a branch, tag or commit sha. */
  treeAt(ref?: string): Map<string, string> {
    return this.commits.get(this.resolveRef(ref))!.tree;
  }

  resolveRef(ref?: string): string {
    const r = (ref ?? this.defaultBranch).replace(/^refs\//, '');
    const sha =
      this.refs.get(r) ??
      this.refs.get(`heads/${r}`) ??
      this.refs.get(`tags/${r}`) ??
      (this.commits.has(r) ? r : undefined);
    if (!sha) throw new SandboxError(404, `No commit found for the ref ${ref}`);
    return sha;
  }

  /**
   * Commit file changes on a branch (the runner's `commit` step, and the REST contents API).
   * Moving a branch that heads an open pull request syncs it.
   */
  commitToBranch(branch: string, files: Record<string, string | null>, message: string, by: string): Commit {
    const parent = this.branchSha(branch);
    const tree = applyChanges(this.commits.get(parent)!.tree, files);
    const commit = this.createCommit(tree, [parent], message, by);
    this.moveBranch(branch, commit.sha, by);
    return commit;
  }

  moveBranch(branch: string, sha: string, by: string): void {
    const before = this.refs.get(`heads/${branch}`);
    this.refs.set(`heads/${branch}`, sha);
    if (!before) this.recordActivity(`heads/${branch}`, NULL_SHA, sha, 'branch_creation', by);
    else if (before !== sha)
      this.recordActivity(
        `heads/${branch}`,
        before,
        sha,
        isAncestor(this, before, sha) ? 'push' : 'force_push',
        by,
      );
    for (const issue of this.issues.values()) {
      if (issue.pull && issue.state === 'open' && issue.pull.head === branch && issue.pull.headSha !== sha) {
        this.syncPullHead(issue as Issue & { pull: PullInfo }, sha, by);
      }
    }
  }

  createTag(name: string, sha = this.branchSha(this.defaultBranch)): void {
    if (this.refs.has(`tags/${name}`)) throw new SandboxError(422, 'Reference already exists');
    this.refs.set(`tags/${name}`, sha);
  }

  createRelease(tag: string, by: string): Release {
    if (!this.refs.has(`tags/${tag}`)) this.createTag(tag);
    const release = {
      id: this.id(),
      tagName: tag,
      name: tag,
      body: '',
      createdAt: this.now,
      publishedAt: this.now,
      author: by,
    };
    this.releases.push(release);
    return release;
  }

  // ---------- checks ----------

  checksFor(sha: string): CheckRun[] {
    return this.checkRuns.filter((c) => c.headSha === sha);
  }
}

export function blobSha(content: string): string {
  return sha1(`blob ${Buffer.byteLength(content)}\0${content}`);
}

export function treeHash(tree: Map<string, string>): string {
  return sha1(
    [...tree.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([p, c]) => `${p}\0${blobSha(c)}`)
      .join('\n'),
  );
}

export function applyChanges(
  tree: Map<string, string>,
  files: Record<string, string | null>,
): Map<string, string> {
  const next = new Map(tree);
  for (const [path, content] of Object.entries(files)) {
    if (content === null) next.delete(path);
    else next.set(path, content);
  }
  return next;
}

export function diffTrees(
  from: Map<string, string>,
  to: Map<string, string>,
): { path: string; status: 'added' | 'modified' | 'removed'; content: string | null }[] {
  const out: { path: string; status: 'added' | 'modified' | 'removed'; content: string | null }[] = [];
  for (const [path, content] of to) {
    if (!from.has(path)) out.push({ path, status: 'added', content });
    else if (from.get(path) !== content) out.push({ path, status: 'modified', content });
  }
  for (const path of from.keys()) if (!to.has(path)) out.push({ path, status: 'removed', content: null });
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** GitHub's edit history: the first edit also records the created version, by its author. */
function recordEdit(
  edits: ContentEdit[] | undefined,
  created: { author: string; createdAt: string; body: string },
  editor: string,
  at: string,
  body: string,
): ContentEdit[] {
  const history = edits?.length
    ? [...edits]
    : [{ editor: created.author, editedAt: created.createdAt, body: created.body }];
  history.push({ editor, editedAt: at, body });
  return history;
}
