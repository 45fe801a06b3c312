import { describe, expect, it } from '@jest/globals';
import { parseDuration } from '../../../shared/calendar/duration.js';
import { decideEscalation } from '../../../shared/vep/escalation.js';
import {
  labelsAddedByAction,
  reconcileLabels,
  type LabelEvent,
} from '../../../shared/vep/label-ownership.js';
import { chooseShepherds } from '../../../shared/vep/shepherd.js';
import { closestSig, looksLikeSigLabel, sigFolderOf, sigLabel } from '../../../shared/vep/sigs.js';
import { owningSigOfIssue, primarySigFromBody } from '../../../shared/vep/tracking-issue.js';

const SIGS = ['sig-compute', 'sig-network', 'sig-storage'];

describe('SIG names', () => {
  it('labels a folder by its name without the sig- prefix', () => {
    expect(sigLabel('sig/{name}', 'sig-network')).toBe('sig/network');
    expect(looksLikeSigLabel('sig/{name}', 'sig/anything')).toBe(true);
    expect(looksLikeSigLabel('sig/{name}', 'kind/tracker')).toBe(false);
  });
  it('suggests the closest known SIG for a misspelt or foreign folder', () => {
    expect(closestSig('sig-netwrok', SIGS)).toBe('sig-network');
    expect(closestSig('storage', SIGS)).toBe('sig-storage');
    expect(closestSig('sig-compute-x', SIGS)).toBe('sig-compute');
  });
  it('reads typed names in either spelling', () => {
    expect(sigFolderOf('network', SIGS)).toBe('sig-network');
    expect(sigFolderOf('SIG-Storage', SIGS)).toBe('sig-storage');
    expect(sigFolderOf('release', SIGS)).toBeNull();
  });
});

describe('labels the action added', () => {
  const ev = (
    label: string,
    actor: string,
    action: LabelEvent['action'] = 'labeled',
    actorType = 'User',
  ): LabelEvent => ({ label, actor, actorType, action, at: '2026-01-01T00:00:00Z' });
  it('are the current labels whose latest labeled event is a bot', () => {
    const events = [
      ev('sig/compute', 'github-actions', 'labeled', 'Bot'),
      ev('sig/network', 'alice'),
      ev('triage/needs-owning-sig', 'github-actions[bot]'),
    ];
    expect(
      [...labelsAddedByAction(['sig/compute', 'sig/network', 'triage/needs-owning-sig'], events)].sort(),
    ).toEqual(['sig/compute', 'triage/needs-owning-sig']);
  });
  it("become a person's when a person adds them again later", () => {
    const events = [
      ev('sig/compute', 'github-actions', 'labeled', 'Bot'),
      ev('sig/compute', 'bob', 'unlabeled'),
      ev('sig/compute', 'bob'),
    ];
    expect(labelsAddedByAction(['sig/compute'], events).size).toBe(0);
  });
  it("without any event count as a person's", () => {
    expect(labelsAddedByAction(['sig/compute'], []).size).toBe(0);
  });
  it('reconcile: adds the missing, removes only managed labels the action added', () => {
    const change = reconcileLabels({
      current: ['sig/compute', 'sig/storage', 'kind/tracker'],
      wanted: ['sig/network'],
      managed: (l) => l.startsWith('sig/'),
      addedByAction: new Set(['sig/compute', 'kind/tracker']),
    });
    expect(change).toEqual({ add: ['sig/network'], remove: ['sig/compute'] });
  });
});

describe('tracking issue SIG', () => {
  const template = 'Primary SIG:\n/sig $SIG\n\nAdditional SIGs (optional):\n/sig $SIG\n';
  it('ignores the template placeholder', () => {
    expect(primarySigFromBody(template)).toBeNull();
  });
  it('reads the SIG on the Primary SIG line or the line after it, not the additional SIGs', () => {
    expect(primarySigFromBody('Primary SIG: /sig network')).toBe('network');
    expect(
      primarySigFromBody(
        'Primary SIG:\n<!-- pick one -->\n/sig storage\n\nAdditional SIGs (optional):\n/sig compute',
      ),
    ).toBe('storage');
    expect(primarySigFromBody('**Primary SIG**: /sig compute')).toBe('compute');
  });
  it('lets a later /sig comment set the owner and /remove-sig take it away', () => {
    expect(
      owningSigOfIssue('Primary SIG: /sig network', [{ author: 'alice', body: '/sig storage' }], SIGS).folder,
    ).toBe('sig-storage');
    expect(
      owningSigOfIssue('Primary SIG: /sig network', [{ author: 'alice', body: '/remove-sig network' }], SIGS)
        .folder,
    ).toBeNull();
    expect(
      owningSigOfIssue(template, [{ author: 'alice', body: 'I think\n/sig compute' }], SIGS).folder,
    ).toBe('sig-compute');
  });
  it('ignores commands in quotes and code, and names that are no SIG', () => {
    const r = owningSigOfIssue(
      'Primary SIG: /sig network',
      [{ author: 'a', body: '> /sig storage\n```\n/sig compute\n```\n/sig release' }],
      SIGS,
    );
    expect(r.folder).toBe('sig-network');
    expect(r.unknown).toEqual(['release']);
  });
});

describe('shepherd choice', () => {
  const approvers = ['dave', 'Alice', 'carol', 'bob'];
  it('never picks the author and is deterministic', () => {
    const a = chooseShepherds({
      number: 12,
      author: 'alice',
      approvers,
      requested: [],
      reviewed: [],
      count: 1,
    });
    expect(a.request).toHaveLength(1);
    expect(a.request[0].toLowerCase()).not.toBe('alice');
    expect(
      chooseShepherds({ number: 12, author: 'alice', approvers, requested: [], reviewed: [], count: 1 }),
    ).toEqual(a);
  });
  it('spreads consecutive proposals over every approver', () => {
    const picked = [20, 21, 22, 23].map(
      (n) =>
        chooseShepherds({ number: n, author: 'zed', approvers, requested: [], reviewed: [], count: 1 })
          .request[0],
    );
    expect(new Set(picked).size).toBe(4);
  });
  it('counts approvers already requested or reviewing, and asks nobody twice', () => {
    expect(
      chooseShepherds({ number: 1, author: 'zed', approvers, requested: ['bob'], reviewed: [], count: 1 })
        .request,
    ).toEqual([]);
    const two = chooseShepherds({
      number: 1,
      author: 'zed',
      approvers,
      requested: [],
      reviewed: ['carol'],
      count: 2,
    });
    expect(two.request).toHaveLength(1);
    expect(two.request).not.toContain('carol');
  });
  it('asks nobody when the SIG lists no approvers', () => {
    expect(
      chooseShepherds({ number: 1, author: 'a', approvers: [], requested: [], reviewed: [], count: 1 })
        .request,
    ).toEqual([]);
  });
});

describe('escalation', () => {
  const base = {
    author: 'bob',
    createdAt: '2026-04-01T00:00:00Z',
    lastPushAt: null,
    approvers: ['alice'],
    activity: [] as { login: string; at: string }[],
    posted: { sig: [] as string[], maintainers: [] as string[] },
    sigAfter: parseDuration('14d'),
    maintainersAfter: parseDuration('28d'),
    calendar: { timezone: 'UTC', holidays: [] },
  };
  it('waits, then pings the SIG, then the maintainers', () => {
    expect(decideEscalation({ ...base, now: new Date('2026-04-14T23:00:00Z') }).stage).toBeNull();
    expect(decideEscalation({ ...base, now: new Date('2026-04-15T00:00:00Z') }).post).toEqual(['sig']);
    expect(decideEscalation({ ...base, now: new Date('2026-04-29T00:00:00Z') }).post).toEqual([
      'maintainers',
    ]);
  });
  it('never posts twice for the same stage in one quiet period', () => {
    const d = decideEscalation({
      ...base,
      posted: { sig: ['2026-04-15T01:00:00Z'], maintainers: [] },
      now: new Date('2026-04-20T00:00:00Z'),
    });
    expect(d.stage).toBe('sig');
    expect(d.post).toEqual([]);
  });
  it('restarts on activity from an approver, not from the author or others', () => {
    const now = new Date('2026-04-20T00:00:00Z');
    expect(
      decideEscalation({ ...base, activity: [{ login: 'Alice', at: '2026-04-10T00:00:00Z' }], now }).stage,
    ).toBeNull();
    expect(
      decideEscalation({ ...base, activity: [{ login: 'carol', at: '2026-04-10T00:00:00Z' }], now }).stage,
    ).toBe('sig');
    // a ping from an earlier quiet period does not count for the new one
    const later = decideEscalation({
      ...base,
      activity: [{ login: 'alice', at: '2026-04-16T00:00:00Z' }],
      posted: { sig: ['2026-04-15T00:00:00Z'], maintainers: [] },
      now: new Date('2026-05-01T00:00:00Z'),
    });
    expect(later.post).toEqual(['sig']);
  });
  it('restarts on a push', () => {
    expect(
      decideEscalation({ ...base, lastPushAt: '2026-04-10T00:00:00Z', now: new Date('2026-04-20T00:00:00Z') })
        .stage,
    ).toBeNull();
  });
});
