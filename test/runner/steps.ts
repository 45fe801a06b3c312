/**
 * Applies one scenario step to the repository model and returns the event GitHub would emit
 * for it (name, payload, and the GITHUB_REF / GITHUB_SHA a workflow run on it would see).
 */
import { SandboxError, type CheckRun, type Issue, type RepoState } from '../sandbox/state.js';
import { NULL_SHA, type PayloadBuilder, type PullIssue } from './payloads.js';
import type { HeadRepo, Step, StepAction } from './scenario-types.js';

type Json = Record<string, unknown>;

export interface EmittedEvent {
  name: string;
  payload: Json;
  /** GITHUB_REF and GITHUB_SHA of a run triggered by this event */
  ref: string;
  sha: string;
  /** who triggered it: GITHUB_ACTOR */
  actor: string;
  /** GITHUB_HEAD_REF / GITHUB_BASE_REF, set for pull request events */
  headRef?: string;
  baseRef?: string;
  /** one line for the timeline: "alice labeled #1 lazy-consensus" */
  summary: string;
}

/** A step the model refuses (unknown issue, merge conflict...): the scenario fails with this. */
export class StepError extends Error {}

export interface StepContext {
  state: RepoState;
  payloads: PayloadBuilder;
  /** the event of the previous step, for `wait` */
  previous?: EmittedEvent;
}

/** The login for steps that name no one (schedule, commit, tag...): an admin, else the owner. */
export function defaultHuman(state: RepoState): string {
  for (const [login, perm] of state.collaborators) if (perm === 'admin') return login;
  return state.owner;
}

export function applyStep(step: Step, ctx: StepContext): EmittedEvent | undefined {
  let event: EmittedEvent | undefined;
  try {
    event = emit(step.action, ctx);
  } catch (e) {
    const kind = step.action.kind;
    if (e instanceof SandboxError) throw new StepError(`${kind}: ${e.message} (HTTP ${e.status})`);
    if (e instanceof StepError && !e.message.startsWith(`${kind}:`))
      throw new StepError(`${kind}: ${e.message}`);
    throw e;
  }
  if (step.event && event && step.event !== event.name) {
    if (event.name !== 'pull_request') {
      throw new StepError(
        `event: ${step.event} only applies to pull request steps; this step emits ${event.name}`,
      );
    }
    event = retarget(event, ctx.state);
  }
  return event;
}

/** `pull_request_target` runs on the base branch with the same payload. */
function retarget(event: EmittedEvent, state: RepoState): EmittedEvent {
  const base = event.baseRef ?? state.defaultBranch;
  return { ...event, name: 'pull_request_target', ref: `refs/heads/${base}`, sha: state.branchSha(base) };
}

function defaultBranchRun(state: RepoState) {
  return { ref: `refs/heads/${state.defaultBranch}`, sha: state.branchSha(state.defaultBranch) };
}

function pullRun(pr: PullIssue) {
  return {
    ref: `refs/pull/${pr.number}/merge`,
    sha: pr.pull.headSha,
    headRef: pr.pull.head,
    baseRef: pr.pull.base,
  };
}

function emit(action: StepAction, ctx: StepContext): EmittedEvent | undefined {
  const { state, payloads: p } = ctx;
  const issueEvent = (
    issue: Issue,
    act: string,
    sender: string,
    summary: string,
    extra: Json = {},
  ): EmittedEvent =>
    issue.pull
      ? {
          name: 'pull_request',
          payload: p.pullRequestEvent(act, issue as PullIssue, sender, extra),
          actor: sender,
          summary,
          ...pullRun(issue as PullIssue),
        }
      : {
          name: 'issues',
          payload: p.issuesEvent(act, issue, sender, extra),
          actor: sender,
          summary,
          ...defaultBranchRun(state),
        };

  switch (action.kind) {
    case 'label': {
      const issue = issueOf(state, action.number);
      const by = action.by ?? issue.user;
      if (action.add !== undefined) {
        if (issue.labels.some((l) => l.toLowerCase() === action.add!.toLowerCase())) {
          throw new StepError(
            `label: #${issue.number} already has the label ${action.add} (GitHub emits no event)`,
          );
        }
        state.addLabel(issue.number, action.add, by);
        return issueEvent(issue, 'labeled', by, `${by} labeled #${issue.number} ${action.add}`, {
          label: p.label(action.add),
        });
      }
      const label = p.label(action.remove!);
      state.removeLabel(issue.number, action.remove!, by);
      return issueEvent(issue, 'unlabeled', by, `${by} unlabeled #${issue.number} ${action.remove}`, {
        label,
      });
    }
    case 'comment': {
      const issue = issueOf(state, action.number);
      const by = action.by ?? issue.user;
      const c = state.addComment(issue.number, by, action.body);
      if (action.viaApp) c.viaApp = action.viaApp;
      return {
        name: 'issue_comment',
        payload: p.issueCommentEvent('created', c, by),
        actor: by,
        summary: `${by} commented on #${issue.number}: ${firstLine(action.body)}`,
        ...defaultBranchRun(state),
      };
    }
    case 'edit-comment': {
      const issue = issueOf(state, action.number);
      const c = state.commentsOf(issue.number)[action.index];
      if (!c) throw new StepError(`edit-comment: #${issue.number} has no comment at index ${action.index}`);
      const by = action.by ?? c.user;
      const from = c.body;
      state.editComment(c.id, action.body, by);
      return {
        name: 'issue_comment',
        payload: p.issueCommentEvent('edited', c, by, { changes: { body: { from } } }),
        actor: by,
        summary: `${by} edited comment ${action.index} on #${issue.number}: ${firstLine(action.body)}`,
        ...defaultBranchRun(state),
      };
    }
    case 'delete-comment': {
      const issue = issueOf(state, action.number);
      const c = state.commentsOf(issue.number)[action.index];
      if (!c) throw new StepError(`delete-comment: #${issue.number} has no comment at index ${action.index}`);
      const by = action.by ?? c.user;
      state.deleteComment(c.id, by);
      return {
        name: 'issue_comment',
        payload: p.issueCommentEvent('deleted', c, by),
        actor: by,
        summary: `${by} deleted comment ${action.index} on #${issue.number}: ${firstLine(c.body)}`,
        ...defaultBranchRun(state),
      };
    }
    case 'review': {
      const pr = pullOf(state, action.number);
      const r = state.addReview(pr.number, action.by, action.state, action.body);
      return {
        name: 'pull_request_review',
        payload: p.reviewEvent(r, action.by),
        actor: action.by,
        summary: `${action.by} reviewed #${pr.number}: ${action.state}${action.body ? ` "${firstLine(action.body)}"` : ''}`,
        ...pullRun(pr),
      };
    }
    case 'dismiss-review': {
      const pr = pullOf(state, action.number);
      const r = state.reviewsOf(pr.number)[action.index];
      if (!r) throw new StepError(`dismiss-review: #${pr.number} has no review at index ${action.index}`);
      if (r.state !== 'APPROVED' && r.state !== 'CHANGES_REQUESTED')
        throw new StepError(
          `dismiss-review: GitHub dismisses approvals and change requests only, not ${r.state}`,
        );
      state.dismissReview(r.id, action.by, action.message);
      return {
        name: 'pull_request_review',
        payload: p.reviewEvent(r, action.by, 'dismissed'),
        actor: action.by,
        summary: `${action.by} dismissed review ${action.index} (${r.user}) on #${pr.number}`,
        ...pullRun(pr),
      };
    }
    case 'open-issue': {
      const issue = state.createIssue({
        number: action.number,
        title: action.title,
        body: action.body,
        author: action.author,
        labels: action.labels,
      });
      return issueEvent(
        issue,
        'opened',
        action.author,
        `${action.author} opened issue #${issue.number} "${issue.title}"`,
      );
    }
    case 'open-pull': {
      const pr = state.createPull({
        number: action.number,
        title: action.title,
        body: action.body,
        author: action.author,
        base: action.base,
        head: action.head,
        files: action.files,
        draft: action.draft,
        labels: action.labels,
      });
      setHeadRepo(pr, action.headRepo);
      return issueEvent(
        pr,
        'opened',
        action.author,
        `${action.author} opened pull request #${pr.number} "${pr.title}"`,
      );
    }
    case 'push': {
      const pr = pullOf(state, action.number);
      const by = action.by ?? pr.user;
      const before = pr.pull.headSha;
      const after = state.pushToPull(pr.number, action.files, by, action.committerDate);
      return issueEvent(
        pr,
        'synchronize',
        by,
        `${by} pushed to #${pr.number} (${Object.keys(action.files).join(', ')})`,
        {
          before,
          after,
        },
      );
    }
    case 'edit': {
      const issue = issueOf(state, action.number);
      const by = action.by ?? issue.user;
      const changes: Json = {};
      if (action.title !== undefined && action.title !== issue.title) changes.title = { from: issue.title };
      if (action.body !== undefined && action.body !== issue.body) changes.body = { from: issue.body };
      state.setTitleBody(issue.number, { title: action.title, body: action.body }, by);
      return issueEvent(issue, 'edited', by, `${by} edited #${issue.number}`, { changes });
    }
    case 'close':
    case 'reopen': {
      const issue = issueOf(state, action.number);
      const by = action.by ?? issue.user;
      if (action.kind === 'close') {
        if (issue.state === 'closed') throw new StepError(`close: #${issue.number} is already closed`);
        state.close(issue.number, by);
      } else {
        if (issue.state === 'open') throw new StepError(`reopen: #${issue.number} is already open`);
        state.reopen(issue.number, by);
      }
      const act = action.kind === 'close' ? 'closed' : 'reopened';
      return issueEvent(issue, act, by, `${by} ${act} #${issue.number}`);
    }
    case 'merge': {
      const pr = pullOf(state, action.number);
      const by = action.by ?? pr.user;
      try {
        state.merge(pr.number, by);
      } catch (e) {
        if (e instanceof SandboxError && e.status === 405) {
          throw new StepError(`merge: #${pr.number} cannot be merged: it conflicts with ${pr.pull.base}`);
        }
        throw e;
      }
      return issueEvent(pr, 'closed', by, `${by} merged #${pr.number}`);
    }
    case 'commit': {
      const by = action.by ?? defaultHuman(state);
      const branch = state.defaultBranch;
      const before = state.branchSha(branch);
      const commit = state.commitToBranch(branch, action.files, action.message, by);
      return {
        name: 'push',
        payload: p.pushEvent({
          ref: `refs/heads/${branch}`,
          before,
          after: commit.sha,
          commits: [commit.sha],
          baseRef: null,
          sender: by,
        }),
        actor: by,
        ref: `refs/heads/${branch}`,
        sha: commit.sha,
        summary: `${by} committed to ${branch}: ${firstLine(action.message)} (${Object.keys(action.files).join(', ')})`,
      };
    }
    case 'tag': {
      const by = action.by ?? defaultHuman(state);
      const sha = state.branchSha(state.defaultBranch);
      state.createTag(action.name, sha);
      const ref = `refs/tags/${action.name}`;
      return {
        name: 'push',
        payload: p.pushEvent({
          ref,
          before: NULL_SHA,
          after: sha,
          commits: [],
          baseRef: `refs/heads/${state.defaultBranch}`,
          sender: by,
        }),
        actor: by,
        ref,
        sha,
        summary: `${by} pushed tag ${action.name}`,
      };
    }
    case 'release': {
      const by = action.by ?? defaultHuman(state);
      const release = state.createRelease(action.tag, by);
      if (action.prerelease) release.prerelease = true;
      return {
        name: 'release',
        payload: p.releaseEvent(release, by, action.activity),
        actor: by,
        ref: `refs/tags/${action.tag}`,
        sha: state.resolveRef(`tags/${action.tag}`),
        summary: `${by} ${action.activity} ${action.prerelease ? 'pre-release' : 'release'} ${action.tag}`,
      };
    }
    case 'delete-tag': {
      const by = action.by ?? defaultHuman(state);
      const before = state.refs.get(`tags/${action.name}`);
      if (!before) throw new StepError(`there is no tag ${action.name}`);
      state.refs.delete(`tags/${action.name}`);
      const ref = `refs/tags/${action.name}`;
      return {
        name: 'push',
        payload: p.pushEvent({ ref, before, after: NULL_SHA, commits: [], baseRef: null, sender: by }),
        actor: by,
        // a run on a deleted ref sees the ref and the all-zero sha, as on GitHub
        ref,
        sha: NULL_SHA,
        summary: `${by} deleted tag ${action.name}`,
      };
    }
    case 'schedule':
      return {
        name: 'schedule',
        payload: p.scheduleEvent(action.cron),
        actor: defaultHuman(state),
        summary: `schedule "${action.cron}"`,
        ...defaultBranchRun(state),
      };
    case 'dispatch': {
      const by = action.by ?? defaultHuman(state);
      const run = defaultBranchRun(state);
      return {
        name: 'workflow_dispatch',
        payload: p.dispatchEvent(action.inputs, run.ref, by, '.github/workflows/governance.yml'),
        actor: by,
        summary: `${by} dispatched the workflow${Object.keys(action.inputs).length ? ` with ${JSON.stringify(action.inputs)}` : ''}`,
        ...run,
      };
    }
    case 'check-run': {
      // Another app's check run on the head commit (GitHub delivers its `check_run` events to
      // that app, not to these workflows): nothing is emitted.
      const pr = pullOf(state, action.number);
      const at = state.now;
      state.checkRuns.push({
        id: state.id(),
        name: action.name,
        headSha: pr.pull.headSha,
        status: 'completed',
        conclusion: action.conclusion as CheckRun['conclusion'],
        output: { title: action.title, summary: '', text: null, annotations: [] },
        startedAt: at,
        completedAt: at,
        externalId: null,
        detailsUrl: null,
        createdBy: `${action.app}[bot]`,
      });
      return undefined;
    }
    case 'wait':
      return ctx.previous
        ? { ...ctx.previous, summary: `(time passes; re-run on: ${ctx.previous.summary})` }
        : undefined;
  }
}

/** A head branch in the author's fork; `deleted-fork`: the fork is gone since. */
export function setHeadRepo(pr: PullIssue, headRepo: HeadRepo): void {
  if (headRepo !== 'same') pr.pull.fork = { owner: pr.user, deleted: headRepo === 'deleted-fork' };
}

function issueOf(state: RepoState, number: number): Issue {
  const issue = state.issues.get(number);
  if (!issue) throw new StepError(`there is no issue or pull request #${number}`);
  return issue;
}

function pullOf(state: RepoState, number: number): PullIssue {
  const issue = issueOf(state, number);
  if (!issue.pull) throw new StepError(`#${number} is an issue, not a pull request`);
  return issue as PullIssue;
}

/** The first line a reader sees: hidden HTML comments (bot markers) are skipped. */
export function firstLine(text: string): string {
  const visible = text.replace(/<!--[\s\S]*?-->/g, '');
  const line = (visible.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}
