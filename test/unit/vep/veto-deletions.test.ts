import { describe, expect, test } from '@jest/globals';
import { deletedVetoes, deletionsOf } from '../../../shared/vep/veto-deletions.js';

const person = (login: string) => ({ login, isBot: false });
const sigsOf = (login: string) => (login.toLowerCase() === 'sam' ? ['sig-storage'] : []);

describe('deleted comments and vetoes', () => {
  test('a signer comment deleted by someone else may have been a veto; by its author it is withdrawn', () => {
    const r = deletedVetoes(
      [
        { author: person('Sam'), by: person('alice'), at: '2026-04-02T11:00:00Z' },
        { author: person('sam'), by: person('SAM'), at: '2026-04-02T12:00:00Z' },
        { author: person('mallory'), by: person('alice'), at: '2026-04-02T12:00:00Z' },
      ],
      sigsOf,
      [],
    );
    expect(r.vetoes).toEqual([{ login: 'Sam', deletedBy: 'alice', at: '2026-04-02T11:00:00Z' }]);
    expect(r.blocking).toEqual([]);
  });

  test('fails closed when the author cannot be named, the deleter is unknown, or the signers cannot be read', () => {
    const r = deletedVetoes(
      [
        { author: null, by: person('alice'), at: '2026-04-02T11:00:00Z' },
        { author: person('sam'), by: null, at: '2026-04-02T11:00:00Z' },
        { author: person('mallory'), by: person('alice'), at: '2026-04-02T12:00:00Z' },
      ],
      sigsOf,
      ['sig-network'],
    );
    expect(r.vetoes).toEqual([{ login: 'sam', deletedBy: 'a deleted account', at: '2026-04-02T11:00:00Z' }]);
    expect(r.blocking).toHaveLength(2);
    expect(r.blocking[0]).toMatch(/cannot say whose it was/);
    expect(r.blocking[1]).toMatch(/mallory.*sig-network cannot be read/);
  });

  test('reads CommentDeletedEvent nodes only', () => {
    expect(
      deletionsOf([
        { __typename: 'ReviewDismissedEvent', createdAt: '2026-04-02T11:00:00Z' },
        {
          __typename: 'CommentDeletedEvent',
          createdAt: '2026-04-02T11:00:00Z',
          actor: { login: 'alice', __typename: 'User' },
          deletedCommentAuthor: null,
        },
      ]),
    ).toEqual([{ author: null, by: { login: 'alice', isBot: false }, at: '2026-04-02T11:00:00Z' }]);
  });
});
