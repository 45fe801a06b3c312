import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { VepSignOffConfig } from '../../../shared/config/types.js';
import { participatingSigs } from '../../../shared/vep/participating-sigs.js';
import {
  judgeSignOff,
  type SignOffCommand,
  type SignOffFacts,
  type SignOffInput,
  type SignOffReview,
} from '../../../shared/vep/sign-off.js';
import { signersFromSigsYaml } from '../../../shared/vep/sigs-yaml.js';

const SIGS = ['sig-compute', 'sig-network', 'sig-storage'];
const HEAD = 'h2';
const PUSHED = '2026-04-02T09:00:00Z';

const cmd = (author: string, name: string, at: string, args = '', removedAt: string | null = null) =>
  ({ author, name, args, at, removedAt }) satisfies SignOffCommand;
const review = (author: string, state: string, at: string, commit = HEAD): SignOffReview => ({
  author,
  state,
  commit,
  at,
});

function input(o: {
  config?: Partial<VepSignOffConfig>;
  ownerApproval?: boolean;
  participating?: string[];
  commands?: SignOffCommand[];
  reviews?: SignOffReview[];
  facts?: Partial<SignOffFacts>;
}): SignOffInput {
  return {
    config: { ...DEFAULT_CONFIG.vep['sign-off'], ...o.config },
    ownerApproval: o.ownerApproval ?? false,
    sigs: SIGS,
    author: 'bob',
    owningSigs: ['sig-compute'],
    participating: o.participating ?? ['sig-network'],
    facts: {
      headSha: HEAD,
      headPushedAt: PUSHED,
      commands: o.commands ?? [],
      reviews: o.reviews ?? [],
      signers: {
        'sig-compute': { source: 'veps/sig-compute/OWNERS', logins: ['carl', 'bob'] },
        'sig-network': { source: 'veps/sig-network/OWNERS', logins: ['Nina'] },
        'sig-storage': { source: 'veps/sig-storage/OWNERS', logins: ['sam', 'sue'] },
      },
      ...o.facts,
    },
  };
}

describe('sign-off', () => {
  it('counts a signer’s /lgtm after the head arrived, logins compared case-insensitively', () => {
    const r = judgeSignOff(input({ commands: [cmd('nina', '/lgtm', '2026-04-02T10:00:00Z')] }));
    expect(r.required[0]).toMatchObject({ sig: 'sig-network', signedBy: ['Nina'] });
    expect(r.blocking).toEqual([]);
  });
  it('does not count an /lgtm written before the head arrived, or an approval of another commit', () => {
    const r = judgeSignOff(
      input({
        commands: [cmd('nina', '/lgtm', '2026-04-02T08:00:00Z')],
        reviews: [review('nina', 'APPROVED', '2026-04-02T10:00:00Z', 'h1')],
      }),
    );
    expect(r.required[0]).toMatchObject({ signedBy: [], stale: ['Nina'] });
    expect(r.blocking).toEqual(['sig-network has not signed off on the current head']);
  });
  it('takes a sign-off back with /lgtm cancel, and ignores an /lgtm its author edited away', () => {
    const r = judgeSignOff(
      input({
        commands: [
          cmd('nina', '/lgtm', '2026-04-02T10:00:00Z'),
          cmd('nina', '/lgtm', '2026-04-02T11:00:00Z', 'cancel'),
          cmd('nina', '/lgtm', '2026-04-02T10:30:00Z', '', '2026-04-02T10:40:00Z'),
        ],
      }),
    );
    expect(r.required[0].signedBy).toEqual([]);
  });
  it('ignores non-signers, bots and the author', () => {
    const r = judgeSignOff(
      input({
        participating: ['sig-compute'],
        commands: [
          cmd('mallory', '/lgtm', '2026-04-02T10:00:00Z'),
          cmd('bob', '/lgtm', '2026-04-02T10:00:00Z'),
          { ...cmd('carl[bot]', '/lgtm', '2026-04-02T10:00:00Z'), authorType: 'Bot' },
        ],
      }),
    );
    expect(r.required[0]).toMatchObject({ signedBy: [], signers: ['carl'] });
  });
  it('fails closed when a comment sign-off cannot be timed against the head', () => {
    const r = judgeSignOff(
      input({
        commands: [cmd('nina', '/lgtm', '2026-04-02T10:00:00Z')],
        facts: { headPushedAt: null, headPushUnreadable: 'the activity log is unreadable' },
      }),
    );
    expect(r.blocking.join()).toMatch(/cannot be counted: the activity log is unreadable/);
  });
  it('fails closed when a required SIG’s signers cannot be read', () => {
    const i = input({});
    i.facts.signers['sig-network'] = { source: 'sigs.yaml', logins: [], error: 'not found' };
    expect(judgeSignOff(i).blocking).toEqual([
      'the signers of sig-network cannot be read (sigs.yaml: not found)',
    ]);
  });
  it('required-from all asks every SIG, none asks nobody', () => {
    expect(judgeSignOff(input({ config: { 'required-from': 'all' } })).required.map((s) => s.sig)).toEqual(
      SIGS,
    );
    expect(judgeSignOff(input({ config: { 'required-from': 'none' } })).required).toEqual([]);
  });
  it('owner-approval needs /approve or an approving review on the head from the owning SIG', () => {
    const waiting = judgeSignOff(input({ ownerApproval: true, participating: [] }));
    expect(waiting.blocking).toEqual(['the owning SIG sig-compute has not approved the current head']);
    const given = judgeSignOff(
      input({
        ownerApproval: true,
        participating: [],
        commands: [cmd('carl', '/approve', '2026-04-02T10:00:00Z')],
      }),
    );
    expect(given.blocking).toEqual([]);
  });
});

describe('veto', () => {
  it('stands until the same signer lifts it', () => {
    const veto = cmd('sam', '/veto', '2026-04-02T10:00:00Z', 'breaks storage');
    const byOther = cmd('sue', '/veto', '2026-04-02T11:00:00Z', 'cancel');
    expect(judgeSignOff(input({ commands: [veto, byOther] })).vetoes).toEqual([
      { by: 'sam', sigs: ['sig-storage'], at: veto.at, via: 'command' },
    ]);
    const lifted = cmd('sam', '/veto', '2026-04-02T12:00:00Z', 'cancel');
    expect(judgeSignOff(input({ commands: [veto, lifted] })).vetoes).toEqual([]);
    const approved = review('sam', 'APPROVED', '2026-04-02T12:00:00Z', 'h1');
    expect(judgeSignOff(input({ commands: [veto], reviews: [approved] })).vetoes).toEqual([]);
  });
  it('counts a CHANGES_REQUESTED review by a signer; a dismissal by someone else does not lift it', () => {
    const r: SignOffReview = {
      ...review('sam', 'DISMISSED', '2026-04-02T10:00:00Z'),
      dismissal: { previous: 'CHANGES_REQUESTED', by: 'alice', at: '2026-04-02T11:00:00Z' },
    };
    expect(judgeSignOff(input({ reviews: [r] })).vetoes.map((v) => v.via)).toEqual(['review']);
    const own = { ...r, dismissal: { ...r.dismissal!, by: 'sam' } };
    expect(judgeSignOff(input({ reviews: [own] })).vetoes).toEqual([]);
  });
  it('ignores (and reports) a veto by someone who may not veto', () => {
    const r = judgeSignOff(
      input({
        config: { 'veto-from': 'participating' },
        commands: [
          cmd('sam', '/veto', '2026-04-02T10:00:00Z'),
          cmd('mallory', '/veto', '2026-04-02T10:00:00Z'),
        ],
      }),
    );
    expect(r.vetoes).toEqual([]);
    expect(r.ignoredVetoes.map((i) => i.by)).toEqual(['sam', 'mallory']);
    expect(
      judgeSignOff(input({ config: { 'veto-from': 'none' }, commands: [cmd('nina', '/veto', PUSHED)] }))
        .vetoes,
    ).toEqual([]);
  });
  it('cannot tell whether a veto counts while a veto-eligible SIG’s signers are unreadable', () => {
    const i = input({ commands: [cmd('mallory', '/veto', '2026-04-02T10:00:00Z')] });
    i.facts.signers['sig-storage'] = { source: 'x', logins: [], error: 'broken' };
    expect(judgeSignOff(i).blocking.join()).toMatch(/whether the veto by mallory counts is unknown/);
  });
  it('a veto edited away by its author is lifted at that edit', () => {
    const r = judgeSignOff(
      input({ commands: [cmd('sam', '/veto', '2026-04-02T10:00:00Z', '', '2026-04-02T10:05:00Z')] }),
    );
    expect(r.vetoes).toEqual([]);
  });
});

describe('participating-sigs', () => {
  const parse = (fm: string) =>
    participatingSigs({
      text: `---\nvep-number: 1\nowning-sig: sig-compute\n${fm}\n---\n# x\n`,
      path: 'veps/sig-compute/1-x/vep.md',
      proposal: 'veps/sig-compute/1-x',
      owningSig: 'sig-compute',
      sigs: SIGS,
    });
  it('reads SIG names in either spelling and leaves the owning SIG out', () => {
    expect(parse('participating-sigs: [network, SIG-Storage, sig-compute]')).toEqual({
      sigs: ['sig-network', 'sig-storage'],
      problems: [],
    });
    expect(parse('participating-sigs: []').sigs).toEqual([]);
  });
  it('names the file and line of a malformed list', () => {
    const notList = parse('participating-sigs: sig-network');
    expect(notList.problems).toMatchObject([
      { code: 'participating-sigs', line: 4, path: 'veps/sig-compute/1-x/vep.md' },
    ]);
    expect(notList.problems[0].message).toMatch(/must be a list/);
    const bad = parse('participating-sigs: [sig-netwrok, 42]');
    expect(bad.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/`sig-netwrok` is not a known SIG.*Did you mean `sig-network`/),
      expect.stringMatching(/`42` is not a SIG name/),
    ]);
  });
});

describe('sigs.yaml', () => {
  it('reads chairs and tech leads by dir or name', () => {
    const text = `sigs:\n  - name: network\n    leadership:\n      chairs: [{github: EdDev}]\n      tech_leads: [{github: phoracek}, {github: eddev}]\n  - name: storage\n    dir: sig-storage\n`;
    expect(signersFromSigsYaml(text, 'sigs.yaml', SIGS)).toEqual({
      'sig-compute': null,
      'sig-network': ['EdDev', 'phoracek'],
      'sig-storage': [],
    });
  });
  it('throws on a file without a sigs list', () => {
    expect(() => signersFromSigsYaml('foo: 1\n', 'sigs.yaml', SIGS)).toThrow(/sigs/);
  });
});
