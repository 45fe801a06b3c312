/**
 * Reads vep-sig-label's snapshots through GraphQL, in a small constant number of requests:
 *
 * - a pull request: one query for the pull request (changed files, labels with their timeline,
 *   review requests, reviews, the last comments), then one query for everything the files point
 *   at: each proposal's `vep.md` at the head commit (read as data), the tracking issues, and the
 *   owning SIGs' OWNERS plus OWNERS_ALIASES from the default branch. More than 100 changed files,
 *   label events or reviews add one query per further 100 (the whole history, never a window).
 * - a tracking issue: one query (body, labels with their timeline, comments), one more per further
 *   100 comments or label events, plus one permission lookup per person who used a `/sig` command.
 * - the escalation sweep: open pull requests in pages of 50 with their files, labels, last commit
 *   and timeline (reviews, comments, label events, force pushes), one more query per further 100
 *   files or timeline items of a pull request, then one query for every SIG's OWNERS (and the root
 *   OWNERS for the maintainers), only if a proposal is open.
 */
import { GovernanceError } from '../errors/governance-error.js';
import { isBot, type PermissionLookup } from '../github/permissions.js';
import { mayBePartial, partialListMessage } from '../github/pull-files.js';
import type { RepoClient } from '../github/repo.js';
import { parseCommands } from '../commands/commands.js';
import { readAuthoredCommands } from '../github/content-edits.js';
import { expandAliases, parseOwnersAliases, type OwnersAliases } from '../owners/aliases.js';
import { ownersForAllFiles, parseOwnersFile } from '../owners/owners-file.js';
import type { VepConfig } from '../config/types.js';
import { findMarked } from '../plan/markers.js';
import { STATUS_MARKER } from './decide.js';
import type { LabelEvent } from './label-ownership.js';
import { compileLayout, proposalsTouched, sigFilePath, type Layout } from './layout.js';
import { findMovedOrigins, movedTreeField, type RawEntry } from './moved-proposals.js';
import type {
  IssueSnapshot,
  PullSnapshot,
  SigOwners,
  SweepPull,
  SweepSnapshot,
  TrackingIssueFacts,
} from './snapshot.js';
import { REMOVE_SIG_COMMAND, SIG_COMMAND } from './tracking-issue.js';
import { HEAD_CHECKS, headChecksOf, type RawRollup } from './head-check.js';

const PAGE = 100;
const SWEEP_PAGE = 50;
const OWNERS = 'OWNERS';
const OWNERS_ALIASES = 'OWNERS_ALIASES';

const ACTOR = '{ login __typename }';
const LABEL_EVENTS = `
  ... on LabeledEvent { createdAt label { name } actor ${ACTOR} }
  ... on UnlabeledEvent { createdAt label { name } actor ${ACTOR} }`;

// Whole histories, oldest first: the first page in the main query, the rest by cursor
// (restOfConnection), so no label event or review is hidden behind later comments
// (docs/reliability.md "Decision integrity").
const PULL_LABEL_EVENTS = (after = '') =>
  `timelineItems(first: ${PAGE}${after}, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) { pageInfo { hasNextPage endCursor } nodes { __typename ${LABEL_EVENTS} } }`;
const PULL_REVIEWS = (after = '') =>
  `reviews(first: ${PAGE}${after}) { pageInfo { hasNextPage endCursor } nodes { author ${ACTOR} } }`;
const SWEEP_FILES = (after = '') =>
  `files(first: ${PAGE}${after}) { pageInfo { hasNextPage endCursor } nodes { path changeType } }`;
const SWEEP_TIMELINE = (after = '') =>
  `timelineItems(first: ${PAGE}${after}, itemTypes: [LABELED_EVENT, UNLABELED_EVENT, HEAD_REF_FORCE_PUSHED_EVENT, ISSUE_COMMENT, PULL_REQUEST_REVIEW, REVIEW_REQUESTED_EVENT]) {
    pageInfo { hasNextPage endCursor }
    nodes {
      __typename ${LABEL_EVENTS}
      ... on HeadRefForcePushedEvent { createdAt }
      ... on ReviewRequestedEvent { createdAt requestedReviewer { __typename ... on User { login } } }
      ... on IssueComment { body createdAt author ${ACTOR} }
      ... on PullRequestReview { submittedAt createdAt author ${ACTOR} }
    }
  }`;
const MORE_OF_NODE = (type: 'Issue' | 'PullRequest', field: string) =>
  `query($id: ID!, $cursor: String) { node(id: $id) { ... on ${type} { ${field} } } }`;

const PULL_QUERY = `
query($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      id number title isDraft headRefOid author ${ACTOR}
      files(first: ${PAGE}) { pageInfo { hasNextPage endCursor } nodes { path changeType } }
      labels(first: ${PAGE}) { nodes { name } }
      ${PULL_LABEL_EVENTS()}
      reviewRequests(first: ${PAGE}) { nodes { requestedReviewer { __typename ... on User { login } ... on Team { slug } } } }
      ${PULL_REVIEWS()}
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

// A tracking issue's whole history, oldest first: the first page here, the rest by cursor
// (completeIssue), so no /sig command is hidden behind later comments.
const ISSUE_LABEL_EVENTS = (after = '') =>
  `timelineItems(first: ${PAGE}${after}, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) { pageInfo { hasNextPage endCursor } nodes { __typename ${LABEL_EVENTS} } }`;
const ISSUE_COMMENTS = (after = '') =>
  `comments(first: ${PAGE}${after}) { pageInfo { hasNextPage endCursor } nodes { id body createdAt lastEditedAt author ${ACTOR} } }`;

const ISSUE_QUERY = `
query($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      id number body labels(first: ${PAGE}) { nodes { name } }
      ${ISSUE_LABEL_EVENTS()}
      ${ISSUE_COMMENTS()}
    }
  }
}`;

const SWEEP_QUERY = `
query($owner: String!, $repo: String!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequests(states: [OPEN], first: ${SWEEP_PAGE}, after: $cursor, orderBy: {field: CREATED_AT, direction: ASC}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id number title isDraft createdAt author ${ACTOR}
        ${SWEEP_FILES()}
        labels(first: ${PAGE}) { nodes { name } }
        commits(last: 1) { nodes { commit { committedDate } } }
        ${SWEEP_TIMELINE()}
        ${HEAD_CHECKS}
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
  | {
      __typename: 'ReviewRequestedEvent';
      createdAt: string;
      requestedReviewer: { __typename: string; login?: string } | null;
    }
  | { __typename: 'IssueComment'; body: string; createdAt: string; author: RawActor | null }
  | {
      __typename: 'PullRequestReview';
      submittedAt: string | null;
      createdAt: string;
      author: RawActor | null;
    };

interface RawPull {
  id: string;
  number: number;
  title: string;
  isDraft: boolean;
  headRefOid: string;
  author: RawActor | null;
  files: { pageInfo: RawPageInfo; nodes: RawFile[] };
  labels: { nodes: { name: string }[] };
  timelineItems: { pageInfo: RawPageInfo; nodes: RawTimelineNode[] };
  reviewRequests: {
    nodes: { requestedReviewer: { __typename: string; login?: string; slug?: string } | null }[];
  };
  reviews: { pageInfo: RawPageInfo; nodes: { author: RawActor | null }[] };
  comments: { totalCount: number; nodes: { databaseId: number; body: string; author: RawActor | null }[] };
}

/**
 * The nodes of a connection after its first page, read by cursor to the end. A page that cannot
 * be read throws, naming what: the verdict fails rather than deciding on part of the history.
 */
async function restOfConnection<K extends string, T>(
  gh: RepoClient,
  node: { type: 'Issue' | 'PullRequest'; id: string; what: string },
  key: K,
  field: string,
  from: RawPageInfo,
): Promise<T[]> {
  if (!from.hasNextPage) return [];
  if (!from.endCursor)
    throw new GovernanceError(`${node.what} could not be read completely (no cursor for ${key})`);
  return gh.graphqlPaginate<{ node: Record<K, { nodes: T[]; pageInfo: RawPageInfo }> | null }, T>(
    MORE_OF_NODE(node.type, field),
    { id: node.id, cursor: from.endCursor },
    (page) => {
      const conn = page.node?.[key];
      if (!conn) throw new GovernanceError(`${node.what} could not be read completely (${key})`);
      return conn;
    },
  );
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
  const whole = { type: 'PullRequest' as const, id: pr.id, what: `pull request #${number}` };
  pr.timelineItems.nodes.push(
    ...(await restOfConnection<'timelineItems', RawTimelineNode>(
      gh,
      whole,
      'timelineItems',
      PULL_LABEL_EVENTS(', after: $cursor'),
      pr.timelineItems.pageInfo,
    )),
  );
  pr.reviews.nodes.push(
    ...(await restOfConnection<'reviews', { author: RawActor | null }>(
      gh,
      whole,
      'reviews',
      PULL_REVIEWS(', after: $cursor'),
      pr.reviews.pageInfo,
    )),
  );
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
  // a proposal listed after GitHub's 3,000th file would go unseen: fail closed
  if (mayBePartial(files.length)) throw new Error(partialListMessage(number, files.length));

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
        movedTree: movedTreeField(layout, defaultBranch, 'mt'),
      })
    : { documents: {}, baseDocuments: {}, baseUnreadable: {}, defaultFiles: {}, issues: {}, movedTree: null };
  // a proposal new at its path may be one the default branch holds in another folder
  const moved = await findMovedOrigins(
    gh,
    layout,
    defaultBranch,
    proposals.filter(
      (p) => related.baseDocuments[p.documentPath] === null && !related.baseUnreadable[p.documentPath],
    ),
    related.movedTree,
  );

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
    baseDocuments: { ...related.baseDocuments, ...moved.texts },
    baseUnreadable: { ...related.baseUnreadable, ...moved.unreadable },
    movedFrom: moved.movedFrom,
    defaultBranch,
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
  const aliases = readAliases(files[OWNERS_ALIASES] ?? null);
  const out: Record<string, SigOwners> = {};
  for (const sig of sigs) {
    const file = sigFilePath(layout, sig, OWNERS);
    out[sig] = approversOf(file, files[file] ?? null, aliases);
  }
  return out;
}

/** OWNERS_ALIASES parsed, absent (null), or the reason it cannot be read. */
type AliasesRead = OwnersAliases | null | { error: string };

function readAliases(text: string | null): AliasesRead {
  if (!text) return null;
  try {
    return parseOwnersAliases(text, OWNERS_ALIASES);
  } catch (e) {
    return { error: e instanceof GovernanceError ? e.describe() : String(e) };
  }
}

/**
 * Approvers of one OWNERS file. Fails closed when OWNERS_ALIASES cannot be read: any entry may be
 * an alias, and asking an alias name to review would ask whoever owns that login instead.
 */
function approversOf(file: string, text: string | null, aliases: AliasesRead): SigOwners {
  if (text === null) return { file, found: false, approvers: [] };
  if (aliases && 'error' in aliases) return { file, found: true, approvers: [], error: aliases.error };
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
 * One query for what a pull request's files point at: documents at the head commit and on the
 * default branch (the status a pull request moves from), files on the default branch, and issues
 * by number (a missing number is a NOT_FOUND error beside the data).
 */
async function readRelated(
  gh: RepoClient,
  want: {
    headSha: string;
    documents: string[];
    defaultBranch: string;
    ownersPaths: string[];
    issues: number[];
    /** the default branch's proposal folders (moved-proposals.ts), aliased `mt` */
    movedTree?: string;
  },
): Promise<{
  documents: Record<string, string | null>;
  baseDocuments: Record<string, string | null>;
  baseUnreadable: Record<string, string>;
  defaultFiles: Record<string, string | null>;
  issues: Record<number, TrackingIssueFacts | null>;
  movedTree: { entries?: RawEntry[] } | null;
}> {
  const blob = (alias: string, expression: string) =>
    `${alias}: object(expression: ${JSON.stringify(expression)}) { ... on Blob { text } }`;
  const fields = [
    ...want.documents.map((p, i) => blob(`d${i}`, `${want.headSha}:${p}`)),
    ...want.documents.map(
      (p, i) =>
        `b${i}: object(expression: ${JSON.stringify(`${want.defaultBranch}:${p}`)}) { __typename ... on Blob { text isBinary isTruncated } }`,
    ),
    ...want.ownersPaths.map((p, i) => blob(`o${i}`, `${want.defaultBranch}:${p}`)),
    ...(want.movedTree ? [want.movedTree] : []),
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
      isBinary?: boolean;
      isTruncated?: boolean;
      __typename?: string;
      number?: number;
      issueState?: string;
      pullState?: string;
      labels?: { nodes: { name: string }[] };
      entries?: RawEntry[];
    } | null
  >;
  const data = await graphqlAllowingNotFound<{ repository: Raw }>(gh, query);
  const repo = data?.repository ?? {};
  const documents: Record<string, string | null> = {};
  want.documents.forEach((p, i) => (documents[p] = repo[`d${i}`]?.text ?? null));
  const { baseDocuments, baseUnreadable } = baseVersions(want.documents, (i) => repo[`b${i}`]);
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
  return { documents, baseDocuments, baseUnreadable, defaultFiles, issues, movedTree: repo.mt ?? null };
}

/**
 * The default branch's version of each document. One that exists but whose text GitHub does not
 * give (binary, truncated, a folder) is unreadable: its status cannot be known, and the transition
 * check fails closed rather than judging the proposal as new.
 */
function baseVersions(
  paths: string[],
  raw: (
    i: number,
  ) =>
    | { __typename?: string; text?: string | null; isBinary?: boolean; isTruncated?: boolean }
    | null
    | undefined,
): { baseDocuments: Record<string, string | null>; baseUnreadable: Record<string, string> } {
  const baseDocuments: Record<string, string | null> = {};
  const baseUnreadable: Record<string, string> = {};
  paths.forEach((p, i) => {
    const o = raw(i);
    baseDocuments[p] = null;
    if (!o) return;
    if (o.__typename !== 'Blob') baseUnreadable[p] = `it is a ${o.__typename ?? 'git object'}, not a file`;
    else if (o.isBinary || typeof o.text !== 'string') baseUnreadable[p] = 'GitHub serves it as binary';
    else if (o.isTruncated) baseUnreadable[p] = 'GitHub serves it truncated';
    else baseDocuments[p] = o.text;
  });
  return { baseDocuments, baseUnreadable };
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

interface RawIssueComment {
  id: string;
  body: string;
  createdAt: string;
  lastEditedAt: string | null;
  author: RawActor | null;
}
interface RawIssue {
  id: string;
  number: number;
  body: string;
  labels: { nodes: { name: string }[] };
  timelineItems: { pageInfo: RawPageInfo; nodes: RawTimelineNode[] };
  comments: { pageInfo: RawPageInfo; nodes: RawIssueComment[] };
}

/** The pages the first query left, in place. */
async function completeIssue(gh: RepoClient, issue: RawIssue): Promise<void> {
  const whole = { type: 'Issue' as const, id: issue.id, what: `issue #${issue.number}` };
  const rest = <K extends 'timelineItems' | 'comments', T>(key: K, field: string, from: RawPageInfo) =>
    restOfConnection<K, T>(gh, whole, key, field, from);
  issue.timelineItems.nodes.push(
    ...(await rest<'timelineItems', RawTimelineNode>(
      'timelineItems',
      ISSUE_LABEL_EVENTS(', after: $cursor'),
      issue.timelineItems.pageInfo,
    )),
  );
  issue.comments.nodes.push(
    ...(await rest<'comments', RawIssueComment>(
      'comments',
      ISSUE_COMMENTS(', after: $cursor'),
      issue.comments.pageInfo,
    )),
  );
}

/**
 * Each SIG command as its author wrote it, at the time they first wrote it, oldest first: an edit
 * by someone else changes nothing, and an edit adding a command counts from the edit
 * (shared/commands/authored-history.ts). Removing a command by editing does not undo it: a SIG
 * is taken away with /remove-sig (docs/vep-sig-label.md).
 */
async function authoredSigCommands(gh: RepoClient, raw: RawIssueComment[]) {
  const timed = await readAuthoredCommands(
    gh,
    raw,
    [SIG_COMMAND, REMOVE_SIG_COMMAND],
    (cmd) => `${cmd.name} ${cmd.args.toLowerCase()}`,
  );
  return timed.map((t) => ({
    author: t.author,
    authorType: t.authorType,
    body: `${t.command.name} ${t.command.args}`,
    at: t.since,
  }));
}

export async function gatherIssue(
  gh: RepoClient,
  permissions: PermissionLookup,
  number: number,
): Promise<IssueSnapshot> {
  const { repository } = await gh.graphql<{ repository: { issue: RawIssue } }>(ISSUE_QUERY, { number });
  const issue = repository.issue;
  await completeIssue(gh, issue);
  const comments = await authoredSigCommands(gh, issue.comments.nodes);
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
  id: string;
  number: number;
  title: string;
  isDraft: boolean;
  createdAt: string;
  author: RawActor | null;
  files: { pageInfo: RawPageInfo; nodes: RawFile[] };
  labels: { nodes: { name: string }[] };
  commits: { nodes: { commit: { committedDate: string } }[] };
  timelineItems: { pageInfo: RawPageInfo; nodes: RawTimelineNode[] };
  statusCheckRollup: RawRollup | null;
}

/**
 * The files and timeline pages the sweep query left, in place; only pull requests with more than
 * 100 of either cost more requests. Returns why the pull request cannot be judged, if it cannot:
 * one unreadable pull request must not stop the sweep of the others.
 */
async function completeSweepPull(gh: RepoClient, p: RawSweepPull): Promise<string | undefined> {
  const whole = { type: 'PullRequest' as const, id: p.id, what: `pull request #${p.number}` };
  try {
    p.files.nodes.push(
      ...(await restOfConnection<'files', RawFile>(
        gh,
        whole,
        'files',
        SWEEP_FILES(', after: $cursor'),
        p.files.pageInfo,
      )),
    );
    // a proposal listed after GitHub's 3,000th file would go unseen
    if (mayBePartial(p.files.nodes.length)) return partialListMessage(p.number, p.files.nodes.length);
    p.timelineItems.nodes.push(
      ...(await restOfConnection<'timelineItems', RawTimelineNode>(
        gh,
        whole,
        'timelineItems',
        SWEEP_TIMELINE(', after: $cursor'),
        p.timelineItems.pageInfo,
      )),
    );
  } catch (e) {
    const why = e instanceof GovernanceError ? e.describe() : e instanceof Error ? e.message : String(e);
    return `pull request #${p.number} could not be read completely: ${why}`;
  }
  return undefined;
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
  const pulls: SweepPull[] = [];
  for (const p of raw) {
    const unreadable = await completeSweepPull(gh, p);
    const pull = toSweepPull(p, config['check-name']);
    pulls.push(unreadable ? { ...pull, unreadable } : pull);
  }
  const anyProposal = pulls.some((p) => !p.unreadable && proposalsTouched(layout, p.paths).length > 0);
  const wantMaintainersFromOwners = config.escalation.maintainers.length === 0;
  const paths = anyProposal
    ? [...ownersPathsFor(layout, config.sigs), ...(wantMaintainersFromOwners ? [OWNERS] : [])]
    : [];
  const files = paths.length ? Object.fromEntries(await gh.readFiles(defaultBranch, paths)) : {};
  const sigOwners = sigOwnersFrom(layout, config.sigs, files);
  let maintainers = config.escalation.maintainers;
  let maintainersSource = 'vep.escalation.maintainers';
  if (wantMaintainersFromOwners && anyProposal) {
    const root = approversOf(OWNERS, files[OWNERS] ?? null, readAliases(files[OWNERS_ALIASES] ?? null));
    maintainers = root.approvers;
    maintainersSource = maintainers.length
      ? 'the approvers of the root OWNERS file'
      : root.error
        ? `and the root OWNERS file cannot be read (${root.error})`
        : 'and the root OWNERS file names no approvers';
  }
  return { pulls, sigOwners, maintainers, maintainersSource };
}

function toSweepPull(p: RawSweepPull, checkName: string): SweepPull {
  const activity: SweepPull['activity'] = [];
  const reviewersEngaged: string[] = [];
  const botComments: SweepPull['botComments'] = [];
  let lastPushAt: string | null = p.commits.nodes[0]?.commit.committedDate ?? null;
  for (const n of p.timelineItems.nodes) {
    if (n.__typename === 'HeadRefForcePushedEvent') {
      if (!lastPushAt || n.createdAt > lastPushAt) lastPushAt = n.createdAt;
    } else if (n.__typename === 'ReviewRequestedEvent') {
      if (n.requestedReviewer?.login) reviewersEngaged.push(n.requestedReviewer.login);
    } else if (n.__typename === 'IssueComment' || n.__typename === 'PullRequestReview') {
      const at = n.__typename === 'PullRequestReview' ? (n.submittedAt ?? n.createdAt) : n.createdAt;
      if (n.author && isBot(n.author.login, n.author.__typename)) {
        if (n.__typename === 'IssueComment')
          botComments.push({ body: n.body, at, user: n.author.login, userType: n.author.__typename });
      } else {
        activity.push({ login: loginOf(n.author), at });
        if (n.__typename === 'PullRequestReview') reviewersEngaged.push(loginOf(n.author));
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
    reviewersEngaged,
    headChecks: headChecksOf(p.statusCheckRollup, checkName),
  };
}
