/**
 * Webhook payloads as GitHub sends them, built from the sandbox state. The shapes follow
 * GitHub's published webhook schemas (@octokit/openapi-webhooks; payloads.test.ts validates
 * them), so an action reading a real payload reads ours the same way.
 */
import type { Comment, Issue, PullInfo, Release, RepoState, Review } from '../sandbox/state.js';
import type { ReleaseActivity } from './scenario-types.js';
import { diffTrees } from '../sandbox/state.js';
// node ids as the sandbox's REST and GraphQL answers spell them, so an id read from a payload resolves there
import { MERGE_SETTINGS, nodeId, repoUrlTemplates, WEB } from '../sandbox/rest/shapes.js';

export const NULL_SHA = '0000000000000000000000000000000000000000';
/** The public GitHub web host: payload links (html_url) point there, as in real payloads. */
export const DEFAULT_SERVER_URL = WEB;
const REPO_CREATED_AT = '2020-01-01T00:00:00Z';

export interface Urls {
  /** the sandbox base URL: payload API links point at it, so following one stays local */
  apiUrl: string;
  serverUrl: string;
}

type Json = Record<string, unknown>;
export type PullIssue = Issue & { pull: PullInfo };

const unix = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

export class PayloadBuilder {
  constructor(
    readonly state: RepoState,
    readonly urls: Urls,
  ) {}

  private get repoApi(): string {
    return `${this.urls.apiUrl}/repos/${this.state.owner}/${this.state.name}`;
  }

  private get repoHtml(): string {
    return `${this.urls.serverUrl}/${this.state.owner}/${this.state.name}`;
  }

  user(login: string): Json {
    const u = this.state.user(login);
    const api = `${this.urls.apiUrl}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id: u.id,
      node_id: nodeId('U', u.id),
      avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      gravatar_id: '',
      url: api,
      // an app's bot account links to the app's page, as on GitHub
      html_url: login.endsWith('[bot]')
        ? `${this.urls.serverUrl}/apps/${login.slice(0, -'[bot]'.length)}`
        : `${this.urls.serverUrl}/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: u.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  private ownerUser(): Json {
    return { ...this.user(this.state.owner), type: this.state.ownerType };
  }

  /** Whether payloads carry `organization`: only repositories an organization owns. */
  private get orgOwned(): boolean {
    return this.state.ownerType === 'Organization';
  }

  /**
   * The app a comment was made through: every comment by an app's bot account (`x[bot]` ->
   * app `x`), and a person's comment made with a user-to-server token of an app.
   */
  app(slug: string): Json {
    // a stable id per app, without adding its bot account to the repository's users
    const id = 100000 + [...slug].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 900000, 7);
    return {
      id,
      slug,
      node_id: nodeId('A', id),
      owner: this.user(this.state.owner),
      name: slug,
      description: null,
      external_url: `${this.urls.serverUrl}/apps/${slug}`,
      html_url: `${this.urls.serverUrl}/apps/${slug}`,
      created_at: REPO_CREATED_AT,
      updated_at: REPO_CREATED_AT,
      permissions: { contents: 'read', issues: 'write', metadata: 'read', pull_requests: 'write' },
      events: [],
    };
  }

  private commentApp(c: Comment): Json | null {
    if (c.viaApp) return this.app(c.viaApp);
    return c.user.endsWith('[bot]') ? this.app(c.user.slice(0, -'[bot]'.length)) : null;
  }

  private get orgId(): number {
    return this.state.user(this.state.owner).id;
  }

  organization(): Json {
    const api = `${this.urls.apiUrl}/orgs/${this.state.owner}`;
    return {
      login: this.state.owner,
      id: this.orgId,
      node_id: nodeId('U', this.orgId),
      url: api,
      repos_url: `${api}/repos`,
      events_url: `${api}/events`,
      hooks_url: `${api}/hooks`,
      issues_url: `${api}/issues`,
      members_url: `${api}/members{/member}`,
      public_members_url: `${api}/public_members{/member}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${this.orgId}?v=4`,
      description: null,
    };
  }

  /**
   * `push` payloads carry the repository's timestamps as unix seconds and the owner's name and
   * email, as GitHub sends them. `forkOf` builds `<login>/<name>`, a fork of this repository.
   */
  repository(forPush = false, forkOf?: string): Json {
    const s = this.state;
    const owner = forkOf ?? s.owner;
    const id = forkOf ? s.user(forkOf).id + 200000 : s.repoId;
    const api = `${this.urls.apiUrl}/repos/${owner}/${s.name}`;
    const html = `${this.urls.serverUrl}/${owner}/${s.name}`;
    const host = new URL(this.urls.serverUrl).host;
    const openIssues = forkOf ? 0 : [...s.issues.values()].filter((i) => i.state === 'open').length;
    const pushedAt = s.commits.get(s.refs.get(`heads/${s.defaultBranch}`) ?? '')?.date ?? REPO_CREATED_AT;
    const ownerJson = forkOf ? this.user(forkOf) : this.ownerUser();
    return {
      id,
      node_id: nodeId('R', id),
      name: s.name,
      full_name: `${owner}/${s.name}`,
      private: false,
      owner: forPush ? { name: owner, email: null, ...ownerJson } : ownerJson,
      html_url: html,
      description: null,
      fork: !!forkOf,
      url: api,
      ...repoUrlTemplates(api),
      created_at: forPush ? unix(REPO_CREATED_AT) : REPO_CREATED_AT,
      updated_at: s.now,
      pushed_at: forPush ? unix(pushedAt) : pushedAt,
      git_url: `git://${host}/${owner}/${s.name}.git`,
      ssh_url: `git@${host}:${owner}/${s.name}.git`,
      clone_url: `${html}.git`,
      svn_url: html,
      homepage: null,
      size: 1,
      stargazers_count: 0,
      watchers_count: 0,
      language: null,
      has_issues: true,
      has_projects: true,
      has_downloads: true,
      has_wiki: true,
      has_pages: false,
      has_discussions: false,
      forks_count: 0,
      mirror_url: null,
      archived: false,
      disabled: false,
      open_issues_count: openIssues,
      license: null,
      allow_forking: true,
      is_template: false,
      web_commit_signoff_required: false,
      topics: [],
      visibility: 'public',
      forks: 0,
      open_issues: openIssues,
      watchers: 0,
      default_branch: s.defaultBranch,
      custom_properties: {},
      ...(forPush
        ? {
            stargazers: 0,
            master_branch: s.defaultBranch,
            ...(this.orgOwned && !forkOf ? { organization: s.owner } : {}),
          }
        : {}),
    };
  }

  /** What a pull request's head and base repositories add: the merge settings. */
  private pullRepository(forkOf?: string): Json {
    return {
      ...this.repository(false, forkOf),
      ...MERGE_SETTINGS,
      squash_merge_commit_message: 'COMMIT_MESSAGES',
      squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
      merge_commit_message: 'PR_TITLE',
      merge_commit_title: 'MERGE_MESSAGE',
    };
  }

  label(name: string): Json {
    const l = this.state.findLabel(name);
    const id = l?.id ?? 0;
    return {
      id,
      node_id: nodeId('LA', id),
      url: `${this.repoApi}/labels/${encodeURIComponent(l?.name ?? name)}`,
      name: l?.name ?? name,
      color: l?.color ?? 'ededed',
      default: false,
      description: l?.description ?? null,
    };
  }

  authorAssociation(login: string): string {
    if (login === this.state.owner) return 'OWNER';
    if ([...this.state.teams.values()].some((members) => members.includes(login))) return 'MEMBER';
    if (this.state.collaborators.has(login)) return 'COLLABORATOR';
    const contributed = [...this.state.issues.values()].some((i) => i.pull?.merged && i.user === login);
    return contributed ? 'CONTRIBUTOR' : 'NONE';
  }

  private reactions(url: string): Json {
    return {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    };
  }

  /** The issue object (also what issue events and issue_comment send for a pull request). */
  issue(issue: Issue): Json {
    const url = `${this.repoApi}/issues/${issue.number}`;
    const html = `${this.repoHtml}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`;
    return {
      url,
      repository_url: this.repoApi,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: html,
      id: issue.id,
      node_id: nodeId(issue.pull ? 'PR' : 'I', issue.id),
      number: issue.number,
      title: issue.title,
      user: this.user(issue.user),
      labels: issue.labels.map((l) => this.label(l)),
      state: issue.state,
      locked: false,
      assignee: issue.assignees[0] ? this.user(issue.assignees[0]) : null,
      assignees: issue.assignees.map((a) => this.user(a)),
      milestone: null,
      comments: this.state.commentsOf(issue.number).length,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      author_association: this.authorAssociation(issue.user),
      active_lock_reason: null,
      type: null,
      sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
      ...(issue.pull
        ? {
            draft: issue.pull.draft,
            pull_request: {
              url: `${this.repoApi}/pulls/${issue.number}`,
              html_url: html,
              diff_url: `${html}.diff`,
              patch_url: `${html}.patch`,
              merged_at: issue.pull.mergedAt,
            },
          }
        : {}),
      body: issue.body === '' ? null : issue.body,
      closed_by: issue.closedBy ? this.user(issue.closedBy) : null,
      reactions: this.reactions(url),
      timeline_url: `${url}/timeline`,
      performed_via_github_app: null,
      state_reason: issue.stateReason,
    };
  }

  /** A pull request's base, or its head in this repository. */
  private branchRef(ref: string, sha: string): Json {
    return {
      label: `${this.state.owner}:${ref}`,
      ref,
      sha,
      user: this.ownerUser(),
      repo: this.pullRepository(),
    };
  }

  /** A head in a fork: labelled `<fork owner>:<branch>`; a deleted fork leaves `repo: null`. */
  private headRef(pr: PullIssue): Json {
    const fork = pr.pull.fork;
    if (!fork) return this.branchRef(pr.pull.head, pr.pull.headSha);
    return {
      label: `${fork.owner}:${pr.pull.head}`,
      ref: pr.pull.head,
      sha: pr.pull.headSha,
      user: this.user(fork.owner),
      repo: fork.deleted ? null : this.pullRepository(fork.owner),
    };
  }

  /**
   * The pull request object. `simple`: the shorter form `pull_request_review` events carry, without
   * the merge state and the counts (GitHub's "simple pull request").
   */
  pullRequest(pr: PullIssue, simple = false): Json {
    const s = this.state;
    const api = `${this.repoApi}/pulls/${pr.number}`;
    const html = `${this.repoHtml}/pull/${pr.number}`;
    const baseSha = s.refs.get(`heads/${pr.pull.base}`) ?? pr.pull.baseSha;
    return {
      url: api,
      id: pr.id,
      node_id: nodeId('PR', pr.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${this.repoApi}/issues/${pr.number}`,
      number: pr.number,
      state: pr.state,
      locked: false,
      title: pr.title,
      user: this.user(pr.user),
      body: pr.body === '' ? null : pr.body,
      created_at: pr.createdAt,
      updated_at: pr.updatedAt,
      closed_at: pr.closedAt,
      merged_at: pr.pull.mergedAt,
      merge_commit_sha: pr.pull.mergeCommitSha,
      assignee: pr.assignees[0] ? this.user(pr.assignees[0]) : null,
      assignees: pr.assignees.map((a) => this.user(a)),
      requested_reviewers: pr.pull.requestedReviewers.map((r) => this.user(r)),
      requested_teams: pr.pull.requestedTeams.map((t) => this.team(t)),
      labels: pr.labels.map((l) => this.label(l)),
      milestone: null,
      draft: pr.pull.draft,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${this.repoApi}/pulls/comments{/number}`,
      comments_url: `${this.repoApi}/issues/${pr.number}/comments`,
      statuses_url: `${this.repoApi}/statuses/${pr.pull.headSha}`,
      head: this.headRef(pr),
      base: this.branchRef(pr.pull.base, baseSha),
      _links: {
        self: { href: api },
        html: { href: html },
        issue: { href: `${this.repoApi}/issues/${pr.number}` },
        comments: { href: `${this.repoApi}/issues/${pr.number}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: `${this.repoApi}/pulls/comments{/number}` },
        commits: { href: `${api}/commits` },
        statuses: { href: `${this.repoApi}/statuses/${pr.pull.headSha}` },
      },
      author_association: this.authorAssociation(pr.user),
      auto_merge: null,
      active_lock_reason: null,
      ...(simple ? {} : this.pullRequestState(pr)),
    };
  }

  private pullRequestState(pr: PullIssue): Json {
    const s = this.state;
    const files = s.pullFiles(pr.number);
    const baseTree = s.commits.get(pr.pull.baseSha)?.tree ?? new Map<string, string>();
    let additions = 0;
    let deletions = 0;
    for (const f of files) {
      const before = baseTree.get(f.path);
      additions += f.content === null ? 0 : lineCount(f.content);
      deletions += before === undefined ? 0 : lineCount(before);
    }
    return {
      merged: pr.pull.merged,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: pr.pull.mergedBy ? this.user(pr.pull.mergedBy) : null,
      comments: s.commentsOf(pr.number).length,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: pr.pull.commits.length,
      additions,
      deletions,
      changed_files: files.length,
    };
  }

  team(slug: string): Json {
    const id = 7000 + [...this.state.teams.keys()].indexOf(slug);
    const api = `${this.urls.apiUrl}/organizations/${this.orgId}/team/${id}`;
    return {
      name: slug,
      id,
      node_id: nodeId('T', id),
      slug,
      description: null,
      privacy: 'closed',
      notification_setting: 'notifications_enabled',
      url: api,
      html_url: `${this.urls.serverUrl}/orgs/${this.state.owner}/teams/${slug}`,
      members_url: `${api}/members{/member}`,
      repositories_url: `${api}/repos`,
      permission: 'pull',
      parent: null,
    };
  }

  comment(c: Comment): Json {
    const url = `${this.repoApi}/issues/comments/${c.id}`;
    const issue = this.state.getIssue(c.number);
    return {
      url,
      html_url: `${this.repoHtml}/${issue.pull ? 'pull' : 'issues'}/${c.number}#issuecomment-${c.id}`,
      issue_url: `${this.repoApi}/issues/${c.number}`,
      id: c.id,
      node_id: nodeId('IC', c.id),
      user: this.user(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: this.authorAssociation(c.user),
      body: c.body,
      reactions: this.reactions(url),
      performed_via_github_app: this.commentApp(c),
    };
  }

  review(r: Review): Json {
    const html = `${this.repoHtml}/pull/${r.number}#pullrequestreview-${r.id}`;
    return {
      id: r.id,
      node_id: nodeId('PRR', r.id),
      user: this.user(r.user),
      body: r.body === '' ? null : r.body,
      commit_id: r.commitId,
      submitted_at: r.submittedAt,
      // webhooks spell review states in lower case, unlike the REST API
      state: r.state.toLowerCase(),
      html_url: html,
      pull_request_url: `${this.repoApi}/pulls/${r.number}`,
      author_association: this.authorAssociation(r.user),
      _links: { html: { href: html }, pull_request: { href: `${this.repoApi}/pulls/${r.number}` } },
    };
  }

  /** A commit as `push` payloads list it. */
  pushCommit(sha: string): Json {
    const c = this.state.commits.get(sha)!;
    const parent = c.parents[0] ? this.state.commits.get(c.parents[0])?.tree : undefined;
    const changes = diffTrees(parent ?? new Map(), c.tree);
    const person = { name: c.author, email: `${c.author}@users.noreply.github.com`, username: c.author };
    return {
      id: c.sha,
      tree_id: c.treeSha,
      distinct: true,
      message: c.message,
      timestamp: c.date,
      url: `${this.repoHtml}/commit/${c.sha}`,
      author: person,
      committer: person,
      added: changes.filter((f) => f.status === 'added').map((f) => f.path),
      removed: changes.filter((f) => f.status === 'removed').map((f) => f.path),
      modified: changes.filter((f) => f.status === 'modified').map((f) => f.path),
    };
  }

  release(r: Release): Json {
    const api = `${this.repoApi}/releases/${r.id}`;
    return {
      url: api,
      assets_url: `${api}/assets`,
      upload_url: `https://uploads.github.com/repos/${this.state.owner}/${this.state.name}/releases/${r.id}/assets{?name,label}`,
      html_url: `${this.repoHtml}/releases/tag/${encodeURIComponent(r.tagName)}`,
      id: r.id,
      author: this.user(r.author),
      node_id: nodeId('RE', r.id),
      tag_name: r.tagName,
      target_commitish: this.state.defaultBranch,
      name: r.name,
      draft: false,
      immutable: false,
      prerelease: r.prerelease ?? false,
      created_at: r.createdAt,
      updated_at: r.createdAt,
      published_at: r.publishedAt,
      assets: [],
      tarball_url: `${this.repoApi}/tarball/${r.tagName}`,
      zipball_url: `${this.repoApi}/zipball/${r.tagName}`,
      body: r.body === '' ? null : r.body,
    };
  }

  /** What every repository event carries besides its own keys. */
  envelope(sender: string): Json {
    return {
      repository: this.repository(),
      ...(this.orgOwned ? { organization: this.organization() } : {}),
      sender: this.user(sender),
    };
  }

  // ---------- whole payloads ----------

  issuesEvent(action: string, issue: Issue, sender: string, extra: Json = {}): Json {
    return { action, issue: this.issue(issue), ...extra, ...this.envelope(sender) };
  }

  pullRequestEvent(action: string, pr: PullIssue, sender: string, extra: Json = {}): Json {
    return {
      action,
      number: pr.number,
      pull_request: this.pullRequest(pr),
      ...extra,
      ...this.envelope(sender),
    };
  }

  issueCommentEvent(
    action: 'created' | 'edited' | 'deleted',
    c: Comment,
    sender: string,
    extra: Json = {},
  ): Json {
    return {
      action,
      issue: this.issue(this.state.getIssue(c.number)),
      comment: this.comment(c),
      ...extra,
      ...this.envelope(sender),
    };
  }

  reviewEvent(r: Review, sender: string, action: 'submitted' | 'dismissed' = 'submitted'): Json {
    const pr = this.state.getPull(r.number);
    return {
      action,
      review: this.review(r),
      pull_request: this.pullRequest(pr, true),
      ...this.envelope(sender),
    };
  }

  pushEvent(opts: {
    ref: string;
    before: string;
    after: string;
    commits: string[];
    baseRef: string | null;
    sender: string;
  }): Json {
    const created = opts.before === NULL_SHA;
    // a deleted branch or tag: `after` is all zeros, and there is no head commit (GitHub's shape)
    const deleted = opts.after === NULL_SHA;
    return {
      ref: opts.ref,
      before: opts.before,
      after: opts.after,
      repository: this.repository(true),
      ...(this.orgOwned ? { organization: this.organization() } : {}),
      pusher: { name: opts.sender, email: `${opts.sender}@users.noreply.github.com` },
      sender: this.user(opts.sender),
      created,
      deleted,
      forced: false,
      base_ref: opts.baseRef,
      compare: created
        ? `${this.repoHtml}/compare/${opts.ref.replace(/^refs\/(heads|tags)\//, '')}`
        : `${this.repoHtml}/compare/${opts.before.slice(0, 12)}...${opts.after.slice(0, 12)}`,
      commits: opts.commits.map((sha) => this.pushCommit(sha)),
      head_commit: deleted ? null : this.pushCommit(opts.after),
    };
  }

  /** `published` by default; `created`, `prereleased` and `released` are sent for the same release. */
  releaseEvent(r: Release, sender: string, action: ReleaseActivity = 'published'): Json {
    return { action, release: this.release(r), ...this.envelope(sender) };
  }

  scheduleEvent(cron: string): Json {
    // GitHub's scheduled runs carry only the cron expression: no repository, no sender
    return { schedule: cron };
  }

  dispatchEvent(inputs: Record<string, string>, ref: string, sender: string, workflow: string): Json {
    return { inputs, ref, ...this.envelope(sender), workflow };
  }
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
