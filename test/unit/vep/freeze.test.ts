/** VEP Freeze (shared/vep/freeze.ts): releases, schedules, the freeze day and the exception label. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { VepConfig } from '../../../shared/config/types.js';
import {
  compileMatch,
  exceptionLabel,
  freezeDayFor,
  frozenOn,
  judgeFreeze,
  normaliseRelease,
  parseSchedule,
  proposalsBecomingImplementable,
  type Becoming,
  type FreezeFacts,
} from '../../../shared/vep/freeze.js';
import { VEP_FREEZE_SCHEDULE } from '../../../shared/config/defaults.js';
import { kubevirtFreezeFlags } from './kubevirt-freeze.js';

const FIXTURES = 'test/fixtures/kubevirt-sig-release/releases';
const MATCH = compileMatch(VEP_FREEZE_SCHEDULE.match);
const PATH = 'veps/sig-network/40-x/vep.md';

function config(freeze: Partial<VepConfig['freeze']>): VepConfig {
  const c = structuredClone(DEFAULT_CONFIG.vep);
  c.freeze = { ...c.freeze, ...freeze };
  return c;
}
const SCHEDULED = config({ schedule: { ...VEP_FREEZE_SCHEDULE, repo: 'kubevirt/sig-release' } });
const doc = (status: string, alpha?: string) =>
  `---\nvep-number: 40\nstatus: ${status}\n${alpha === undefined ? '' : `milestone:\n  alpha: ${alpha}\n`}---\n# VEP\n`;
const facts = (over: Partial<FreezeFacts> = {}): FreezeFacts => ({
  now: '2026-09-10T00:00:00Z',
  timezone: 'UTC',
  schedules: {
    'v1.10': {
      status: 'read',
      repo: 'kubevirt/sig-release',
      path: 'releases/v1.10/schedule.yaml',
      text: readFileSync(`${FIXTURES}/v1.10/schedule.yaml`, 'utf8'),
    },
  },
  exception: null,
  ...over,
});
const becoming = (release = 'v1.10'): Becoming[] => [
  { proposal: 'veps/sig-network/40-x', path: PATH, line: 5, release },
];

describe('normaliseRelease', () => {
  it.each([
    ['v1.9', 'v1.9'],
    ['v1.9.0', 'v1.9'],
    ['1.10', 'v1.10'],
    [' V1.10.2 ', 'v1.10'],
    ['v01.010', 'v1.10'],
  ])('%s -> %s', (input, out) => expect(normaliseRelease(input)).toEqual({ release: out }));
  it.each(['v1.x', 'TBD', '1', 'v1.10-rc.0', ''])('refuses %j', (input) =>
    expect(normaliseRelease(input)).toHaveProperty('error'),
  );
  it('explains an unquoted YAML number', () => {
    expect((normaliseRelease(1.1) as { error: string }).error).toMatch(
      /YAML reads the unquoted `1.1` as a number/,
    );
  });
});

describe('parseSchedule on the real kubevirt/sig-release schedules', () => {
  it('finds "Virtualization Enhancement Proposal (VEP) Freeze" with the default match', () => {
    const v110 = readFileSync(`${FIXTURES}/v1.10/schedule.yaml`, 'utf8');
    const v18 = readFileSync(`${FIXTURES}/v1.8/schedule.yaml`, 'utf8');
    expect(parseSchedule(v110, 'v1.10', MATCH)).toEqual({ day: '2026-09-02' });
    expect(parseSchedule(v18, 'v1.8', MATCH)).toEqual({ day: '2026-01-07' });
    // meta-VEP 282's literal "VEP Freeze" alone would miss the real entry
    expect(parseSchedule(v110, 'v1.10', /VEP Freeze/)).toEqual({ day: null });
  });
  it('fails with the line of a bad date, bad YAML, a non-list, or disagreeing entries', () => {
    expect(() => parseSchedule('- when: 2026/02/30\n  what: VEP Freeze\n', 'f', MATCH)).toThrow(
      /has when "2026\/02\/30": expected a date YYYY\/MM\/DD/,
    );
    try {
      parseSchedule('- when: 2026/01/01\n  what: x\n- when: 2026/02/30\n  what: VEP Freeze\n', 'f', MATCH);
    } catch (e) {
      expect((e as { describe(): string }).describe()).toMatch(
        /^f:3:9: the entry "VEP Freeze" has when "2026\/02\/30"/,
      );
    }
    expect(() => parseSchedule('- when: [2026\n', 'f', MATCH)).toThrow(/invalid YAML/);
    expect(() => parseSchedule('when: 2026/01/01\n', 'f', MATCH)).toThrow(/a YAML list/);
    expect(() =>
      parseSchedule(
        '- {when: 2026/01/01, what: VEP Freeze}\n- {when: 2026/01/02, what: (VEP) Freeze}\n',
        'f',
        MATCH,
      ),
    ).toThrow(/2 entries match/);
  });
});

describe('the freeze day', () => {
  it('is frozen from 00:00 of the freeze day in the zone ("if today >= freeze date")', () => {
    expect(frozenOn('2026-09-02', { now: '2026-09-01T23:59:59Z', timezone: 'UTC' })).toBe(false);
    expect(frozenOn('2026-09-02', { now: '2026-09-02T00:00:00Z', timezone: 'UTC' })).toBe(true);
    expect(frozenOn('2026-09-02', { now: '2026-09-02T06:59:00Z', timezone: 'America/Los_Angeles' })).toBe(
      false,
    );
    expect(frozenOn('2026-09-02', { now: '2026-09-01T12:00:00Z', timezone: 'Pacific/Auckland' })).toBe(true);
  });
  it('comes from dates first (any spelling), then the schedule; unknown when neither has it', () => {
    const dated = config({ ...SCHEDULED.freeze, dates: { '1.10.0': '2026-10-01' } });
    expect(freezeDayFor('v1.10', dated.freeze, {})).toMatchObject({ kind: 'day', day: '2026-10-01' });
    expect(freezeDayFor('v1.10', SCHEDULED.freeze, facts().schedules)).toMatchObject({ day: '2026-09-02' });
    expect(
      freezeDayFor('v1.11', SCHEDULED.freeze, { 'v1.11': { status: 'missing', repo: 'r/s', path: 'p' } }),
    ).toMatchObject({ kind: 'unknown' });
    expect(freezeDayFor('v1.11', config({ dates: { 'v1.10': '2026-09-02' } }).freeze, {})).toMatchObject({
      kind: 'unknown',
    });
    expect(freezeDayFor('v1.10', config({ dates: { 'v1.x': '2026-09-02' } }).freeze, {})).toMatchObject({
      kind: 'error',
    });
    expect(
      freezeDayFor('v1.10', SCHEDULED.freeze, {
        'v1.10': { status: 'unreadable', repo: 'r/s', path: 'p', error: 'GitHub answered 502' },
      }),
    ).toMatchObject({ kind: 'error', message: expect.stringMatching(/`r\/s:p`: GitHub answered 502/) });
  });
});

describe('proposalsBecomingImplementable', () => {
  const one = [{ proposal: 'veps/sig-network/40-x', path: PATH }];
  it('is the head implementable over a default branch that is not (or new, or unreadable)', () => {
    const head = { [PATH]: doc('implementable', '"v1.10.0"') };
    expect(
      proposalsBecomingImplementable(one, { documents: head, baseDocuments: { [PATH]: doc('provisional') } }),
    ).toEqual([{ proposal: 'veps/sig-network/40-x', path: PATH, line: 5, release: 'v1.10' }]);
    expect(
      proposalsBecomingImplementable(one, { documents: head, baseDocuments: { [PATH]: null } }),
    ).toHaveLength(1);
    expect(
      proposalsBecomingImplementable(one, {
        documents: head,
        baseDocuments: { [PATH]: doc('implementable') },
        baseUnreadable: { [PATH]: 'truncated' },
      }),
    ).toMatchObject([{ baseUnknown: 'truncated' }]);
    expect(
      proposalsBecomingImplementable(one, {
        documents: head,
        baseDocuments: { [PATH]: doc('implementable') },
      }),
    ).toEqual([]);
    expect(
      proposalsBecomingImplementable(one, { documents: { [PATH]: doc('provisional', '"v1.10"') } }),
    ).toEqual([]);
    expect(
      proposalsBecomingImplementable(one, { documents: { [PATH]: doc('implementable', '"v1.x"') } }),
    ).toMatchObject([{ releaseError: expect.stringMatching(/not a release/) }]);
  });
});

describe('judgeFreeze', () => {
  it('does nothing while the rule is off', () => {
    expect(judgeFreeze(becoming(), facts(), DEFAULT_CONFIG.vep)).toEqual({
      problems: [],
      notices: [],
      notes: [],
    });
  });
  it('fails a frozen release, and counts the exception only from maintain or admin', () => {
    expect(judgeFreeze(becoming(), facts(), SCHEDULED).problems).toMatchObject([{ code: 'freeze', line: 5 }]);
    const writer = judgeFreeze(
      becoming(),
      facts({ exception: { by: 'wes', permission: 'write' } }),
      SCHEDULED,
    );
    expect(writer.problems[0].message).toMatch(/added by wes, who has write permission/);
    const bot = judgeFreeze(
      becoming(),
      facts({ exception: { by: 'x[bot]', permission: 'admin' } }),
      SCHEDULED,
    );
    expect(bot.problems[0].message).toMatch(/an app, which does not count/);
    const unknown = judgeFreeze(becoming(), facts({ exception: { by: null } }), SCHEDULED);
    expect(unknown.problems[0].message).toMatch(/does not say who added it/);
    const maintainer = judgeFreeze(
      becoming(),
      facts({ exception: { by: 'mia', permission: 'maintain' } }),
      SCHEDULED,
    );
    expect(maintainer.problems).toEqual([]);
    expect(maintainer.notices[0]).toMatch(
      /allowed by the `freeze-exception` label, added by mia \(maintain\)/,
    );
  });
  it('passes before the freeze, and says so when no freeze day is known', () => {
    expect(judgeFreeze(becoming(), facts({ now: '2026-09-01T12:00:00Z' }), SCHEDULED)).toMatchObject({
      problems: [],
      notices: [],
    });
    const none = judgeFreeze(
      becoming('v1.11'),
      facts({ schedules: { 'v1.11': { status: 'missing', repo: 'kubevirt/sig-release', path: 'p' } } }),
      SCHEDULED,
    );
    expect(none.problems).toEqual([]);
    expect(none.notices[0]).toMatch(/no freeze day is known for v1.11/);
  });
  it('fails closed on a schedule it could not read or parse', () => {
    const broken = facts({
      schedules: { 'v1.10': { status: 'read', repo: 'r/s', path: 'p', text: '- when: [x\n' } },
    });
    expect(judgeFreeze(becoming(), broken, SCHEDULED).problems[0].message).toMatch(
      /`r\/s:p:\d+:\d+: invalid YAML/,
    );
  });
});

describe('exceptionLabel', () => {
  it('is whoever last added the label, from the timeline', () => {
    const events = [
      { label: 'freeze-exception', action: 'labeled' as const, actor: 'wes', at: '1' },
      { label: 'freeze-exception', action: 'unlabeled' as const, actor: 'mia', at: '2' },
      { label: 'Freeze-Exception', action: 'labeled' as const, actor: 'mia', at: '3' },
    ];
    expect(exceptionLabel(['freeze-exception'], events, 'freeze-exception')).toEqual({
      by: 'mia',
      byType: undefined,
    });
    expect(exceptionLabel([], events, 'freeze-exception')).toBeNull();
    expect(exceptionLabel(['freeze-exception'], [], 'freeze-exception')).toEqual({ by: null });
  });
});

describe('the real kubevirt/enhancements proposals', () => {
  it('none would be flagged: only #307 has front matter, and it is deferred', () => {
    const flags = kubevirtFreezeFlags();
    expect(flags.proposals).toBe(64);
    expect(flags.implementable).toEqual([]);
    expect(flags.flagged).toEqual([]);
  });
});
