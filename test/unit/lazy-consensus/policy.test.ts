import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import { parseConfigFile } from '../../../shared/config/parse.js';
import { checkLazyConsensusPolicies } from '../../../shared/config/lazy-consensus-meaning.js';
import type {
  GovernanceConfig,
  LazyConsensusConfig,
  LazyConsensusPolicy,
} from '../../../shared/config/types.js';
import { StaticPermissions } from '../../../shared/github/permissions.js';
import { resolveAuthority } from '../../../shared/lazy-consensus/authority.js';
import { decideItem } from '../../../shared/lazy-consensus/decide.js';
import {
  describeObjectors,
  describePolicy,
  labelsAt,
  policyAt,
  underPolicy,
} from '../../../shared/lazy-consensus/policy.js';
import type { Authority, ItemSnapshot, LabelEvent } from '../../../shared/lazy-consensus/snapshot.js';
import { renderCheck, renderStatusComment } from '../../../shared/lazy-consensus/status-comment.js';

const user = (login: string) => ({ login, isBot: false });
const label = (name: string, at: string, added = true): LabelEvent => ({
  label: name,
  added,
  actor: user('alice'),
  at,
});
const lc = (over: Partial<LazyConsensusConfig> = {}): LazyConsensusConfig => ({
  ...structuredClone(DEFAULT_CONFIG['lazy-consensus']),
  ...over,
});
const config = (over: Partial<LazyConsensusConfig> = {}): GovernanceConfig => ({
  ...structuredClone(DEFAULT_CONFIG),
  'lazy-consensus': lc(over),
});

const NETWORK: LazyConsensusPolicy = {
  'when-label': 'sig/network',
  notice: { low: '1w' },
  'who-can-object': { teams: ['acme/sig-network-leads'] },
};
const STORAGE: LazyConsensusPolicy = {
  'when-label': 'sig/storage',
  notice: { low: '2w' },
  'on-withdraw': 'resume',
};

function item(labelEvents: LabelEvent[], over: Partial<ItemSnapshot> = {}): ItemSnapshot {
  return {
    number: 1,
    isPull: false,
    title: 't',
    url: 'https://github.com/acme/community/issues/1',
    state: 'open',
    merged: false,
    labels: [],
    headSha: null,
    labelEvents,
    stateEvents: [],
    pushes: [],
    comments: [],
    reviews: [],
    statusComment: null,
    outcomeComment: null,
    ...over,
  };
}

describe('choosing a policy: the labels present when the notice period starts', () => {
  it('rebuilds the labels at an instant, an event at that instant included', () => {
    const events = [
      label('A', '2026-03-02T09:00:00Z'),
      label('b', '2026-03-02T10:00:00Z'),
      label('a', '2026-03-02T11:00:00Z', false),
    ];
    expect([...labelsAt({ labelEvents: events }, '2026-03-02T10:00:00Z')]).toEqual(['a', 'b']);
    expect([...labelsAt({ labelEvents: events }, '2026-03-02T12:00:00Z')]).toEqual(['b']);
  });

  it('the first policy of the configuration wins, whatever the order of the labels', () => {
    const events = [
      label('SIG/Storage', '2026-03-02T08:00:00Z'),
      label('sig/network', '2026-03-02T09:00:00Z'),
    ];
    expect(policyAt({ labelEvents: events }, [NETWORK, STORAGE], '2026-03-02T10:00:00Z')).toBe('sig/network');
    expect(policyAt({ labelEvents: events }, [STORAGE, NETWORK], '2026-03-02T10:00:00Z')).toBe('sig/storage');
  });

  it('a label added after the start, or none at all, chooses nothing', () => {
    const events = [label('sig/network', '2026-03-02T11:00:00Z')];
    expect(policyAt({ labelEvents: events }, [NETWORK], '2026-03-02T10:00:00Z')).toBeNull();
    expect(policyAt({ labelEvents: events }, [], '2026-03-02T12:00:00Z')).toBeNull();
  });
});

describe('a policy over the section', () => {
  it('notice replaces only the tiers it names; keys left out come from the section', () => {
    const eff = underPolicy(lc({ policies: [NETWORK, STORAGE], 'on-withdraw': 'restart' }), 'SIG/NETWORK');
    expect(eff.notice).toEqual({ low: '1w', medium: '5 business days', high: '10 business days' });
    expect(eff['who-can-object']).toEqual({ teams: ['acme/sig-network-leads'] });
    expect(eff['on-withdraw']).toBe('restart');
    expect(underPolicy(lc({ policies: [NETWORK] }), null)).toEqual(lc({ policies: [NETWORK] }));
  });

  it('describes the policy and the objectors', () => {
    expect(describePolicy('sig/network', '1w', 'low')).toBe('sig/network (notice 1w for low)');
    expect(describeObjectors('anyone')).toBe('anyone');
    expect(describeObjectors('maintain')).toBe('people with maintain permission or higher');
    expect(describeObjectors({ users: ['ann'], teams: ['acme/a', 'acme/b'] })).toBe(
      'user ann; members of teams acme/a, acme/b',
    );
    expect(describeObjectors({})).toMatch(/nobody/);
  });
});

describe('deciding under a policy', () => {
  const start = label('lazy-consensus', '2026-03-02T10:00:00Z');
  const network = label('sig/network', '2026-03-02T09:00:00Z');
  const lowRisk = label('risk/low', '2026-03-02T09:00:00Z');
  const object = (by: string, at: string) => ({
    id: at.length + by.length,
    author: user(by),
    body: `/object no @acme/all`,
    createdAt: at,
    editedAt: null,
    url: `https://github.com/acme/community/issues/1#issuecomment-${by}`,
  });
  const authority: Authority = {
    mayStart: () => true,
    mayObject: () => true,
    mayObjectUnder: (login, policy) => policy === 'sig/network' && login === 'carol',
  };
  const cfg = config({ policies: [NETWORK, STORAGE] });

  it('the policy notice sets the deadline; removing the label later keeps it', () => {
    const snap = item([lowRisk, network, start, label('sig/network', '2026-03-02T11:00:00Z', false)]);
    const d = decideItem(snap, cfg, new Date('2026-03-06T00:00:00Z'), authority);
    expect(d.state).toMatchObject({
      phase: 'pending',
      policy: 'sig/network',
      deadline: '2026-03-09T10:00:00.000Z',
    });
  });

  it('an objection from outside the policy objectors is not counted, and is said', () => {
    const snap = item([lowRisk, network, start], {
      comments: [object('dave', '2026-03-03T10:00:00Z')],
    });
    const d = decideItem(snap, cfg, new Date('2026-03-04T00:00:00Z'), authority);
    expect(d.state.phase).toBe('pending');
    expect(d.state.ignoredObjections?.map((o) => o.by)).toEqual(['dave']);
    const body = renderStatusComment({
      state: d.state,
      config: underPolicy(cfg['lazy-consensus'], d.state.policy),
      calendar: cfg.calendar,
      isPull: false,
      headSha: null,
      policies: true,
    });
    expect(body).toContain('| Policy | sig/network (notice 1w for low)');
    expect(body).toContain('| Who can object | members of team acme/sig-network-leads |');
    expect(body).toMatch(/Not counted: @\u200Ddave .*not allowed to object under policy sig\/network/);
    expect(body).not.toContain('@acme/all');
    const check = renderCheck({
      state: d.state,
      config: underPolicy(cfg['lazy-consensus'], d.state.policy),
      calendar: cfg.calendar,
      isPull: true,
      headSha: 'abc',
    });
    expect(check.summary).toContain(
      'policy: sig/network; who can object: members of team acme/sig-network-leads',
    );
  });

  it('a team member objects under the policy; the same person without the policy label uses the section rule', () => {
    const carol = [object('carol', '2026-03-03T10:00:00Z')];
    expect(
      decideItem(
        item([lowRisk, network, start], { comments: carol }),
        cfg,
        new Date('2026-03-04T00:00:00Z'),
        authority,
      ).state.phase,
    ).toBe('objected');
    const dave = [object('dave', '2026-03-03T10:00:00Z')];
    expect(
      decideItem(item([lowRisk, start], { comments: dave }), cfg, new Date('2026-03-04T00:00:00Z'), authority)
        .state.phase,
    ).toBe('objected');
  });

  it('an escaped policy label in the status comment', () => {
    const body = renderStatusComment({
      state: {
        ...decideItem(item([start]), cfg, new Date('2026-03-03T00:00:00Z'), authority).state,
        policy: 'sig/@x|y',
      },
      config: lc(),
      calendar: cfg.calendar,
      isPull: false,
      headSha: null,
      policies: true,
    });
    expect(body).toContain('sig/@\u200Dx\\|y (notice 5 business days for medium)');
  });
});

describe('policy objectors: looked up only where the policy can apply', () => {
  it('asks team membership only for objectors on items that carried the label', async () => {
    const asked: string[] = [];
    const perms = new StaticPermissions({ alice: 'admin' }, { 'sig-network-leads': ['carol'] });
    const lookup = {
      permissionOf: (l: string) => perms.permissionOf(l),
      isTeamMember: (team: string, l: string) => {
        asked.push(l);
        return perms.isTeamMember(team, l);
      },
    };
    const objection = (by: string) => ({
      id: by.length,
      author: user(by),
      body: '/object',
      createdAt: '2026-03-03T10:00:00Z',
      editedAt: null,
      url: 'https://x',
    });
    const start = label('lazy-consensus', '2026-03-02T10:00:00Z');
    const items = [
      item([label('sig/network', '2026-03-02T09:00:00Z'), start], {
        comments: [objection('carol'), objection('dave')],
      }),
      item([start], { number: 2, comments: [objection('erin')] }),
    ];
    const authority = await resolveAuthority(items, lc({ policies: [NETWORK] }), lookup);
    expect(asked.sort()).toEqual(['carol', 'dave']);
    expect(['carol', 'dave', 'erin'].map((l) => authority.mayObjectUnder!(l, 'SIG/Network'))).toEqual([
      true,
      false,
      false,
    ]);
    expect(authority.mayObject('erin')).toBe(true);
  });
});

describe('meaning checks of policies', () => {
  const check = (yaml: string) => checkLazyConsensusPolicies(parseConfigFile(yaml, '.github/governance.yml'));

  it('accepts good policies', () => {
    expect(
      check(
        'version: 1\nlazy-consensus:\n  policies:\n    - when-label: sig/network\n      who-can-object: {teams: [kubernetes/sig-network-leads, leads]}\n',
      ),
    ).toEqual([]);
  });

  it('refuses the trigger label, a state label, a duplicate and a malformed team, naming the line', () => {
    const found = check(
      [
        'version: 1',
        'lazy-consensus:',
        '  trigger-label: decide',
        '  policies:',
        '    - when-label: Decide',
        '      notice: {low: 1h}',
        '    - when-label: lazy-consensus/pending',
        '      on-withdraw: resume',
        '    - when-label: sig/a',
        '      who-can-object: {teams: ["@org/team", "org/team/x", "a team"]}',
        '    - when-label: SIG/A',
        '      on-withdraw: resume',
        '    - when-label: sig/b',
        '',
      ].join('\n'),
    );
    expect(found.map((d) => `${d.line} ${d.severity} ${d.keyPath}`)).toEqual([
      '5 error lazy-consensus.policies[0].when-label',
      '7 error lazy-consensus.policies[1].when-label',
      '10 error lazy-consensus.policies[2].who-can-object.teams[0]',
      '10 error lazy-consensus.policies[2].who-can-object.teams[1]',
      '10 error lazy-consensus.policies[2].who-can-object.teams[2]',
      '11 error lazy-consensus.policies[3].when-label',
      '13 warning lazy-consensus.policies[4]',
    ]);
  });
});
