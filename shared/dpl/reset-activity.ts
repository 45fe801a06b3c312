/**
 * Everything said on a pull request that can be a vote, read in full: every review, every comment
 * with its edit history (`userContentEdits`), and every deleted comment (`CommentDeletedEvent`).
 * The first page rides along in the query that finds the pull request; the rest is completed by
 * cursor, so no vote is ever hidden behind other comments (docs/reliability.md "Decision integrity").
 *
 * Cost of a 1,000-comment reset (docs/benchmarks.md): the first query plus 10 pages of 100
 * comments (each with its first 100 edits), plus one request per 100 further edits of a comment.
 */
import type { ContentEdit } from '../commands/authored-history.js';
import type { RepoClient } from '../github/repo.js';

/** Comments and edits a page in the single-pull query (100 x 100 nodes: far below GitHub's 500,000). */
export const FULL_PAGE = { comments: 100, edits: 100 } as const;
/** In the query listing up to 100 resets, smaller nested pages keep the node count bounded. */
export const LIST_PAGE = { comments: 20, edits: 10 } as const;

interface RawActor {
  login: string;
  __typename: string;
}
interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
interface RawEdits {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: { editedAt: string; editor: RawActor | null; diff: string | null }[];
}
export interface RawComment {
  id: string;
  databaseId: number;
  author: RawActor | null;
  body: string;
  createdAt: string;
  lastEditedAt: string | null;
  userContentEdits: RawEdits | null;
}
export interface RawReview {
  id: string;
  author: RawActor | null;
  state: string;
  submittedAt: string | null;
}
/** A `CommentDeletedEvent` or a `ReviewDismissedEvent` (one timeline connection holds both). */
interface RawDeletion {
  __typename: string;
  createdAt?: string;
  actor?: RawActor | null;
  deletedCommentAuthor?: RawActor | null;
  previousReviewState?: string;
  review?: { id: string } | null;
}
export interface RawActivity {
  id: string;
  reviews: { pageInfo: PageInfo; nodes: RawReview[] };
  comments: { totalCount: number; pageInfo: PageInfo; nodes: RawComment[] };
  deletions: { pageInfo: PageInfo; nodes: RawDeletion[] };
}

const ACTOR = '{ login __typename }';
const EDITS = (n: number, after = '') =>
  `userContentEdits(first: ${n}${after}) { totalCount pageInfo { hasNextPage endCursor } nodes { editedAt editor ${ACTOR} diff } }`;
const COMMENTS = (p: { comments: number; edits: number }, after = '') =>
  `comments(first: ${p.comments}${after}) { totalCount pageInfo { hasNextPage endCursor } nodes { id databaseId author ${ACTOR} body createdAt lastEditedAt ${EDITS(p.edits)} } }`;
const REVIEWS = (after = '') =>
  `reviews(first: 100${after}) { pageInfo { hasNextPage endCursor } nodes { id author ${ACTOR} state submittedAt } }`;
// Deleted comments and dismissed reviews: who did it, when (only a voter takes their vote back).
const DELETIONS = (after = '') =>
  `deletions: timelineItems(first: 100${after}, itemTypes: [COMMENT_DELETED_EVENT, REVIEW_DISMISSED_EVENT]) { pageInfo { hasNextPage endCursor } nodes { __typename ... on CommentDeletedEvent { createdAt actor ${ACTOR} deletedCommentAuthor ${ACTOR} } ... on ReviewDismissedEvent { createdAt actor ${ACTOR} previousReviewState review { id } } } }`;

/** The fields to select on a PullRequest for its first page of activity. */
export function activityFields(page: { comments: number; edits: number }): string {
  return `id ${REVIEWS()} ${COMMENTS(page)} ${DELETIONS()}`;
}

const MORE = (field: string) => `query($id: ID!, $cursor: String) {
  node(id: $id) { ... on PullRequest { ${field} } } }`;
const MORE_EDITS = `query($id: ID!, $cursor: String) {
  node(id: $id) { ... on IssueComment { ${EDITS(100, ', after: $cursor')} } } }`;

/** Reads the pages the first query left, in place: afterwards every connection is complete. */
export async function completeActivity(gh: RepoClient, pull: RawActivity): Promise<void> {
  type Node<K extends string, T> = { node: Record<K, { nodes: T[]; pageInfo: PageInfo }> | null };
  const rest = async <K extends 'reviews' | 'comments' | 'deletions', T>(
    key: K,
    field: string,
    from: PageInfo,
  ): Promise<T[]> => {
    if (!from.hasNextPage) return [];
    return gh.graphqlPaginate<Node<K, T>, T>(MORE(field), { id: pull.id, cursor: from.endCursor }, (page) => {
      if (!page.node) throw new Error(`pull request ${pull.id} vanished while its ${key} were read`);
      return page.node[key];
    });
  };
  pull.reviews.nodes.push(
    ...(await rest<'reviews', RawReview>('reviews', REVIEWS(', after: $cursor'), pull.reviews.pageInfo)),
  );
  pull.comments.nodes.push(
    ...(await rest<'comments', RawComment>(
      'comments',
      COMMENTS(FULL_PAGE, ', after: $cursor'),
      pull.comments.pageInfo,
    )),
  );
  pull.deletions.nodes.push(
    ...(await rest<'deletions', RawDeletion>(
      'deletions',
      DELETIONS(', after: $cursor'),
      pull.deletions.pageInfo,
    )),
  );
  for (const c of pull.comments.nodes) {
    const edits = c.userContentEdits;
    if (!edits?.pageInfo.hasNextPage) continue;
    edits.nodes.push(
      ...(await gh.graphqlPaginate<
        { node: { userContentEdits: RawEdits } | null },
        RawEdits['nodes'][number]
      >(MORE_EDITS, { id: c.id, cursor: edits.pageInfo.endCursor }, (page) => {
        if (!page.node) throw new Error(`comment ${c.databaseId} vanished while its edits were read`);
        return page.node.userContentEdits;
      })),
    );
  }
}

export function editsOf(c: RawComment): ContentEdit[] {
  return (c.userContentEdits?.nodes ?? []).map((e) => ({
    editor: e.editor?.login ?? null,
    editedAt: e.editedAt,
    body: e.diff,
  }));
}

export interface CommentDeletion {
  /** whose comment it was */
  author: string;
  /** who deleted it */
  by: string;
  at: string;
}

export function deletionsOf(pull: Pick<RawActivity, 'deletions'>): CommentDeletion[] {
  return pull.deletions.nodes
    .filter((d) => d.__typename === 'CommentDeletedEvent' && d.createdAt)
    .map((d) => ({
      author: d.deletedCommentAuthor?.login ?? 'ghost',
      by: d.actor?.login ?? 'ghost',
      at: d.createdAt!,
    }));
}

export interface ReviewDismissal {
  /** the dismissed review's node id (null: GitHub no longer links it) */
  reviewId: string | null;
  /** who dismissed it (null: the actor cannot be read, e.g. a deleted account) */
  by: string | null;
  at: string;
  /** APPROVED or CHANGES_REQUESTED: what the review said before it was dismissed */
  previousState: string;
}

export function dismissalsOf(pull: Pick<RawActivity, 'deletions'>): ReviewDismissal[] {
  return pull.deletions.nodes
    .filter((d) => d.__typename === 'ReviewDismissedEvent' && d.createdAt)
    .map((d) => ({
      reviewId: d.review?.id ?? null,
      by: d.actor?.login ?? null,
      at: d.createdAt!,
      previousState: d.previousReviewState ?? '',
    }));
}
