/**
 * A webhook payload for previewing an action on a real repository, built from what the API
 * says now: the issue or pull request `--number N`, its latest comment or review, the tag of a
 * release. The shapes are the webhook's (the REST objects GitHub embeds in them).
 */
import type { GitHubRest, Json } from './github-rest.js';

export const NULL_SHA = '0000000000000000000000000000000000000000';
/** schedule payloads carry only the cron expression; this one stands for "the hourly sweep" */
export const PREVIEW_CRON = '0 * * * *';

/** Events the CLI can synthesise, and the activity type each gets unless `--type` says otherwise. */
export const DEFAULT_TYPES: Record<string, string | undefined> = {
  schedule: undefined,
  workflow_dispatch: undefined,
  push: undefined,
  release: 'published',
  issues: 'edited',
  issue_comment: 'created',
  pull_request: 'synchronize',
  pull_request_target: 'synchronize',
  pull_request_review: 'submitted',
};
export const EVENTS = Object.keys(DEFAULT_TYPES);
const NEEDS_NUMBER = new Set([
  'issues',
  'issue_comment',
  'pull_request',
  'pull_request_target',
  'pull_request_review',
]);

export interface EventRequest {
  owner: string;
  repo: string;
  action: string;
  /** undefined: `pull_request_target` or `issues` with --number (whichever the item is), else `schedule` */
  event?: string;
  number?: number;
  type?: string;
  /** push: the pushed ref (`refs/tags/2027.1`) */
  ref?: string;
  /** release: the release's tag */
  tag?: string;
  /** issues/pull requests `labeled` / `unlabeled`: the label */
  label?: string;
  inputs: Record<string, string>;
}

export interface SynthesisedEvent {
  name: string;
  payload: Json;
  /** GITHUB_REF and GITHUB_SHA as the runner would set them */
  ref: string;
  sha: string;
  actor: string;
}

export class UsageError extends Error {}

const login = (user: unknown) => String((user as { login?: string } | null)?.login ?? '');

export async function synthesiseEvent(gh: GitHubRest, req: EventRequest): Promise<SynthesisedEvent> {
  const repoPath = `/repos/${req.owner}/${req.repo}`;
  const repository = await gh.get(repoPath);
  const defaultBranch = String(repository.default_branch);
  const owner = repository.owner as Json;
  const envelope = (sender: unknown) => ({ repository, sender: sender ?? owner });
  const commitSha = async (ref: string) =>
    String((await gh.get(`${repoPath}/commits/${encodeURIComponent(ref)}`)).sha);

  let item: Json | undefined;
  if (req.number !== undefined) item = await gh.get(`${repoPath}/issues/${req.number}`);
  const event = req.event ?? (item ? (item.pull_request ? 'pull_request_target' : 'issues') : 'schedule');
  if (!EVENTS.includes(event)) throw new UsageError(`--event ${event}: one of ${EVENTS.join(', ')}`);
  if (NEEDS_NUMBER.has(event) && !item) throw new UsageError(`--event ${event} needs --number N`);
  const type = req.type ?? DEFAULT_TYPES[event];
  const onDefaultBranch = async () => ({
    ref: `refs/heads/${defaultBranch}`,
    sha: await commitSha(defaultBranch),
  });
  const labelOf = () => {
    if (type !== 'labeled' && type !== 'unlabeled') return {};
    if (!req.label) throw new UsageError(`--type ${type} needs --label NAME`);
    return { label: { name: req.label } };
  };

  switch (event) {
    case 'schedule':
      return {
        name: event,
        payload: { schedule: PREVIEW_CRON },
        ...(await onDefaultBranch()),
        actor: login(owner),
      };
    case 'workflow_dispatch': {
      const head = await onDefaultBranch();
      const workflow = `.github/workflows/${req.action}.yml`;
      return {
        name: event,
        payload: { inputs: req.inputs, ref: head.ref, ...envelope(owner), workflow },
        ...head,
        actor: login(owner),
      };
    }
    case 'push': {
      if (!req.ref?.startsWith('refs/'))
        throw new UsageError('--event push needs --ref refs/tags/<tag> or refs/heads/<branch>');
      const sha = await commitSha(req.ref.replace(/^refs\/(heads|tags)\//, ''));
      const payload = {
        ref: req.ref,
        before: NULL_SHA,
        after: sha,
        created: true,
        deleted: false,
        forced: false,
        base_ref: null,
        commits: [],
        head_commit: null,
        pusher: { name: login(owner), email: null },
        ...envelope(owner),
      };
      return { name: event, payload, ref: req.ref, sha, actor: login(owner) };
    }
    case 'release': {
      if (!req.tag) throw new UsageError('--event release needs --tag TAG');
      const release = await gh.get(`${repoPath}/releases/tags/${encodeURIComponent(req.tag)}`);
      const sha = await commitSha(req.tag);
      const payload = { action: type, release, ...envelope(release.author) };
      return { name: event, payload, ref: `refs/tags/${req.tag}`, sha, actor: login(release.author) };
    }
    case 'issues':
    case 'issue_comment': {
      const issue = item!;
      if (event === 'issues' && issue.pull_request)
        throw new UsageError(`#${req.number} is a pull request: use --event pull_request_target`);
      let extra: Json = labelOf();
      let sender = issue.user;
      if (event === 'issue_comment') {
        const comment = await latest(
          gh,
          `${repoPath}/issues/${req.number}/comments`,
          Number(issue.comments ?? 0),
        );
        if (!comment) throw new UsageError(`#${req.number} has no comment to replay as issue_comment`);
        extra = { comment };
        sender = comment.user;
      }
      return {
        name: event,
        payload: { action: type, issue, ...extra, ...envelope(sender) },
        ...(await onDefaultBranch()),
        actor: login(sender),
      };
    }
    default: {
      // pull_request, pull_request_target, pull_request_review
      if (!item!.pull_request)
        throw new UsageError(`#${req.number} is an issue, not a pull request: use --event issues`);
      const pull = await gh.get(`${repoPath}/pulls/${req.number}`);
      let extra: Json = { number: req.number, ...labelOf() };
      let sender = pull.user;
      if (event === 'pull_request_review') {
        const review = await latest(gh, `${repoPath}/pulls/${req.number}/reviews`);
        if (!review) throw new UsageError(`#${req.number} has no review to replay as pull_request_review`);
        extra = { review };
        sender = review.user;
      }
      const payload = { action: type, pull_request: pull, ...extra, ...envelope(sender) };
      // pull_request runs on the merge ref; pull_request_target and reviews of it on the base branch
      const at =
        event === 'pull_request'
          ? {
              ref: `refs/pull/${req.number}/merge`,
              sha: String(pull.merge_commit_sha ?? (pull.head as Json).sha),
            }
          : await onDefaultBranch();
      return { name: event, payload, ...at, actor: login(sender) };
    }
  }
}

const PAGE_SIZE = 100;

/** The last element of a list endpoint (oldest first): one request for up to 100, else the last page. */
async function latest(gh: GitHubRest, path: string, knownCount?: number): Promise<Json | undefined> {
  const page = knownCount && knownCount > PAGE_SIZE ? Math.ceil(knownCount / PAGE_SIZE) : 1;
  const list = (await gh.get(`${path}?per_page=${PAGE_SIZE}&page=${page}`)) as unknown as Json[];
  return list.at(-1);
}
