/**
 * What the sign-off and veto rule reads (docs/vep-sig-label.md "Sign-off and veto"), in one query
 * plus only what the thread needs:
 *
 * - the pull request's whole comment thread and reviews (with the commit each approved) and the
 *   review dismissals, oldest first, paginated to the end; a page that cannot be read throws;
 * - the signers: every SIG's OWNERS (aliases expanded) from the default branch in the same query,
 *   or `sigs.yaml` from `sign-off.sigs-yaml` (another repository's default branch when `repo` is
 *   set); a file that cannot be read makes those signers unreadable (fail closed in decide);
 * - the edit histories of edited comments (one query per 100), so a command counts from when its
 *   author wrote it (shared/commands/authored-history.ts);
 * - when the current head arrived (the repository activity log, shared/lazy-consensus/push-times.ts),
 *   only when a sign-off command was written.
 */
import type { VepConfig } from '../config/types.js';
import { GovernanceError } from '../errors/governance-error.js';
import { readAuthoredCommands } from '../github/content-edits.js';
import type { RepoClient, RepoRef } from '../github/repo.js';
import { pushesWithHead, readPushes } from '../lazy-consensus/push-times.js';
import { sigOwnersFrom } from './gather.js';
import { deletionsOf } from './veto-deletions.js';
import { compileLayout, sigFilePath } from './layout.js';
import {
  APPROVE_COMMAND,
  isSignOffActive,
  type SignerList,
  type SignOffCommand,
  type SignOffFacts,
  type SignOffReview,
} from './sign-off.js';
import { signersFromSigsYaml } from './sigs-yaml.js';
import type { PullSnapshot } from './snapshot.js';

const PAGE = 100;
const ACTOR = '{ login __typename }';
const COMMENTS = (after = '') =>
  `comments(first: ${PAGE}${after}) { pageInfo { hasNextPage endCursor } nodes { id body createdAt lastEditedAt author ${ACTOR} } }`;
const REVIEWS = (after = '') =>
  `reviews(first: ${PAGE}${after}) { pageInfo { hasNextPage endCursor } nodes { databaseId state submittedAt createdAt commit { oid } author ${ACTOR} } }`;
// review dismissals and deleted comments (a deleted veto: shared/vep/veto-deletions.ts), one connection
const DISMISSALS = (after = '') =>
  `timelineItems(first: ${PAGE}${after}, itemTypes: [REVIEW_DISMISSED_EVENT, COMMENT_DELETED_EVENT]) { pageInfo { hasNextPage endCursor } nodes { __typename ... on ReviewDismissedEvent { createdAt actor ${ACTOR} previousReviewState review { databaseId } } ... on CommentDeletedEvent { createdAt actor ${ACTOR} deletedCommentAuthor ${ACTOR} } } }`;
const MORE = (field: string) =>
  `query($id: ID!, $cursor: String) { node(id: $id) { ... on PullRequest { ${field} } } }`;

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
interface Actor {
  login: string;
  __typename: string;
}
interface Conn<T> {
  pageInfo: PageInfo;
  nodes: T[];
}
interface RawComment {
  id: string;
  body: string;
  createdAt: string;
  lastEditedAt: string | null;
  author: Actor | null;
}
interface RawReview {
  databaseId: number;
  state: string;
  submittedAt: string | null;
  createdAt: string;
  commit: { oid: string } | null;
  author: Actor | null;
}
interface RawDismissal {
  __typename: string;
  createdAt?: string;
  actor?: Actor | null;
  previousReviewState?: string | null;
  review?: { databaseId: number } | null;
  deletedCommentAuthor?: Actor | null;
}
interface RawPull {
  id: string;
  headRefName: string;
  headRepository: { name: string; owner: { login: string } } | null;
  comments: Conn<RawComment>;
  reviews: Conn<RawReview>;
  timelineItems: Conn<RawDismissal>;
}

const GHOST = 'ghost';

export async function gatherSignOff(
  gh: RepoClient,
  pull: PullSnapshot,
  config: VepConfig,
  defaultBranch: string,
): Promise<SignOffFacts | undefined> {
  const so = config['sign-off'];
  if (!isSignOffActive(so, config['owner-approval'])) return undefined;
  // nothing to sign: the pull request changes no proposal
  if (Object.keys(pull.documents).length === 0) return undefined;
  const layout = compileLayout(config.layout, config.ignore);
  const ownersMode = so.signers === 'owners';
  const ownersPaths = ownersMode
    ? [...config.sigs.map((s) => sigFilePath(layout, s, 'OWNERS')), 'OWNERS_ALIASES']
    : [];
  const blobs = ownersPaths.map(
    (p, i) =>
      `o${i}: object(expression: ${JSON.stringify(`${defaultBranch}:${p}`)}) { ... on Blob { text } }`,
  );
  const data = await gh.graphql<{
    repository: { pullRequest: RawPull | null } & Record<string, { text?: string } | null>;
  }>(
    `query($owner: String!, $repo: String!, $number: Int!) { repository(owner: $owner, name: $repo) {
      pullRequest(number: $number) { id headRefName headRepository { name owner { login } } ${COMMENTS()} ${REVIEWS()} ${DISMISSALS()} }
      ${blobs.join('\n')} } }`,
    { number: pull.number },
  );
  const pr = data.repository.pullRequest;
  if (!pr) throw new GovernanceError(`pull request #${pull.number} could not be read (its sign-offs)`);
  const rest = async <T>(key: 'comments' | 'reviews' | 'timelineItems', field: string, from: PageInfo) =>
    from.hasNextPage
      ? gh.graphqlPaginate<{ node: Record<string, Conn<T>> | null }, T>(
          MORE(field),
          { id: pr.id, cursor: from.endCursor },
          (page) => {
            const conn = page.node?.[key];
            if (!conn)
              throw new GovernanceError(`pull request #${pull.number} could not be read completely (${key})`);
            return conn;
          },
        )
      : [];
  const comments = [
    ...pr.comments.nodes,
    ...(await rest<RawComment>('comments', COMMENTS(', after: $cursor'), pr.comments.pageInfo)),
  ];
  const reviews = [
    ...pr.reviews.nodes,
    ...(await rest<RawReview>('reviews', REVIEWS(', after: $cursor'), pr.reviews.pageInfo)),
  ];
  const dismissals = [
    ...pr.timelineItems.nodes,
    ...(await rest<RawDismissal>('timelineItems', DISMISSALS(', after: $cursor'), pr.timelineItems.pageInfo)),
  ];

  const commands = await authoredCommands(gh, comments, [
    ...so.commands,
    ...so['veto-commands'],
    APPROVE_COMMAND,
  ]);

  // When the current head arrived: only a sign-off by comment needs it.
  let headPushedAt: string | null = null;
  let headPushUnreadable: string | undefined;
  const lower = (s: string) => s.toLowerCase();
  const signOffNames = [...so.commands, APPROVE_COMMAND].map(lower);
  if (commands.some((c) => signOffNames.includes(lower(c.name)))) {
    try {
      const log = await readPushes(gh, {
        owner: pr.headRepository?.owner.login ?? null,
        repo: pr.headRepository?.name ?? null,
        ref: pr.headRefName,
      });
      const pushes = pushesWithHead([], log, pull.headSha).filter((p) => p.sha === pull.headSha);
      headPushedAt = pushes.at(-1)!.at;
    } catch (e) {
      headPushUnreadable = `when the head commit arrived cannot be read (${(e as Error).message})`;
    }
  }

  const files: Record<string, string | null> = {};
  ownersPaths.forEach((p, i) => (files[p] = data.repository[`o${i}`]?.text ?? null));
  const signers = ownersMode
    ? signersFromOwners(layout, config.sigs, files)
    : await signersFromYaml(gh, config, defaultBranch);

  return {
    headSha: pull.headSha,
    headPushedAt,
    ...(headPushUnreadable ? { headPushUnreadable } : {}),
    commands,
    reviews: reviewsOf(reviews, dismissals),
    deletions: deletionsOf(dismissals),
    signers,
  };
}

function signersFromOwners(
  layout: ReturnType<typeof compileLayout>,
  sigs: string[],
  files: Record<string, string | null>,
): Record<string, SignerList> {
  const owners = sigOwnersFrom(layout, sigs, files);
  const out: Record<string, SignerList> = {};
  for (const sig of sigs) {
    const o = owners[sig];
    out[sig] = {
      source: o.file,
      logins: o.approvers,
      ...(o.error ? { error: o.error } : o.found ? {} : { error: 'not found on the default branch' }),
    };
  }
  return out;
}

async function signersFromYaml(
  gh: RepoClient,
  config: VepConfig,
  defaultBranch: string,
): Promise<Record<string, SignerList>> {
  const { repo, path } = config['sign-off']['sigs-yaml'];
  const [owner, name] = repo.split('/');
  const other: RepoRef | null = repo ? { owner, repo: name } : null;
  const source = other ? `${repo}:${path}` : path;
  const all = (error: string) =>
    Object.fromEntries(config.sigs.map((s) => [s, { source, logins: [], error }])) as Record<
      string,
      SignerList
    >;
  let text: string | null;
  try {
    // another repository: its default branch (no ref); this one: the default branch
    text = other ? await gh.readFile(path, undefined, other) : await gh.readFile(path, defaultBranch);
  } catch (e) {
    return all(`cannot be read: ${(e as Error).message}`);
  }
  if (text === null)
    return all(other ? `not found in ${repo} (or not readable with this token)` : 'not found');
  try {
    const bySig = signersFromSigsYaml(text, source, config.sigs);
    return Object.fromEntries(
      config.sigs.map((s) => [
        s,
        bySig[s] === null
          ? { source, logins: [], error: `no entry with dir ${s}` }
          : { source, logins: bySig[s]! },
      ]),
    );
  } catch (e) {
    return all(e instanceof GovernanceError ? e.describe() : String(e));
  }
}

/** Each command as its author wrote it, from when they wrote it (bots kept: decide ignores them). */
async function authoredCommands(
  gh: RepoClient,
  raw: RawComment[],
  names: string[],
): Promise<SignOffCommand[]> {
  const timed = await readAuthoredCommands(
    gh,
    raw,
    names,
    (cmd) => `${cmd.name.toLowerCase()} ${cmd.args.toLowerCase()}`,
  );
  return timed.map((t) => ({
    author: t.author,
    authorType: t.authorType,
    name: t.command.name,
    args: t.command.args,
    at: t.since,
    removedAt: t.removedAt,
  }));
}

function reviewsOf(raw: RawReview[], dismissals: RawDismissal[]): SignOffReview[] {
  const byReview = new Map<number, RawDismissal>();
  for (const d of dismissals) if (d.review?.databaseId) byReview.set(d.review.databaseId, d);
  return raw
    .filter((r) => r.state !== 'PENDING')
    .map((r) => {
      const d = byReview.get(r.databaseId);
      return {
        author: r.author?.login ?? GHOST,
        authorType: r.author?.__typename,
        state: r.state,
        commit: r.commit?.oid ?? null,
        at: r.submittedAt ?? r.createdAt,
        ...(d
          ? {
              dismissal: {
                previous: d.previousReviewState ?? null,
                by: d.actor?.login ?? GHOST,
                at: d.createdAt ?? r.createdAt,
              },
            }
          : {}),
      };
    });
}
