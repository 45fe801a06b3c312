import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { Permission } from '../../../shared/config/types.js';
import type { PermissionLookup } from '../../../shared/github/permissions.js';
import { mayConcernProcess } from '../../../shared/lazy-consensus/action.js';
import { resolveAuthority } from '../../../shared/lazy-consensus/authority.js';
import type { ItemSnapshot } from '../../../shared/lazy-consensus/snapshot.js';

const lc = DEFAULT_CONFIG['lazy-consensus'];

describe('an item event costs no request unless it can touch a process', () => {
  it.each([
    [{ action: 'created', issue: { number: 1, labels: [] }, comment: { body: 'looks good' } }, false],
    [{ action: 'created', issue: { number: 1, labels: [] }, comment: { body: '/object' } }, false],
    [{ action: 'created', issue: { number: 1, labels: [] }, comment: { body: '/lazy-consensus low' } }, true],
    [{ action: 'created', issue: { number: 1, labels: [] }, comment: { body: '> /lazy-consensus' } }, false],
    [
      {
        action: 'created',
        issue: { number: 1, labels: [{ name: 'Lazy-Consensus' }] },
        comment: { body: '/object' },
      },
      true,
    ],
    [
      { action: 'unlabeled', pull_request: { number: 2, labels: [] }, label: { name: 'lazy-consensus' } },
      true,
    ],
    [{ action: 'synchronize', pull_request: { number: 2, labels: [{ name: 'docs' }] } }, false],
  ])('%j -> %s', (payload, expected) => {
    expect(mayConcernProcess(payload, lc)).toBe(expected);
  });
});

describe('permissions are looked up only for people whose label or command matters', () => {
  const asked: string[] = [];
  const table: Record<string, Permission> = { alice: 'admin', carol: 'read' };
  const lookup: PermissionLookup = {
    async permissionOf(login) {
      asked.push(login);
      return table[login] ?? 'none';
    },
    async isTeamMember(team, login) {
      asked.push(`${team}:${login}`);
      return team === 'steering' && login === 'dave';
    },
  };
  const item: ItemSnapshot = {
    number: 1,
    isPull: false,
    title: '',
    url: '',
    state: 'open',
    merged: false,
    labels: [],
    headSha: null,
    labelEvents: [
      {
        label: 'lazy-consensus',
        added: true,
        actor: { login: 'alice', isBot: false },
        at: '2026-03-02T10:00:00Z',
      },
      { label: 'docs', added: true, actor: { login: 'erin', isBot: false }, at: '2026-03-02T10:00:00Z' },
    ],
    stateEvents: [],
    pushes: [],
    reviews: [],
    comments: [
      {
        id: 1,
        author: { login: 'bob', isBot: false },
        body: 'just chatting',
        createdAt: '2026-03-02T11:00:00Z',
        editedAt: null,
        url: '',
      },
      {
        id: 2,
        author: { login: 'carol', isBot: false },
        body: '/lazy-consensus',
        createdAt: '2026-03-02T11:00:00Z',
        editedAt: null,
        url: '',
      },
      {
        id: 3,
        author: { login: 'dave', isBot: false },
        body: '/object',
        createdAt: '2026-03-02T11:00:00Z',
        editedAt: null,
        url: '',
      },
    ],
    statusComment: null,
    outcomeComment: null,
  };

  it('with who-can-object anyone, objectors need no look-up', async () => {
    asked.length = 0;
    const authority = await resolveAuthority([item], lc, lookup);
    expect(asked.sort()).toEqual(['alice', 'carol']);
    expect([authority.mayStart('alice'), authority.mayStart('carol'), authority.mayObject('dave')]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('with a team rule, only objectors are checked against the team', async () => {
    asked.length = 0;
    const authority = await resolveAuthority(
      [item],
      { ...lc, 'who-can-object': { teams: ['steering'] } },
      lookup,
    );
    expect(asked).toContain('steering:dave');
    expect(asked).not.toContain('steering:bob');
    expect(authority.mayObject('dave')).toBe(true);
    expect(authority.mayObject('bob')).toBe(false);
  });
});
