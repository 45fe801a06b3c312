/**
 * The keep-vote on a reset change ("DPL model & liaison duration"): "All current liaisons are
 * recording their -1 vote against the change to reset the leadership model" keeps DPL.
 *
 * A vote is a CHANGES_REQUESTED review or a comment whose first line is a keep command (-1), or an
 * APPROVED review or a comment whose first line is a reset command (takes a -1 back). Each
 * liaison's latest vote up to the cut-off counts (the deadline, or now before it): a -1 recorded
 * after nominations opened is too late. Votes of anyone else are listed, not counted.
 */
import { firstLine, parseCommands, removeInvisibleCharacters } from '../commands/commands.js';
import { isBot } from '../github/permissions.js';
import { sameLogin, type TeamMember } from './people.js';

/** Comments that take a -1 back (the counterpart of `dpl.keep-commands`). */
export const RESET_COMMANDS = ['+1', '/reset-dpl'] as const;

export type VoteKind = 'keep' | 'reset';

export interface Vote {
  login: string;
  kind: VoteKind;
  /** ISO time the vote was recorded (a comment's last edit counts as when it was cast) */
  at: string;
  via: 'review' | 'comment';
}

export interface PullActivity {
  reviews: { author: string; authorIsBot: boolean; state: string; submittedAt: string | null }[];
  comments: {
    author: string;
    authorIsBot: boolean;
    body: string;
    createdAt: string;
    lastEditedAt: string | null;
  }[];
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
  for (const review of activity.reviews) {
    if (review.authorIsBot || !review.submittedAt) continue;
    const kind =
      review.state === 'CHANGES_REQUESTED' ? 'keep' : review.state === 'APPROVED' ? 'reset' : undefined;
    if (kind) votes.push({ login: review.author, kind, at: review.submittedAt, via: 'review' });
  }
  for (const comment of activity.comments) {
    if (comment.authorIsBot || isBot(comment.author)) continue;
    const kind = commentVote(comment.body, keepCommands);
    if (kind)
      votes.push({
        login: comment.author,
        kind,
        at: comment.lastEditedAt ?? comment.createdAt,
        via: 'comment',
      });
  }
  return votes.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export interface LiaisonVote {
  liaison: TeamMember;
  /** their latest vote up to the cut-off */
  vote?: Vote;
}

export interface KeepTally {
  liaisons: LiaisonVote[];
  /** liaisons whose latest vote is -1 */
  keeping: LiaisonVote[];
  /** true when every keep-vote liaison (at least one) stands at -1 */
  unanimousKeep: boolean;
  /** votes of people who are not keep-vote liaisons: latest per person */
  ignored: Vote[];
  /** liaison votes cast after the cut-off */
  late: Vote[];
}

export function tallyKeepVotes(
  liaisons: readonly TeamMember[],
  votes: readonly Vote[],
  cutoff: Date,
): KeepTally {
  const inTime = votes.filter((v) => Date.parse(v.at) <= cutoff.getTime());
  const latestOf = (login: string | undefined) =>
    [...inTime].reverse().find((v) => sameLogin(v.login, login));
  const counted = liaisons.map((liaison) => ({
    liaison,
    vote: liaison.login ? latestOf(liaison.login) : undefined,
  }));
  const keeping = counted.filter((c) => c.vote?.kind === 'keep');
  const isLiaison = (login: string) => liaisons.some((l) => sameLogin(l.login, login));

  const ignoredByLogin = new Map<string, Vote>();
  for (const vote of votes) if (!isLiaison(vote.login)) ignoredByLogin.set(vote.login.toLowerCase(), vote);
  const late = votes.filter((v) => isLiaison(v.login) && Date.parse(v.at) > cutoff.getTime());

  return {
    liaisons: counted,
    keeping,
    unanimousKeep: counted.length > 0 && keeping.length === counted.length,
    ignored: [...ignoredByLogin.values()],
    late,
  };
}
