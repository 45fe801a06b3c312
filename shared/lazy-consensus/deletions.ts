/**
 * Deleted comments GitHub keeps no copy of. One deleted by its author before the deadline is
 * withdrawn (it simply no longer counts). One that could have been an objection and was deleted
 * by someone else, or by its author after the deadline, cannot be read: the item is held as if
 * objected, with a reason saying why, since what cannot be read never counts as absent
 * (docs/reliability.md "Decision integrity"). An outcome already announced stands.
 */
import type { Objection } from './history.js';
import type { ConsensusState } from './replay.js';
import type { Authority, ItemSnapshot } from './snapshot.js';

const ms = (iso: string) => Date.parse(iso);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function holdForDeletions(
  item: ItemSnapshot,
  state: ConsensusState,
  authority: Authority,
): ConsensusState {
  const live = state.phase === 'pending' || state.phase === 'objected';
  const unannounced = state.phase === 'accepted' && !item.outcomeComment;
  if ((!live && !unannounced) || !state.noticeStart) return state;
  const held: Objection[] = [];
  for (const d of item.deletions ?? []) {
    const author = d.author;
    if (!author || author.isBot || !authority.mayObject(author.login)) continue;
    if (ms(d.at) < ms(state.noticeStart)) continue; // before this notice period: cannot matter
    const byOther = !d.by || !same(d.by.login, author.login);
    const afterDeadline =
      state.phase === 'accepted' && !!state.acceptedAt && ms(d.at) >= ms(state.acceptedAt);
    if (!byOther && !afterDeadline) continue;
    held.push({
      key: `deleted:${author.login}:${d.at}`,
      by: author.login,
      at: d.at,
      url: item.url,
      reason:
        `a comment by ${author.login} was deleted by ${d.by?.login ?? 'a deleted account'} at ${d.at.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')}` +
        `${byOther ? '' : ', after the deadline'}; GitHub keeps no copy and it may have been an objection. ` +
        'A maintainer settles it, then restarts the process (remove and add the trigger label)',
      via: 'comment',
    });
  }
  if (!held.length) return state;
  return {
    ...state,
    phase: 'objected',
    acceptedAt: null,
    openObjections: [...(live ? state.openObjections : []), ...held],
  };
}
