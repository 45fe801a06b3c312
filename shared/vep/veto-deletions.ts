/**
 * Deleted comments and vetoes (docs/vep-sig-label.md "Sign-off and veto"). GitHub keeps no copy of
 * a deleted comment, only who wrote it and who deleted it (`CommentDeletedEvent`). A veto stands
 * until the same signer lifts it, and edits by others change nothing, so (as lazy consensus treats
 * a deleted objection, shared/lazy-consensus/deletions.ts):
 * - a comment its author deleted is withdrawn by its author: it simply no longer counts;
 * - a comment of a signer who may veto, deleted by anybody else, may have been a veto: it stands
 *   as one from the deletion (the latest it can have been written) until that signer lifts it;
 * - a deleted comment whose author GitHub cannot name may have been anyone's veto: it fails the
 *   check, naming it (what cannot be read never counts as absent).
 */
import type { CommentDeletion } from '../lazy-consensus/snapshot.js';
import { isBot } from '../github/permissions.js';

interface RawActor {
  login: string;
  __typename: string;
}

/** `CommentDeletedEvent` timeline nodes (other node types are skipped). */
export function deletionsOf(
  nodes: readonly {
    __typename: string;
    createdAt?: string;
    actor?: RawActor | null;
    deletedCommentAuthor?: RawActor | null;
  }[],
): CommentDeletion[] {
  const actor = (a: RawActor | null | undefined) =>
    a ? { login: a.login, isBot: a.__typename === 'Bot' || isBot(a.login) } : null;
  return nodes
    .filter((n) => n.__typename === 'CommentDeletedEvent' && n.createdAt)
    .map((n) => ({ author: actor(n.deletedCommentAuthor), by: actor(n.actor), at: n.createdAt! }));
}

export interface DeletedVeto {
  /** the signer whose comment it was */
  login: string;
  deletedBy: string;
  at: string;
}

/**
 * The deletions that may have removed a veto. `sigsOf` names the SIGs a login may veto for;
 * `unreadable` the veto SIGs whose signers cannot be read.
 */
export function deletedVetoes(
  deletions: readonly CommentDeletion[],
  sigsOf: (login: string) => string[],
  unreadable: readonly string[],
): { vetoes: DeletedVeto[]; blocking: string[] } {
  const vetoes: DeletedVeto[] = [];
  const blocking: string[] = [];
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for (const d of deletions) {
    const deletedBy = d.by?.login ?? 'a deleted account';
    if (d.author?.isBot) continue;
    if (!d.author) {
      blocking.push(
        `a comment was deleted by ${deletedBy} at ${d.at} and GitHub cannot say whose it was: it may have been a veto, and nobody can lift it; a maintainer settles it (the required check must be overridden)`,
      );
      continue;
    }
    if (d.by && same(d.by.login, d.author.login)) continue; // withdrawn by its author
    if (sigsOf(d.author.login).length) vetoes.push({ login: d.author.login, deletedBy, at: d.at });
    else if (unreadable.length)
      blocking.push(
        `whether the comment by ${d.author.login} that ${deletedBy} deleted was a veto that counts is unknown: the signers of ${unreadable.join(', ')} cannot be read`,
      );
  }
  return { vetoes, blocking };
}
