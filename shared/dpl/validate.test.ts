import { describe, it, expect } from '@jest/globals';
import { DEFAULT_CONFIG } from '../config/defaults.js';
import { NO_PEOPLE } from './people.js';
import { validateProjectsChange, type ValidationInput } from './validate.js';

const FILE = 'reference/projects.yaml';
const PTL = 'x:\n  leadership_type: ptl\n  ptl: {name: P, irc: null, email: p@example.org, github: pat}\n';
const DPL = [
  'x:',
  '  leadership_type: distributed',
  '  liaisons:',
  '    release: [{name: R, irc: null, email: r@example.org, github: rae}]',
  '    tact-sig: [{name: T, irc: null, email: t@example.org, github: tao}]',
  '    security: [{name: S, irc: null, email: s@example.org, github: sam}]',
  '    tc-liaison: [{name: C, irc: null, email: c@example.org, github: cat}]',
  '',
].join('\n');
const approvals = (...logins: string[]) =>
  logins.map((author) => ({ author, state: 'APPROVED', submittedAt: '2026-11-03T00:00:00Z' }));

function input(extra: Partial<ValidationInput>): ValidationInput {
  return {
    file: FILE,
    baseText: PTL,
    headText: DPL,
    people: NO_PEOPLE,
    config: DEFAULT_CONFIG.dpl,
    author: 'rae',
    reviews: [],
    cycle: { name: '2027.1', nominationsOpen: '2026-12-01T00:00:00Z' },
    history: [],
    now: new Date('2026-11-05T00:00:00Z'),
    ...extra,
  };
}

describe('validateProjectsChange', () => {
  it('an opt-in passes with the current PTL and every future liaison approving (the author counts)', () => {
    expect(validateProjectsChange(input({ reviews: approvals('pat', 'tao', 'sam', 'cat') })).conclusion).toBe(
      'success',
    );
    const missing = validateProjectsChange(input({ reviews: approvals('tao', 'sam', 'cat') }));
    expect(missing.failures).toEqual([
      'x: opting in to distributed leadership needs a +1 (approving review) from P (@pat)',
    ]);
    expect(missing.annotations[0]).toMatchObject({ path: FILE, start_line: 2, annotation_level: 'failure' });
  });

  it('a second change of model in the cycle fails, but the TC reset merged by the action does not count', () => {
    const reviews = approvals('pat', 'tao', 'sam', 'cat');
    const reset = { oid: 'aaaaaaa1', before: DPL, after: PTL, fromResetPull: true };
    expect(validateProjectsChange(input({ reviews, history: [reset] })).conclusion).toBe('success');
    const own = { oid: 'bbbbbbb2', before: DPL, after: PTL, fromResetPull: false };
    expect(validateProjectsChange(input({ reviews, history: [own] })).failures).toEqual([
      'x: the team already changed its leadership model in cycle 2027.1 (commit bbbbbbb); a team may change it only once a cycle',
    ]);
  });

  it('postpones a change of model once nominations are open', () => {
    const result = validateProjectsChange(
      input({ reviews: approvals('pat', 'tao', 'sam', 'cat'), now: new Date('2026-12-01T00:00:00Z') }),
    );
    expect(result.failures).toEqual([
      'x: PTL election nominations for 2027.1 opened at 2026-12-01T00:00:00Z; this change is postponed to the next cycle',
    ]);
  });

  it('reverting needs the current liaisons and the future PTL, but not a placeholder PTL', () => {
    const back = (ptl: string) =>
      input({ baseText: DPL, headText: `x:\n  leadership_type: ptl\n  ptl: ${ptl}\n`, author: 'rae' });
    expect(
      validateProjectsChange({
        ...back('{name: N, irc: null, email: n@example.org, github: neo}'),
        reviews: approvals('tao', 'sam', 'cat'),
      }).failures,
    ).toEqual(['x: reverting to the PTL model needs a +1 (approving review) from N (@neo)']);
    expect(
      validateProjectsChange({
        ...back("{name: 'APPOINTMENT NEEDED', irc: null, email: example@example.org}"),
        reviews: approvals('tao', 'sam', 'cat'),
      }).conclusion,
    ).toBe('success');
  });

  it('reports missing roles and logins on their lines; only teams the change touches fail', () => {
    const broken = DPL.replace(/ {4}tact-sig.*\n/, '').replace(', github: sam', '');
    const result = validateProjectsChange(
      input({ baseText: broken, headText: broken + PTL.replace('x:', 'y:') }),
    );
    expect(result.conclusion).toBe('success');
    expect(result.warnings).toEqual([
      'x: distributed leadership needs a tact-sig liaison (already so before this change)',
      'x: no security liaison has a GitHub login (add `github:` to the entry or to the people file) (already so before this change)',
    ]);
    const touched = validateProjectsChange(
      input({ baseText: PTL, headText: broken, reviews: approvals('pat', 'cat') }),
    );
    expect(touched.annotations.map((a) => [a.start_line, a.annotation_level])).toEqual([
      [2, 'failure'],
      [5, 'failure'],
      [2, 'failure'],
    ]);
    expect(touched.failures[2]).toBe(
      'x: opting in to distributed leadership needs a +1 (approving review) from S (no GitHub login)',
    );
  });

  it('a PTL team keeps only the allowed liaison roles, and a distributed team has no PTL', () => {
    const head = PTL + '  liaisons:\n    events: [{name: E, irc: null, email: e@example.org}]\n';
    expect(validateProjectsChange(input({ headText: head })).failures).toEqual([
      'x: a team with a PTL only has release, security liaisons; remove events',
    ]);
    const both = DPL.replace('  liaisons:', '  ptl: {name: P, irc: null, email: p@example.org}\n  liaisons:');
    expect(validateProjectsChange(input({ baseText: DPL, headText: both })).failures).toEqual([
      'x: a team with distributed leadership has no PTL; remove `ptl`',
    ]);
  });

  it('turns a YAML error into one failure on its line', () => {
    const result = validateProjectsChange(input({ headText: 'x:\n  leadership_type: [ptl\n' }));
    expect(result.conclusion).toBe('failure');
    expect(result.annotations).toHaveLength(1);
  });

  it('a default branch whose file cannot be parsed fails the check: a model change without approvals is not let through', () => {
    // the base is unreadable, so nothing shows whether x was a PTL team before; no approvals
    const result = validateProjectsChange(input({ baseText: 'x:\n  leadership_type: [ptl\n', reviews: [] }));
    expect(result.conclusion).toBe('failure');
    expect(result.failures.join('\n')).toMatch(/default branch/);
  });
});
