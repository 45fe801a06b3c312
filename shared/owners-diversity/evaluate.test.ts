import { describe, expect, it } from '@jest/globals';
import { parseAffiliationsYaml } from '../affiliations/affiliations.js';
import { OrgResolver } from '../affiliations/org-names.js';
import type { DiversityRule } from '../config/types.js';
import { evaluateGroup, ruleMatches, type Evaluator } from './evaluate.js';
import type { Group } from './model.js';
import { compareFindings, fails } from './ratchet.js';
import { compareFractions, fraction, parseShare } from './share.js';

const AFFILIATIONS = parseAffiliationsYaml(
  'g1: Google\ng2: Google LLC\ng3: google inc.\nr1: Red Hat\nr2: Red Hat Inc.\nm1: Microsoft\ni1: Independent\ni2: Independent\n',
  'affiliations.yaml',
);

function group(id: string, logins: string[], companies: Record<string, string> = {}): Group {
  return {
    id,
    kind: 'owners',
    file: `${id}/OWNERS`,
    line: 1,
    members: logins.map((login, i) => ({
      login,
      file: `${id}/OWNERS`,
      line: i + 2,
      role: 'approvers',
      ...(companies[login] ? { company: companies[login] } : {}),
    })),
  };
}

function evaluator(
  rules: Partial<DiversityRule>[],
  unknown: Evaluator['unknownAffiliation'] = 'fail',
): Evaluator {
  return {
    rules: rules.map((r) => ({ groups: '**', ...r }) as DiversityRule),
    affiliations: [AFFILIATIONS],
    orgs: new OrgResolver({}, ['Independent']),
    day: '2026-05-01',
    unknownAffiliation: unknown,
  };
}

describe('max-org-share in exact fractions', () => {
  it('2 of 6 is not above 1/3; 3 of 6 is', () => {
    const ev = evaluator([{ 'max-org-share': '1/3' }]);
    expect(evaluateGroup(group('a', ['g1', 'g2', 'r1', 'r2', 'm1', 'i1']), ev).findings).toEqual([]);
    const found = evaluateGroup(group('a', ['g1', 'g2', 'g3', 'r1', 'm1', 'i1']), ev).findings;
    expect(found.map((f) => [f.kind, f.message])).toEqual([
      ['max-org-share', 'Google holds 3 of 6 seats (50%); at most 1/3 allowed'],
    ]);
    expect(found[0].locations.map((l) => l.line)).toEqual([2, 3, 4]);
  });

  it('parses 1/3, 0.33 and 1 exactly, and compares without rounding', () => {
    expect(compareFractions(fraction(2, 6), parseShare('1/3'))).toBe(0);
    expect(compareFractions(fraction(1, 3), parseShare(0.33))).toBe(1);
    expect(compareFractions(fraction(1, 1), parseShare(1))).toBe(0);
    expect(() => parseShare('4/3')).toThrow(/above 1/);
  });
});

describe('size and organisation rules', () => {
  it('checks min-members, max-members and min-orgs (Istio: 2 or 3 leads from 2 organisations)', () => {
    const ev = evaluator([{ 'min-members': 2, 'max-members': 3, 'min-orgs': 2 }]);
    expect(evaluateGroup(group('a', ['g1']), ev).findings.map((f) => f.kind)).toEqual([
      'min-members',
      'min-orgs',
    ]);
    expect(evaluateGroup(group('a', ['g1', 'g2', 'r1', 'm1']), ev).findings.map((f) => f.kind)).toEqual([
      'max-members',
    ]);
    expect(evaluateGroup(group('a', ['g1', 'r1']), ev).findings).toEqual([]);
  });

  it('counts each independent person as an organisation of their own', () => {
    const ev = evaluator([{ 'min-orgs': 2, 'max-org-share': '1/2' }]);
    const result = evaluateGroup(group('a', ['i1', 'i2']), ev);
    expect(result.orgs.length).toBe(2);
    expect(result.findings).toEqual([]);
  });

  it('uses the company written in the source when no affiliation file knows the person', () => {
    const ev = evaluator([{ 'min-orgs': 2 }]);
    const result = evaluateGroup(group('a', ['x1', 'g1'], { x1: 'Google LLC' }), ev);
    expect(result.findings.map((f) => f.kind)).toEqual(['min-orgs']);
  });

  it('applies every rule whose glob matches; `**` matches the root group', () => {
    expect(ruleMatches({ groups: '**' }, '.')).toBe(true);
    expect(ruleMatches({ groups: 'committees/*' }, 'committees/committee-steering')).toBe(true);
    expect(ruleMatches({ groups: 'committees/*' }, 'sigs/sig-apps')).toBe(false);
    expect(ruleMatches({ groups: '*' }, 'Networking - Control Plane')).toBe(true);
  });
});

describe('unknown affiliation', () => {
  const rules = [{ 'min-orgs': 2 }];
  it('fail: a failing finding per unknown person, who adds no organisation', () => {
    const r = evaluateGroup(group('a', ['nobody', 'g1']), evaluator(rules, 'fail'));
    expect(r.findings.map((f) => [f.kind, f.severity])).toEqual([
      ['unknown-affiliation', 'failure'],
      ['min-orgs', 'failure'],
    ]);
  });
  it('warn: a warning only', () => {
    const r = evaluateGroup(group('a', ['nobody', 'g1']), evaluator(rules, 'warn'));
    expect(r.findings.map((f) => [f.kind, f.severity])).toEqual([
      ['unknown-affiliation', 'warning'],
      ['min-orgs', 'failure'],
    ]);
  });
  it('distinct: each unknown person is an organisation of their own', () => {
    expect(evaluateGroup(group('a', ['nobody', 'g1']), evaluator(rules, 'distinct')).findings).toEqual([]);
  });
});

describe('ratchet', () => {
  const ev = evaluator([{ 'min-members': 3, 'max-org-share': '1/3' }]);
  const run = (before: string[], after: string[]) => {
    const c = compareFindings(
      evaluateGroup(group('a', before), ev).findings,
      evaluateGroup(group('a', after), ev).findings,
    );
    return {
      ...c,
      failing: c.current.filter((f) => fails(f, 'ratchet')).map((f) => `${f.kind}:${f.change}`),
    };
  };

  it('a new violation fails', () => {
    expect(run(['g1', 'r1', 'm1'], ['g1', 'g2', 'g3']).failing).toEqual(['max-org-share:new']);
  });
  it('a larger share or fewer members fails as worse', () => {
    expect(run(['g1', 'g2', 'r1'], ['g1', 'g2', 'g3']).failing).toEqual(['max-org-share:worsened']);
    expect(run(['g1', 'r1'], ['g1']).failing).toEqual(['min-members:worsened', 'max-org-share:worsened']);
  });
  it('an unchanged or improved violation is a warning, a fixed one is listed', () => {
    const same = run(['g1', 'g2', 'r1'], ['g1', 'g2', 'm1']);
    expect(same.failing).toEqual([]);
    expect(same.current.map((f) => f.change)).toEqual(['unchanged']);
    const better = run(['g1', 'g2', 'g3', 'r1'], ['g1', 'g2', 'r1', 'm1']);
    expect(better.failing).toEqual([]);
    expect(better.current.map((f) => f.change)).toEqual(['improved']);
    expect(run(['g1', 'g2', 'r1'], ['g1', 'r1', 'm1']).fixed.map((f) => f.kind)).toEqual(['max-org-share']);
  });
  it('strict fails on every violation', () => {
    const c = compareFindings(
      evaluateGroup(group('a', ['g1', 'g2', 'r1']), ev).findings,
      evaluateGroup(group('a', ['g1', 'g2', 'm1']), ev).findings,
    );
    expect(c.current.filter((f) => fails(f, 'strict')).length).toBe(1);
  });
});
