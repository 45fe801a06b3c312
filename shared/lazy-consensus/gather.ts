/**
 * Reads the lazy-consensus snapshot of items through GraphQL: each item with its labels and one
 * timeline connection holding label events, closes/reopens, comments (with edit times), reviews,
 * dismissals and pushes. A sweep reads every open issue and pull request carrying the trigger
 * label in pages of 100 (issues and pull requests side by side in one query); an event run reads
 * one item in one query. A timeline longer than a page is completed per item.
 */
import type { RepoClient } from '../github/repo.js';
import { isBot } from '../github/permissions.js';
import type { KnownComment } from '../plan/effects.js';
import { findMarked } from '../plan/markers.js';
import { outcomeMarker, statusMarker } from './decide.js';
import { pushesWithHead, readPushes } from './push-times.js';
import { readContentEdits } from '../github/content-edits.js';
import type {
  Actor,
  CommentDeletion,
  ItemComment,
  ItemReview,
  ItemSnapshot,
  LabelEvent,
  Push,
  ReviewState,
  StateEvent,
} from './snapshot.js';

export const PAGE_SIZE = 100;

const ISSUE_ITEM_TYPES = [
  'LABELED_EVENT',
  'UNLABELED_EVENT',
  'CLOSED_EVENT',
  'REOPENED_EVENT',
  'ISSUE_COMMENT',
  'COMMENT_DELETED_EVENT',
];
const PULL_ITEM_TYPES = [
  ...ISSUE_ITEM_TYPES,
  'HEAD_REF_FORCE_PUSHED_EVENT',
  'PULL_REQUEST_REVIEW',
  'REVIEW_DISMISSED_EVENT',
];

const ACTOR = `{ login __typename }`;
const ISSUE_TIMELINE_NODE = `
  __typename
  ... on LabeledEvent { createdAt label { name } actor ${ACTOR} }
  ... on UnlabeledEvent { createdAt label { name } actor ${ACTOR} }
  ... on ClosedEvent { createdAt }
  ... on ReopenedEvent { createdAt }
  ... on IssueComment { id databaseId body createdAt lastEditedAt url author ${ACTOR} }
  ... on CommentDeletedEvent { createdAt actor ${ACTOR} deletedCommentAuthor ${ACTOR} }`;
const PULL_TIMELINE_NODE = `${ISSUE_TIMELINE_NODE}
  ... on HeadRefForcePushedEvent { createdAt afterCommit { oid } }
  ... on PullRequestReview { databaseId state body submittedAt createdAt url author ${ACTOR} }
  ... on ReviewDismissedEvent { createdAt previousReviewState review { databaseId } }`;

const timeline = (isPull: boolean, after = '') =>
  `timelineItems(first: ${PAGE_SIZE}${after}, itemTypes: [${(isPull ? PULL_ITEM_TYPES : ISSUE_ITEM_TYPES).join(', ')}]) ` +
  `{ pageInfo { hasNextPage endCursor } nodes { ${isPull ? PULL_TIMELINE_NODE : ISSUE_TIMELINE_NODE} } }`;

// `state` is IssueState on one and PullRequestState on the other: aliased so one query holds both.
const ISSUE_FIELDS = `__typename id number title url issueState: state labels(first: 100) { nodes { name } } ${timeline(false)}`;
const PULL_FIELDS = `__typename id number title url pullState: state merged headRefOid headRefName headRepository { name owner { login } } labels(first: 100) { nodes { name } } ${timeline(true)}`;

const SWEEP_QUERY = `
query($owner: String!, $repo: String!, $labels: [String!], $issueCursor: String, $pullCursor: String, $withIssues: Boolean!, $withPulls: Boolean!) {
  repository(owner: $owner, name: $repo) {
    issues(first: ${PAGE_SIZE}, after: $issueCursor, labels: $labels, states: [OPEN]) @include(if: $withIssues) {
      pageInfo { hasNextPage endCursor } nodes { ${ISSUE_FIELDS} }
    }
    pullRequests(first: ${PAGE_SIZE}, after: $pullCursor, labels: $labels, states: [OPEN]) @include(if: $withPulls) {
      pageInfo { hasNextPage endCursor } nodes { ${PULL_FIELDS} }
    }
  }
}`;

const ITEM_QUERY = `
query($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    issueOrPullRequest(number: $number) { ... on Issue { ${ISSUE_FIELDS} } ... on PullRequest { ${PULL_FIELDS} } }
  }
}`;

const MORE_TIMELINE_QUERY = (typename: 'Issue' | 'PullRequest') => `
query($id: ID!, $cursor: String) {
  node(id: $id) { ... on ${typename} { ${timeline(typename === 'PullRequest', ', after: $cursor')} } }
}`;

// ---- raw GraphQL shapes ----
interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
interface RawActor {
  login: string;
  __typename: string;
}
type RawTimelineNode = { __typename: string } & Record<string, unknown>;
interface RawItem {
  __typename: 'Issue' | 'PullRequest';
  id: string;
  number: number;
  title: string;
  url: string;
  issueState?: 'OPEN' | 'CLOSED';
  pullState?: 'OPEN' | 'CLOSED' | 'MERGED';
  merged?: boolean;
  headRefOid?: string;
  headRefName?: string;
  headRepository?: { name: string; owner: { login: string } } | null;
  labels: { nodes: { name: string }[] };
  timelineItems: { pageInfo: PageInfo; nodes: RawTimelineNode[] };
}
interface Connection {
  pageInfo: PageInfo;
  nodes: RawItem[];
}

/** Every open issue and pull request carrying `triggerLabel`, with their histories. */
export async function gatherLabelled(gh: RepoClient, triggerLabel: string): Promise<ItemSnapshot[]> {
  const raw: RawItem[] = [];
  let issueCursor: string | null = null;
  let pullCursor: string | null = null;
  let withIssues = true;
  let withPulls = true;
  while (withIssues || withPulls) {
    const data: { repository: { issues?: Connection; pullRequests?: Connection } } = await gh.graphql(
      SWEEP_QUERY,
      {
        labels: [triggerLabel],
        issueCursor,
        pullCursor,
        withIssues,
        withPulls,
      },
    );
    const { issues, pullRequests } = data.repository;
    if (withIssues && issues) {
      raw.push(...issues.nodes);
      withIssues = issues.pageInfo.hasNextPage && !!issues.pageInfo.endCursor;
      issueCursor = issues.pageInfo.endCursor;
    } else withIssues = false;
    if (withPulls && pullRequests) {
      raw.push(...pullRequests.nodes);
      withPulls = pullRequests.pageInfo.hasNextPage && !!pullRequests.pageInfo.endCursor;
      pullCursor = pullRequests.pageInfo.endCursor;
    } else withPulls = false;
  }
  const items: ItemSnapshot[] = [];
  for (const r of raw)
    items.push(await withPushTimes(gh, r, await withEdits(gh, toSnapshot(r, await completeTimeline(gh, r)))));
  return items.sort((a, b) => a.number - b.number);
}

/** One issue or pull request with its history, or null when it does not exist. */
export async function gatherItem(gh: RepoClient, number: number): Promise<ItemSnapshot | null> {
  const data = await gh.graphql<{ repository: { issueOrPullRequest: RawItem | null } }>(ITEM_QUERY, {
    number,
  });
  const r = data.repository.issueOrPullRequest;
  return r ? withPushTimes(gh, r, await withEdits(gh, toSnapshot(r, await completeTimeline(gh, r)))) : null;
}

async function completeTimeline(gh: RepoClient, r: RawItem): Promise<RawTimelineNode[]> {
  const first = r.timelineItems;
  if (!first.pageInfo.hasNextPage) return first.nodes;
  const rest: RawTimelineNode[] = [];
  let cursor = first.pageInfo.endCursor;
  while (cursor) {
    const data = await gh.graphql<{
      node: { timelineItems: { pageInfo: PageInfo; nodes: RawTimelineNode[] } } | null;
    }>(MORE_TIMELINE_QUERY(r.__typename), { id: r.id, cursor });
    const conn = data.node?.timelineItems;
    // fail closed: a history missing a page is never decided on as if it ended there
    if (!conn) throw new Error(`could not read the rest of the history of #${r.number} (after ${cursor})`);
    rest.push(...conn.nodes);
    cursor = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  }
  return [...first.nodes, ...rest];
}

function actorOf(a: RawActor | null | undefined): Actor | null {
  return a ? { login: a.login, isBot: a.__typename === 'Bot' || isBot(a.login) } : null;
}

/**
 * A pull request's pushes timed by when GitHub received them (push-times.ts), never by commit
 * dates. When that cannot be read the item says so and is not decided (fail closed).
 */
async function withPushTimes(gh: RepoClient, r: RawItem, item: ItemSnapshot): Promise<ItemSnapshot> {
  if (!item.isPull || item.state !== 'open') return item;
  try {
    const log = await readPushes(gh, {
      owner: r.headRepository?.owner.login ?? null,
      repo: r.headRepository?.name ?? null,
      ref: r.headRefName ?? '',
    });
    return { ...item, pushes: pushesWithHead(item.pushes, log, item.headSha) };
  } catch (error) {
    return { ...item, pushesUnreadable: `when its pushes arrived: ${(error as Error).message}` };
  }
}

/**
 * The edit history of every edited comment by a person, so each command counts as its author
 * wrote it (shared/commands/authored-history.ts); one query per 100 edited comments.
 */
async function withEdits(gh: RepoClient, item: ItemSnapshot): Promise<ItemSnapshot> {
  const edited = item.comments.filter((c) => c.editedAt && c.nodeId && c.author && !c.author.isBot);
  if (!edited.length) return item;
  const edits = await readContentEdits(
    gh,
    edited.map((c) => c.nodeId!),
  );
  return {
    ...item,
    comments: item.comments.map((c) => ({ ...c, edits: (c.nodeId && edits.get(c.nodeId)) || [] })),
  };
}

/** Raw GraphQL item to the snapshot decide() reads. Exported for tests. */
export function toSnapshot(r: RawItem, nodes: RawTimelineNode[]): ItemSnapshot {
  const labelEvents: LabelEvent[] = [];
  const stateEvents: StateEvent[] = [];
  const pushes: Push[] = [];
  const comments: ItemComment[] = [];
  const deletions: CommentDeletion[] = [];
  const reviews: ItemReview[] = [];
  const dismissals = new Map<number, { at: string; previous: ReviewState | null }>();
  const own: { id: number; body: string; user: string; userType: string }[] = [];

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL union members, read by __typename
  for (const n of nodes as Record<string, any>[]) {
    switch (n.__typename) {
      case 'LabeledEvent':
      case 'UnlabeledEvent':
        labelEvents.push({
          label: n.label?.name ?? '',
          added: n.__typename === 'LabeledEvent',
          actor: actorOf(n.actor),
          at: n.createdAt,
        });
        break;
      case 'CommentDeletedEvent':
        deletions.push({ author: actorOf(n.deletedCommentAuthor), by: actorOf(n.actor), at: n.createdAt });
        break;
      case 'ClosedEvent':
        stateEvents.push({ kind: 'closed', at: n.createdAt });
        break;
      case 'ReopenedEvent':
        stateEvents.push({ kind: 'reopened', at: n.createdAt });
        break;
      case 'IssueComment': {
        const author = actorOf(n.author);
        comments.push({
          id: n.databaseId,
          author,
          body: n.body ?? '',
          createdAt: n.createdAt,
          editedAt: n.lastEditedAt ?? null,
          url: n.url,
          nodeId: n.id,
          edits: [],
        });
        if (author?.isBot)
          own.push({ id: n.databaseId, body: n.body ?? '', user: author.login, userType: 'Bot' });
        break;
      }
      case 'HeadRefForcePushedEvent':
        if (n.afterCommit) pushes.push({ sha: n.afterCommit.oid, at: n.createdAt });
        break;
      case 'PullRequestReview':
        reviews.push({
          id: n.databaseId,
          author: actorOf(n.author),
          state: n.state,
          body: n.body ?? '',
          at: n.submittedAt ?? n.createdAt,
          url: n.url,
          dismissedAt: null,
          stateBeforeDismissal: null,
        });
        break;
      case 'ReviewDismissedEvent':
        if (n.review?.databaseId)
          dismissals.set(n.review.databaseId, { at: n.createdAt, previous: n.previousReviewState ?? null });
        break;
    }
  }
  for (const r of reviews) {
    const d = dismissals.get(r.id);
    if (d) {
      r.dismissedAt = d.at;
      r.stateBeforeDismissal = d.previous;
    }
  }
  const known = (m: string): KnownComment | null => {
    const c = findMarked(own, m);
    return c ? { id: c.id, body: c.body } : null;
  };
  const isPull = r.__typename === 'PullRequest';
  return {
    number: r.number,
    isPull,
    title: r.title,
    url: r.url,
    state: (r.issueState ?? r.pullState) === 'OPEN' ? 'open' : 'closed',
    merged: !!r.merged,
    labels: r.labels.nodes.map((l) => l.name),
    headSha: isPull ? (r.headRefOid ?? null) : null,
    labelEvents,
    stateEvents,
    pushes,
    comments,
    deletions,
    reviews,
    statusComment: known(statusMarker(r.number)),
    outcomeComment: known(outcomeMarker(r.number)),
  };
}
