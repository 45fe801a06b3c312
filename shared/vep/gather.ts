/**
 * Reads vep-sig-label's snapshots through GraphQL, in a small constant number of requests:
 *
 * - a pull request: one query for the pull request (changed files, labels with their timeline,
 *   review requests, reviews, the last comments), then one query for everything the files point
 *   at: each proposal's `vep.md` at the head commit (read as data), the tracking issues, and the
 *   owning SIGs' OWNERS plus OWNERS_ALIASES from the default branch. More than 100 changed files
 *   add one query per further 100.
 * - a tracking issue: one query (body, labels with their timeline, last 100 comments), plus one
 *   permission lookup per person who used a `/sig` command.
 * - the escalation sweep: open pull requests in pages of 50 with their files, labels, last commit
 *   and last 100 timeline items (reviews, comments, label events, force pushes), then one query for
 *   every SIG's OWNERS (and the root OWNERS for the maintainers), only if a proposal is open.
 */
import { GovernanceError } from '../errors/governance-error.js';
import { isBot, type PermissionLookup } from '../github/permissions.js';
import type { RepoClient } from '../github/repo.js';
import { parseCommands } from '../commands/commands.js';
import { expandAliases, parseOwnersAliases, type OwnersAliases } from '../owners/aliases.js';
import { ownersForAllFiles, parseOwnersFile } from '../owners/owners-file.js';
import type { VepConfig } from '../config/types.js';
import { findMarked } from '../plan/markers.js';
import { STATUS_MARKER } from './decide.js';
import type { LabelEvent } from './label-ownership.js';
import { compileLayout, proposalsTouched, sigFilePath, type Layout } from './layout.js';
import type {
  IssueSnapshot,
  PullSnapshot,
  SigOwners,
  SweepPull,
  SweepSnapshot,
  TrackingIssueFacts,
} from './snapshot.js';
import { REMOVE_SIG_COMMAND, SIG_COMMAND } from './tracking-issue.js';

const PAGE = 100;
const SWEEP_PAGE = 50;
const OWNERS = 'OWNERS';
const OWNERS_ALIASES = 'OWNERS_ALIASES';

const ACTOR = '{ login __typename }';
const LABEL_EVENTS = `
  ... on LabeledEvent { createdAt label { name } actor ${ACTOR} }
  ... on UnlabeledEvent { createdAt label { name } actor ${ACTOR} }`;

const PULL_QUERY = `
query($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      number title isDraft headRefOid author ${ACTOR}
      files(first: ${PAGE}) { pageInfo { hasNextPage endCursor } nodes { path changeType } }
      labels(first: ${PAGE}) { nodes { name } }
      timelineItems(last: ${PAGE}, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) { nodes { __typename ${LABEL_EVENTS} } }
      reviewRequests(first: ${PAGE}) { nodes { requestedReviewer { __typename ... on User { login } ... on Team { slug } } } }
      reviews(last: ${PAGE}) { nodes { author ${ACTOR} } }
      comments(last: ${PAGE}) { totalCount nodes { databaseId body author ${ACTOR} } }
    }
  }
}`;

const MORE_FILES_QUERY = `
query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) { files(first: ${PAGE}, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { path changeType } } }
  }
}`;

const ISSUE_QUERY = `
query($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      number body labels(first: ${PAGE}) { nodes { name } }
      timelineItems(last: ${PAGE}, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) { nodes { __typename ${LABEL_EVENTS} } }
      comments(last: ${PAGE}) { nodes { body createdAt author ${ACTOR} } }
    }
  }
}`;

const SWEEP_QUERY = `
query($owner: String!, $repo: String!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequests(states: [OPEN], first: ${SWEEP_PAGE}, after: $cursor, orderBy: {field: CREATED_AT, direction: ASC}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number title isDraft createdAt author ${ACTOR}
        files(first: ${PAGE}) { nodes { path changeType } }
        labels(first: ${PAGE}) { nodes { name } }
        commits(last: 1) { nodes { commit { committedDate } } }
        timelineItems(last: ${PAGE}, itemTypes: [LABELED_EVENT, UNLABELED_EVENT, HEAD_REF_FORCE_PUSHED_EVENT, ISSUE_COMMENT, PULL_REQUEST_REVIEW]) {
          nodes {
            __typename ${LABEL_EVENTS}
            ... on HeadRefForcePushedEvent { createdAt }
            ... on IssueComment { body createdAt author ${ACTOR} }
            ... on PullRequestReview { submittedAt createdAt author ${ACTOR} }
          }
        }
      }
    }
  }
}`;

// ---- raw shapes ----
interface RawActor {
  login: string;
  __typename: string;
}
interface RawFile {
  path: string;
  changeType: string;
}
interface RawPageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
type RawTimelineNode =
  | {
      __typename: 'LabeledEvent' | 'UnlabeledEvent';
      createdAt: string;
      label: { name: string };
      actor: RawActor | null;
    }
  | { __typename: 'HeadRefForcePushedEvent'; createdAt: string }
  | { __typename: 'IssueComment'; body: string; createdAt: string; author: RawActor | null }
  | {
      __typename: 'PullRequestReview';
      submittedAt: string | null;
      createdAt: string;
      author: RawActor | null;
    };

interface RawPull {
  number: number;
  title: string;
  isDraft: boolean;
  headRefOid: string;
  author: RawActor | null;
  files: { pageInfo: RawPageInfo; nodes: RawFile[] };
  labels: { nodes: { name: string }[] };
  timelineItems: { nodes: RawTimelineNode[] };
  reviewRequests: {
    nodes: { requestedReviewer: { __typename: string; login?: string; slug?: string } | null }[];
  };
  reviews: { nodes: { author: RawActor | null }[] };
  comments: { totalCount: number; nodes: { databaseId: number; body: string; author: RawActor | null }[] };
}

const GHOST = 'ghost';
const loginOf = (a: RawActor | null) => a?.login ?? GHOST;

function labelEventsOf(nodes: RawTimelineNode[]): LabelEvent[] {
  const out: LabelEvent[] = [];
  for (const n of nodes) {
    if (n.__typename !== 'LabeledEvent' && n.__typename !== 'UnlabeledEvent') continue;
    out.push({
      label: n.label.name,
      action: n.__typename === 'LabeledEvent' ? 'labeled' : 'unlabeled',
      actor: loginOf(n.actor),
      actorType: n.actor?.__typename,
      at: n.createdAt,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export async function gatherPull(
  gh: RepoClient,
  number: number,
  config: VepConfig,
  defaultBranch: string,
): Promise<PullSnapshot> {
  const layout = compileLayout(config.layout, config.ignore);
  const { repository } = await gh.graphql<{ repository: { pullRequest: RawPull } }>(PULL_QUERY, { number });
  const pr = repository.pullRequest;
  const files = [...pr.files.nodes];
  for (let info = pr.files.pageInfo; info.hasNextPage;) {
    const more = await gh.graphql<{
      repository: { pullRequest: { files: { pageInfo: RawPageInfo; nodes: RawFile[] } } };
    }>(MORE_FILES_QUERY, {
      number,
      cursor: info.endCursor,
    });
    files.push(...more.repository.pullRequest.files.nodes);
    info = more.repository.pullRequest.files.pageInfo;
  }

  const proposals = proposalsTouched(
    layout,
    files.filter((f) => f.changeType !== 'DELETED').map((f) => f.path),
  );
  const numbers = new Set<number>();
  for (const p of proposals) {
    const n = p.number ?? Number(/^\d+/.exec(p.folderName)?.[0] ?? NaN);
    if (Number.isSafeInteger(n) && n > 0) numbers.add(n);
  }
  const sigs = [
    ...new Set(
      proposals.map((p) => p.sigFolder).filter((s): s is string => s !== null && config.sigs.includes(s)),
    ),
  ];
  const related = proposals.length
    ? await readRelated(gh, {
        headSha: pr.headRefOid,
        documents: proposals.map((p) => p.documentPath),
        defaultBranch,
        ownersPaths: ownersPathsFor(layout, sigs),
        issues: config['tracking-issue'].required ? [...numbers] : [],
      })
    : { documents: {}, defaultFiles: {}, issues: {} };

  // The sticky comment: in the last 100 comments, or (longer threads) found by the applier itself.
  const comments = pr.comments.nodes.map((c) => ({
    id: c.databaseId,
    body: c.body,
    user: loginOf(c.author),
    userType: c.author?.__typename,
  }));
  const sticky = findMarked(comments, STATUS_MARKER);
  const stickyComment = sticky
    ? { id: sticky.id, body: sticky.body }
    : pr.comments.totalCount > PAGE
      ? undefined
      : null;

  return {
    number: pr.number,
    title: pr.title,
    author: loginOf(pr.author),
    headSha: pr.headRefOid,
    draft: pr.isDraft,
    changedFiles: files,
    documents: related.documents,
    labels: pr.labels.nodes.map((l) => l.name),
    labelEvents: labelEventsOf(pr.timelineItems.nodes),
    requestedReviewers: pr.reviewRequests.nodes.flatMap((r) =>
      r.requestedReviewer?.login ? [r.requestedReviewer.login] : [],
    ),
    reviewers: pr.reviews.nodes
      .filter((r) => r.author && !isBot(r.author.login, r.author.__typename))
      .map((r) => r.author!.login),
    trackingIssues: related.issues,
    sigOwners: sigOwnersFrom(layout, sigs, related.defaultFiles),
    stickyComment,
  };
}

function ownersPathsFor(layout: Layout, sigs: string[]): string[] {
  return [...sigs.map((s) => sigFilePath(layout, s, OWNERS)), OWNERS_ALIASES];
}

/** Approvers of each SIG's OWNERS (aliases expanded, teams left out), from files already read. */
export function sigOwnersFrom(
  layout: Layout,
  sigs: string[],
  files: Record<string, string | null>,
): Record<string, SigOwners> {
  let aliases: OwnersAliases | null = null;
  const aliasText = files[OWNERS_ALIASES];
  const notes: string[] = [];
  if (aliasText) {
    try {
      aliases = parseOwnersAliases(aliasText, OWNERS_ALIASES);
    } catch (e) {
      notes.push(e instanceof GovernanceError ? e.describe() : String(e));
    }
  }
  const out: Record<string, SigOwners> = {};
  for (const sig of sigs) {
    const file = sigFilePath(layout, sig, OWNERS);
    out[sig] = approversOf(file, files[file] ?? null, aliases);
    if (notes.length) out[sig].error = [out[sig].error, ...notes].filter(Boolean).join('; ');
  }
  return out;
}

function approversOf(file: string, text: string | null, aliases: OwnersAliases | null): SigOwners {
  if (text === null) return { file, found: false, approvers: [] };
  try {
    const entries = ownersForAllFiles(parseOwnersFile(text, file)).approvers;
    const expanded = aliases ? expandAliases(entries, aliases) : entries;
    return { file, found: true, approvers: expanded.filter((e) => !e.team).map((e) => e.login) };
  } catch (e) {
    return {
      file,
      found: true,
      approvers: [],
      error: e instanceof GovernanceError ? e.describe() : String(e),
    };
  }
}

/**
 * One query for what a pull request's files point at: documents at the head commit, files on the
 * default branch, and issues by number (a missing number is a NOT_FOUND error beside the data).
 */
async function readRelated(
  gh: RepoClient,
  want: {
    headSha: string;
    documents: string[];
    defaultBranch: string;
    ownersPaths: string[];
    issues: number[];
  },
): Promise<{
  documents: Record<string, string | null>;
  defaultFiles: Record<string, string | null>;
  issues: Record<number, TrackingIssueFacts | null>;
}> {
  const blob = (alias: string, expression: string) =>
    `${alias}: object(expression: ${JSON.stringify(expression)}) { ... on Blob { text } }`;
  const fields = [
    ...want.documents.map((p, i) => blob(`d${i}`, `${want.headSha}:${p}`)),
    ...want.ownersPaths.map((p, i) => blob(`o${i}`, `${want.defaultBranch}:${p}`)),
    ...want.issues.map(
      (n, i) =>
        `i${i}: issueOrPullRequest(number: ${n}) { __typename ... on Issue { number issueState: state labels(first: ${PAGE}) { nodes { name } } } ... on PullRequest { number pullState: state } }`,
    ),
  ];
  const query = `query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { ${fields.join('\n')} } }`;
  type Raw = Record<
    string,
    {
      text?: string | null;
      __typename?: string;
      number?: number;
      issueState?: string;
      pullState?: string;
      labels?: { nodes: { name: string }[] };
    } | null
  >;
  const data = await graphqlAllowingNotFound<{ repository: Raw }>(gh, query);
  const repo = data?.repository ?? {};
  const documents: Record<string, string | null> = {};
  want.documents.forEach((p, i) => (documents[p] = repo[`d${i}`]?.text ?? null));
  const defaultFiles: Record<string, string | null> = {};
  want.ownersPaths.forEach((p, i) => (defaultFiles[p] = repo[`o${i}`]?.text ?? null));
  const issues: Record<number, TrackingIssueFacts | null> = {};
  want.issues.forEach((n, i) => {
    const raw = repo[`i${i}`];
    issues[n] = raw
      ? {
          number: n,
          isPull: raw.__typename === 'PullRequest',
          state: raw.issueState ?? raw.pullState ?? '',
          labels: raw.labels?.nodes.map((l) => l.name) ?? [],
        }
      : null;
  });
  return { documents, defaultFiles, issues };
}

/** GitHub answers a missing issue number with a NOT_FOUND error and the rest of the data. */
async function graphqlAllowingNotFound<T>(gh: RepoClient, query: string): Promise<T | null> {
  try {
    return await gh.graphql<T>(query, {});
  } catch (e) {
    const err = e as { errors?: { type?: string }[]; data?: T };
    if (err.errors?.length && err.errors.every((x) => x.type === 'NOT_FOUND') && err.data !== undefined)
      return err.data;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------

interface RawIssue {
  number: number;
  body: string;
  labels: { nodes: { name: string }[] };
  timelineItems: { nodes: RawTimelineNode[] };
  comments: { nodes: { body: string; createdAt: string; author: RawActor | null }[] };
}

export async function gatherIssue(
  gh: RepoClient,
  permissions: PermissionLookup,
  number: number,
): Promise<IssueSnapshot> {
  const { repository } = await gh.graphql<{ repository: { issue: RawIssue } }>(ISSUE_QUERY, { number });
  const issue = repository.issue;
  const comments = issue.comments.nodes.map((c) => ({
    author: loginOf(c.author),
    authorType: c.author?.__typename,
    body: c.body,
    at: c.createdAt,
  }));
  // Ask only about the people whose comments hold a SIG command: usually nobody.
  const commanders = new Set(
    comments
      .filter(
        (c) =>
          !isBot(c.author, c.authorType) && parseCommands(c.body, [SIG_COMMAND, REMOVE_SIG_COMMAND]).length,
      )
      .map((c) => c.author),
  );
  const perms: IssueSnapshot['permissions'] = {};
  for (const login of commanders) perms[login] = await permissions.permissionOf(login);
  return {
    number: issue.number,
    isPull: false,
    body: issue.body,
    labels: issue.labels.nodes.map((l) => l.name),
    labelEvents: labelEventsOf(issue.timelineItems.nodes),
    comments,
    permissions: perms,
  };
}

// ---------------------------------------------------------------------------------------------

interface RawSweepPull {
  number: number;
  title: string;
  isDraft: boolean;
  createdAt: string;
  author: RawActor | null;
  files: { nodes: RawFile[] };
  labels: { nodes: { name: string }[] };
  commits: { nodes: { commit: { committedDate: string } }[] };
  timelineItems: { nodes: RawTimelineNode[] };
}

export async function gatherSweep(
  gh: RepoClient,
  config: VepConfig,
  defaultBranch: string,
): Promise<SweepSnapshot> {
  const layout = compileLayout(config.layout, config.ignore);
  const raw = await gh.graphqlPaginate<
    { repository: { pullRequests: { nodes: RawSweepPull[]; pageInfo: RawPageInfo } } },
    RawSweepPull
  >(SWEEP_QUERY, {}, (page) => page.repository.pullRequests);
  const pulls = raw.map(toSweepPull);
  const anyProposal = pulls.some((p) => proposalsTouched(layout, p.paths).length > 0);
  const wantMaintainersFromOwners = config.escalation.maintainers.length === 0;
  const paths = anyProposal
    ? [...ownersPathsFor(layout, config.sigs), ...(wantMaintainersFromOwners ? [OWNERS] : [])]
    : [];
  const files = paths.length ? Object.fromEntries(await gh.readFiles(defaultBranch, paths)) : {};
  const sigOwners = sigOwnersFrom(layout, config.sigs, files);
  let maintainers = config.escalation.maintainers;
  let maintainersSource = 'vep.escalation.maintainers';
  if (wantMaintainersFromOwners && anyProposal) {
    maintainers = approversOf(
      OWNERS,
      files[OWNERS] ?? null,
      aliasesOrNull(files[OWNERS_ALIASES] ?? null),
    ).approvers;
    maintainersSource = maintainers.length
      ? 'the approvers of the root OWNERS file'
      : 'and the root OWNERS file names no approvers';
  }
  return { pulls, sigOwners, maintainers, maintainersSource };
}

/** OWNERS_ALIASES for the maintainers' mention; a broken file just means no expansion. */
function aliasesOrNull(text: string | null): OwnersAliases | null {
  try {
    return text ? parseOwnersAliases(text, OWNERS_ALIASES) : null;
  } catch {
    return null;
  }
}

function toSweepPull(p: RawSweepPull): SweepPull {
  const activity: SweepPull['activity'] = [];
  const botComments: SweepPull['botComments'] = [];
  let lastPushAt: string | null = p.commits.nodes[0]?.commit.committedDate ?? null;
  for (const n of p.timelineItems.nodes) {
    if (n.__typename === 'HeadRefForcePushedEvent') {
      if (!lastPushAt || n.createdAt > lastPushAt) lastPushAt = n.createdAt;
    } else if (n.__typename === 'IssueComment' || n.__typename === 'PullRequestReview') {
      const at = n.__typename === 'PullRequestReview' ? (n.submittedAt ?? n.createdAt) : n.createdAt;
      if (n.author && isBot(n.author.login, n.author.__typename)) {
        if (n.__typename === 'IssueComment')
          botComments.push({ body: n.body, at, user: n.author.login, userType: n.author.__typename });
      } else {
        activity.push({ login: loginOf(n.author), at });
      }
    }
  }
  return {
    number: p.number,
    title: p.title,
    author: loginOf(p.author),
    createdAt: p.createdAt,
    draft: p.isDraft,
    lastPushAt,
    paths: p.files.nodes.filter((f) => f.changeType !== 'DELETED').map((f) => f.path),
    labels: p.labels.nodes.map((l) => l.name),
    labelEvents: labelEventsOf(p.timelineItems.nodes),
    activity,
    botComments,
  };
}
