/**
 * The keep-vote on a reset change ("DPL model & liaison duration"): "All current liaisons are
 * recording their -1 vote against the change to reset the leadership model" keeps DPL.
 *
 * A vote is a CHANGES_REQUESTED review or a comment whose first line is a keep command (-1), or an
 * APPROVED review or a comment whose first line is a reset command (takes a -1 back). Each
 * liaison's latest vote up to the cut-off counts (the deadline, or now before it): a -1 recorded
 * after nominations opened is too late. Votes of anyone else are listed, not counted.
 *
 * A comment votes what its author wrote, when they wrote it (authored-history.ts): its vote counts
 * from the version that first said it; an edit by the author changes the vote from the edit (so an
 * edit after the deadline is too late, like any late vote); an edit by anyone else changes nothing.
 * Likewise a review dismissed by someone else still votes what it said; only its author dismissing
 * it takes the vote back (docs/dpl-reset.md "Votes").
 */
import { authoredHistory, othersEditsNote, type ContentEdit } from '../commands/authored-history.js';
import { firstLine, parseCommands, removeInvisibleCharacters } from '../commands/commands.js';
import { isBot } from '../github/permissions.js';
import { sameLogin, type TeamMember } from './people.js';

/** Comments that take a -1 back (the counterpart of `dpl.keep-commands`). */
export const RESET_COMMANDS = ['+1', '/reset-dpl'] as const;

export type VoteKind = 'keep' | 'reset';

export interface Vote {
  login: string;
  /** `withdrawn`: the author edited the comment's vote away */
  kind: VoteKind | 'withdrawn';
  /** ISO time the author first wrote this vote */
  at: string;
  via: 'review' | 'comment';
  /** the review or comment holding it: a later version of the same comment replaces it */
  source?: string;
}

export interface CountedVote extends Vote {
  kind: VoteKind;
}

/** Who dismissed a review, when, and what it said before (GitHub's `ReviewDismissedEvent`). */
export interface Dismissal {
  /** null: the actor cannot be read (a deleted account) */
  by: string | null;
  at: string;
  previousState: string;
}

export interface PullActivity {
  reviews: {
    id?: string;
    author: string;
    authorIsBot: boolean;
    state: string;
    submittedAt: string | null;
    /** a DISMISSED review's dismissal; null when the timeline does not show it */
    dismissal?: Dismissal | null;
  }[];
  comments: {
    id?: number;
    author: string;
    authorIsBot: boolean;
    body: string;
    createdAt: string;
    lastEditedAt: string | null;
    /** GitHub's `userContentEdits`; absent or empty for a comment never edited */
    edits?: ContentEdit[];
  }[];
  /** comments deleted from the pull request (`CommentDeletedEvent`): whose, by whom, when */
  deletions?: { author: string; by: string; at: string }[];
}

/** The command a comment's first line is, if any: the whole line, or the command then a space. */
export function commentVote(body: string, keepCommands: readonly string[]): VoteKind | undefined {
  // The first line must be the command as the comment renders it: an indented (code) or quoted
  // "-1", or one inside a fence or an HTML comment, is not the author's vote.
  const [command] = parseCommands(body, [...keepCommands, ...RESET_COMMANDS]);
  if (!command || command.line !== firstContentLine(body)) return undefined;
  const line = firstLine(body).toLowerCase();
  const isCommand = (command: string) => {
    const c = command.toLowerCase();
    return line === c || line.startsWith(`${c} `) || line.startsWith(`${c}\t`);
  };
  if (keepCommands.some(isCommand)) return 'keep';
  if (RESET_COMMANDS.some(isCommand)) return 'reset';
  return undefined;
}

/** 1-based number of the first non-blank line, counted as parseCommands counts lines. */
function firstContentLine(body: string): number {
  return (
    removeInvisibleCharacters(body)
      .split(/\r\n|\r|\n/)
      .findIndex((l) => l.trim() !== '') + 1
  );
}

/** Every vote on the pull request by a person (bots never vote), oldest first. */
export function votesOn(activity: PullActivity, keepCommands: readonly string[]): Vote[] {
  const votes: Vote[] = [];
  activity.reviews.forEach((review, index) => {
    if (review.authorIsBot || !review.submittedAt) return;
    const source = `review:${review.id ?? `#${index}`}`;
    // A dismissed review still says what it said (GitHub's previousReviewState)
    const said = review.state === 'DISMISSED' ? review.dismissal?.previousState : review.state;
    const kind = said === 'CHANGES_REQUESTED' ? 'keep' : said === 'APPROVED' ? 'reset' : undefined;
    if (!kind) return;
    votes.push({ login: review.author, kind, at: review.submittedAt, via: 'review', source });
    // only its author dismissing it takes the vote back, from the dismissal
    const d = review.state === 'DISMISSED' ? review.dismissal : undefined;
    if (d?.by && sameLogin(d.by, review.author))
      votes.push({ login: review.author, kind: 'withdrawn', at: d.at, via: 'review', source });
  });
  activity.comments.forEach((comment, index) => {
    if (comment.authorIsBot || isBot(comment.author)) return;
    const source = `comment:${comment.id ?? `#${index}`}`;
    let standing: VoteKind | undefined;
    for (const version of authoredHistory(commentText(comment)).versions) {
      const kind = commentVote(version.body, keepCommands);
      if (kind === standing) continue; // the same vote, still as first written
      if (kind || standing)
        votes.push({
          login: comment.author,
          kind: kind ?? 'withdrawn',
          at: version.at,
          via: 'comment',
          source,
        });
      standing = kind;
    }
  });
  return votes.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function commentText(comment: PullActivity['comments'][number]) {
  return {
    author: comment.author,
    createdAt: comment.createdAt,
    body: comment.body,
    edits: comment.edits ?? [],
  };
}

/** "`tc-chair` edited `rel-lead`'s comment" notes, for comments someone other than the author edited. */
export function othersEdits(activity: PullActivity, keepCommands: readonly string[]): string[] {
  const notes: string[] = [];
  for (const comment of activity.comments) {
    if (comment.authorIsBot || isBot(comment.author)) continue;
    const history = authoredHistory(commentText(comment));
    const touchesVote =
      commentVote(comment.body, keepCommands) ||
      history.versions.some((v) => commentVote(v.body, keepCommands));
    const note = touchesVote ? othersEditsNote(comment.author, history) : null;
    if (note) notes.push(note);
  }
  return notes;
}

export interface LiaisonVote {
  liaison: TeamMember;
  /** their latest vote up to the cut-off */
  vote?: CountedVote;
}

export interface KeepTally {
  liaisons: LiaisonVote[];
  /** liaisons whose latest vote is -1 */
  keeping: LiaisonVote[];
  /** true when every keep-vote liaison (at least one) stands at -1 */
  unanimousKeep: boolean;
  /** votes of people who are not keep-vote liaisons: latest per person */
  ignored: CountedVote[];
  /** liaison votes cast after the cut-off */
  late: CountedVote[];
}

export function tallyKeepVotes(
  liaisons: readonly TeamMember[],
  votes: readonly Vote[],
  cutoff: Date,
): KeepTally {
  const inTime = votes.filter((v) => Date.parse(v.at) <= cutoff.getTime());
  // What each review or comment says at the cut-off: its latest in-time version; one whose vote
  // its author edited away says nothing.
  const standing = new Map<string, Vote>();
  inTime.forEach((v, i) => standing.set(v.source ?? `vote:${i}`, v));
  const counted = (v: Vote): v is CountedVote => v.kind !== 'withdrawn';
  const standingVotes = [...standing.values()]
    .filter(counted)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const latestOf = (login: string | undefined) =>
    [...standingVotes].reverse().find((v) => sameLogin(v.login, login));
  const perLiaison = liaisons.map((liaison) => ({
    liaison,
    vote: liaison.login ? latestOf(liaison.login) : undefined,
  }));
  const keeping = perLiaison.filter((c) => c.vote?.kind === 'keep');
  const isLiaison = (login: string) => liaisons.some((l) => sameLogin(l.login, login));

  const ignoredByLogin = new Map<string, CountedVote>();
  for (const vote of votes.filter(counted))
    if (!isLiaison(vote.login)) ignoredByLogin.set(vote.login.toLowerCase(), vote);
  const late = votes.filter(counted).filter((v) => isLiaison(v.login) && Date.parse(v.at) > cutoff.getTime());

  return {
    liaisons: perLiaison,
    keeping,
    unanimousKeep: perLiaison.length > 0 && keeping.length === perLiaison.length,
    ignored: [...ignoredByLogin.values()],
    late,
  };
}

/** Reviews by these voters dismissed by someone else: they still count (notes for the status comment). */
export function othersDismissals(
  activity: PullActivity,
  isVoter: (login: string) => boolean,
): { author: string; by: string; at: string }[] {
  return activity.reviews.flatMap((r) =>
    r.state === 'DISMISSED' && r.dismissal?.by && isVoter(r.author) && !sameLogin(r.dismissal.by, r.author)
      ? [{ author: r.author, by: r.dismissal.by, at: r.dismissal.at }]
      : [],
  );
}

/**
 * Dismissed reviews of these voters whose dismissal cannot be read (no timeline event, or its
 * actor or former state unknown): whether the vote was taken back cannot be told (fail closed).
 */
export function unreadableDismissals(
  activity: PullActivity,
  isVoter: (login: string) => boolean,
): { author: string; at: string | null }[] {
  return activity.reviews.flatMap((r) =>
    r.state === 'DISMISSED' &&
    !r.authorIsBot &&
    isVoter(r.author) &&
    (!r.dismissal?.by || !['APPROVED', 'CHANGES_REQUESTED'].includes(r.dismissal.previousState))
      ? [{ author: r.author, at: r.dismissal?.at ?? null }]
      : [],
  );
}
