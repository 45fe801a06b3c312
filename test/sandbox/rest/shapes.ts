/**
 * The JSON GitHub answers with, built from the repository model: the fields real clients read,
 * with GitHub's names and nesting.
 */
import { checkRunApp } from '../check-apps.js';
import type {
  CheckRun,
  Comment,
  Commit,
  Issue,
  Label,
  Permission,
  PullInfo,
  RepoState,
  Review,
} from '../state.js';
import { PERMISSION_ORDER, blobSha, diffTrees } from '../state.js';
import { unifiedPatch } from './diff.js';
import { isArchived } from '../other-repos.js';

export const WEB = 'https://github.com';
export const DOCS = 'https://docs.github.com/rest';

export class Shapes {
  constructor(
    private readonly state: RepoState,
    private readonly baseUrl: string,
  ) {}

  get repoApi(): string {
    return `${this.baseUrl}/repos/${this.state.owner}/${this.state.name}`;
  }

  get repoWeb(): string {
    return `${WEB}/${this.state.owner}/${this.state.name}`;
  }

  user(login: string) {
    const u = this.state.user(login);
    const api = `${this.baseUrl}/users/${encodeURIComponent(u.login)}`;
    return {
      login: u.login,
      id: u.id,
      node_id: nodeId('U', u.id),
      avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: `${WEB}/${u.login}`,
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

  owner() {
    return { ...this.user(this.state.owner), type: this.state.ownerType };
  }

  permissions(role: Permission | 'none') {
    const rank = role === 'none' ? -1 : PERMISSION_ORDER.indexOf(role);
    return {
      admin: rank >= 4,
      maintain: rank >= 3,
      push: rank >= 2,
      triage: rank >= 1,
      pull: true /* a public repository */,
    };
  }

  repo(login: string) {
    const s = this.state;
    return {
      id: s.repoId,
      node_id: nodeId('R', s.repoId),
      name: s.name,
      full_name: `${s.owner}/${s.name}`,
      owner: this.owner(),
      private: false,
      visibility: 'public',
      fork: false,
      archived: isArchived(s),
      disabled: false,
      html_url: this.repoWeb,
      url: this.repoApi,
      description: null,
      ...this.repoUrls(),
      homepage: null,
      size: 1,
      stargazers_count: 0,
      watchers_count: 0,
      language: null,
      has_projects: true,
      has_downloads: true,
      has_wiki: true,
      has_pages: false,
      has_discussions: false,
      forks_count: 0,
      mirror_url: null,
      open_issues_count: [...s.issues.values()].filter((i) => i.state === 'open').length,
      license: null,
      allow_forking: true,
      is_template: false,
      web_commit_signoff_required: false,
      forks: 0,
      open_issues: [...s.issues.values()].filter((i) => i.state === 'open').length,
      watchers: 0,
      ...MERGE_SETTINGS,
      network_count: 0,
      subscribers_count: 0,
      ...(s.ownerType === 'Organization' ? { organization: this.owner() } : {}),
      default_branch: s.defaultBranch,
      permissions: this.permissions(s.permissionOf(login)),
      has_issues: true,
      topics: [],
      created_at: '2020-01-01T00:00:00Z',
      updated_at: s.now,
      pushed_at: s.now,
    };
  }

  /** The URL templates a full repository object carries. */
  private repoUrls(): Record<string, string> {
    const api = this.repoApi;
    const host = new URL(WEB).host;
    const full = `${this.state.owner}/${this.state.name}`;
    return {
      ...repoUrlTemplates(api),
      git_url: `git://${host}/${full}.git`,
      ssh_url: `git@${host}:${full}.git`,
      clone_url: `${this.repoWeb}.git`,
      svn_url: this.repoWeb,
    };
  }

  authorAssociation(login: string): string {
    if (login === this.state.owner) return 'OWNER';
    for (const members of this.state.teams.values()) if (members.includes(login)) return 'MEMBER';
    if (this.state.collaborators.has(login)) return 'COLLABORATOR';
    return 'NONE';
  }

  label(l: Label) {
    return {
      id: l.id,
      node_id: nodeId('LA', l.id),
      url: `${this.repoApi}/labels/${encodeURIComponent(l.name)}`,
      name: l.name,
      color: l.color,
      description: l.description,
      default: false,
    };
  }

  labelByName(name: string) {
    const l = this.state.findLabel(name);
    return l ? this.label(l) : { name, color: 'ededed', description: null };
  }

  issue(i: Issue) {
    const api = `${this.repoApi}/issues/${i.number}`;
    return {
      id: i.id,
      node_id: nodeId(i.pull ? 'PR' : 'I', i.id),
      url: api,
      repository_url: this.repoApi,
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `${this.repoWeb}/${i.pull ? 'pull' : 'issues'}/${i.number}`,
      number: i.number,
      state: i.state,
      state_reason: i.stateReason,
      title: i.title,
      body: i.body,
      user: this.user(i.user),
      labels: i.labels.map((n) => this.labelByName(n)),
      assignee: i.assignees[0] ? this.user(i.assignees[0]) : null,
      assignees: i.assignees.map((a) => this.user(a)),
      milestone: null,
      locked: false,
      comments: this.state.commentsOf(i.number).length,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      closed_by: i.closedBy ? this.user(i.closedBy) : null,
      author_association: this.authorAssociation(i.user),
      active_lock_reason: null,
      reactions: reactions(api),
      timeline_url: `${api}/timeline`,
      performed_via_github_app: null,
      ...(i.pull
        ? {
            draft: i.pull.draft,
            pull_request: {
              url: `${this.repoApi}/pulls/${i.number}`,
              html_url: `${this.repoWeb}/pull/${i.number}`,
              diff_url: `${this.repoWeb}/pull/${i.number}.diff`,
              patch_url: `${this.repoWeb}/pull/${i.number}.patch`,
              merged_at: i.pull.mergedAt,
            },
          }
        : {}),
    };
  }

  /** The files a pull request changes conflict with the base branch's changes since its merge base. */
  mergeable(pr: Issue & { pull: PullInfo }): boolean | null {
    if (pr.pull.merged || pr.state === 'closed') return null;
    const s = this.state;
    const baseNow = s.treeAt(s.branchSha(pr.pull.base));
    const mergeBase = s.commits.get(pr.pull.baseSha)!.tree;
    const baseChanged = new Set(diffTrees(mergeBase, baseNow).map((f) => f.path));
    return !s.pullFiles(pr.number).some((f) => baseChanged.has(f.path));
  }

  branchRef(branch: string, sha: string) {
    return {
      label: `${this.state.owner}:${branch}`,
      ref: branch,
      sha,
      user: this.owner(),
      repo: {
        id: this.state.repoId,
        name: this.state.name,
        full_name: `${this.state.owner}/${this.state.name}`,
        url: this.repoApi,
      },
    };
  }

  pull(pr: Issue & { pull: PullInfo }, full = true) {
    const p = pr.pull;
    const api = `${this.repoApi}/pulls/${pr.number}`;
    const files = full ? this.state.pullFiles(pr.number) : [];
    const mergeable = full ? this.mergeable(pr) : null;
    const stats = files.map((f) =>
      this.fileStat(f.path, f.status, this.state.commits.get(p.baseSha)!.tree.get(f.path) ?? null, f.content),
    );
    const base = {
      id: pr.id,
      node_id: nodeId('PR', pr.id),
      url: api,
      html_url: `${this.repoWeb}/pull/${pr.number}`,
      diff_url: `${this.repoWeb}/pull/${pr.number}.diff`,
      issue_url: `${this.repoApi}/issues/${pr.number}`,
      number: pr.number,
      state: pr.state,
      locked: false,
      title: pr.title,
      body: pr.body,
      user: this.user(pr.user),
      labels: pr.labels.map((n) => this.labelByName(n)),
      assignee: pr.assignees[0] ? this.user(pr.assignees[0]) : null,
      assignees: pr.assignees.map((a) => this.user(a)),
      milestone: null,
      draft: p.draft,
      created_at: pr.createdAt,
      updated_at: pr.updatedAt,
      closed_at: pr.closedAt,
      merged_at: p.mergedAt,
      merge_commit_sha: p.mergeCommitSha,
      requested_reviewers: p.requestedReviewers.map((r) => this.user(r)),
      requested_teams: p.requestedTeams.map((t) => this.team(t)),
      head: this.branchRef(p.head, p.headSha),
      base: this.branchRef(p.base, this.state.refs.get(`heads/${p.base}`) ?? p.baseSha),
      author_association: this.authorAssociation(pr.user),
      auto_merge: null,
    };
    if (!full) return base;
    return {
      ...base,
      merged: p.merged,
      mergeable,
      mergeable_state:
        p.merged || pr.state === 'closed' ? 'unknown' : p.draft ? 'draft' : mergeable ? 'clean' : 'dirty',
      merged_by: p.mergedBy ? this.user(p.mergedBy) : null,
      comments: this.state.commentsOf(pr.number).length,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: p.commits.length,
      additions: stats.reduce((n, s) => n + s.additions, 0),
      deletions: stats.reduce((n, s) => n + s.deletions, 0),
      changed_files: files.length,
    };
  }

  team(slug: string) {
    const id = 7000 + [...this.state.teams.keys()].indexOf(slug);
    return {
      id,
      node_id: nodeId('T', id),
      slug,
      name: slug,
      url: `${this.baseUrl}/orgs/${this.state.owner}/teams/${slug}`,
      html_url: `${WEB}/orgs/${this.state.owner}/teams/${slug}`,
      privacy: 'closed',
      permission: 'pull',
    };
  }

  comment(c: Comment) {
    return {
      id: c.id,
      node_id: nodeId('IC', c.id),
      url: `${this.repoApi}/issues/comments/${c.id}`,
      html_url: `${this.repoWeb}/issues/${c.number}#issuecomment-${c.id}`,
      issue_url: `${this.repoApi}/issues/${c.number}`,
      body: c.body,
      user: this.user(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: this.authorAssociation(c.user),
    };
  }

  review(r: Review) {
    return {
      id: r.id,
      node_id: nodeId('PRR', r.id),
      user: this.user(r.user),
      body: r.body,
      state: r.state,
      html_url: `${this.repoWeb}/pull/${r.number}#pullrequestreview-${r.id}`,
      pull_request_url: `${this.repoApi}/pulls/${r.number}`,
      submitted_at: r.submittedAt,
      commit_id: r.commitId,
      author_association: this.authorAssociation(r.user),
    };
  }

  checkRun(c: CheckRun) {
    return {
      id: c.id,
      node_id: nodeId('CR', c.id),
      head_sha: c.headSha,
      external_id: c.externalId,
      url: `${this.repoApi}/check-runs/${c.id}`,
      html_url: `${this.repoWeb}/runs/${c.id}`,
      details_url: c.detailsUrl,
      status: c.status,
      conclusion: c.conclusion,
      started_at: c.startedAt,
      completed_at: c.completedAt,
      name: c.name,
      output: {
        title: c.output.title,
        summary: c.output.summary,
        text: c.output.text,
        annotations_count: c.output.annotations.length,
        annotations_url: `${this.repoApi}/check-runs/${c.id}/annotations`,
      },
      check_suite: { id: 9000 },
      app: { ...checkRunApp(c.createdBy), owner: this.user('github') },
      pull_requests: [],
    };
  }

  gitUser(login: string, date: string) {
    return { name: login, email: `${this.state.user(login).id}+${login}@users.noreply.github.com`, date };
  }

  gitCommit(c: Commit) {
    return {
      sha: c.sha,
      node_id: nodeId('C', c.sha),
      url: `${this.repoApi}/git/commits/${c.sha}`,
      html_url: `${this.repoWeb}/commit/${c.sha}`,
      author: this.gitUser(c.author, c.date),
      committer: this.gitUser(c.author, c.date),
      message: c.message,
      tree: { sha: c.treeSha, url: `${this.repoApi}/git/trees/${c.treeSha}` },
      parents: c.parents.map((p) => ({
        sha: p,
        url: `${this.repoApi}/git/commits/${p}`,
        html_url: `${this.repoWeb}/commit/${p}`,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null },
    };
  }

  /** The commit as `GET /commits/{ref}` and `GET /commits` answer it; `files` only when asked. */
  commit(c: Commit, withFiles: boolean) {
    const git = this.gitCommit(c);
    const base = {
      sha: c.sha,
      node_id: git.node_id,
      url: `${this.repoApi}/commits/${c.sha}`,
      html_url: git.html_url,
      commit: {
        url: git.url,
        author: git.author,
        committer: git.committer,
        message: c.message,
        tree: git.tree,
        comment_count: 0,
        verification: git.verification,
      },
      author: this.user(c.author),
      committer: this.user(c.author),
      parents: git.parents,
    };
    if (!withFiles) return base;
    const parentTree = c.parents[0] ? this.state.commits.get(c.parents[0])!.tree : new Map<string, string>();
    const files = this.files(parentTree, c.tree, c.sha);
    const additions = files.reduce((n, f) => n + f.additions, 0);
    const deletions = files.reduce((n, f) => n + f.deletions, 0);
    return { ...base, stats: { total: additions + deletions, additions, deletions }, files };
  }

  fileStat(path: string, status: string, before: string | null, after: string | null) {
    const { patch, additions, deletions } = unifiedPatch(before, after);
    return { path, status, patch, additions, deletions };
  }

  /** The `files` array of pulls/{n}/files, commits/{ref} and compare. */
  files(from: Map<string, string>, to: Map<string, string>, ref: string) {
    return diffTrees(from, to).map((f) => {
      const before = from.get(f.path) ?? null;
      const { patch, additions, deletions } = unifiedPatch(before, f.content);
      const sha = blobSha(f.content ?? before ?? '');
      return {
        sha,
        filename: f.path,
        status: f.status,
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `${this.repoWeb}/blob/${ref}/${f.path}`,
        raw_url: `${this.repoWeb}/raw/${ref}/${f.path}`,
        contents_url: `${this.repoApi}/contents/${f.path}?ref=${ref}`,
        patch,
      };
    });
  }
}

/** GitHub's global node ids are opaque strings; these only need to be stable and distinct. */
export function nodeId(prefix: string, id: number | string): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64').replace(/=+$/, '')}`;
}

/** A reaction summary with no reactions (the sandbox records none). */
function reactions(url: string) {
  const zero = { '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
  return { url: `${url}/reactions`, total_count: 0, ...zero };
}

/** A repository's merge settings, as the sandbox's repository has them (REST and payloads). */
export const MERGE_SETTINGS = {
  allow_squash_merge: true,
  allow_merge_commit: true,
  allow_rebase_merge: true,
  allow_auto_merge: false,
  delete_branch_on_merge: false,
  allow_update_branch: false,
  use_squash_pr_title_as_default: false,
} as const;

/** The API URL templates a repository object carries (REST answers and webhook payloads alike). */
export function repoUrlTemplates(api: string): Record<string, string> {
  return {
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
  };
}
