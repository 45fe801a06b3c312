/** Each expectation kind passes when the repository matches and fails, saying what it found, when not. */
import { describe, expect, it } from '@jest/globals';
import type { RequestLogEntry } from '../sandbox/request-log.js';
import { RepoState } from '../sandbox/state.js';
import { checkExpectations, type ExpectContext } from './expectations.js';
import { parseScenario } from './scenario-file.js';

const BOT = 'github-actions[bot]';

/** Issue #1 (seeded), pull request #2 (seeded) with a check, and #3 / #4 opened by the action. */
function world(): ExpectContext {
  const s = new RepoState({
    collaborators: { alice: 'admin', bob: 'write' },
    files: { 'reference/projects.yaml': 'leadership_type: ptl\n' },
  });
  s.now = '2026-03-02T09:00:00Z';
  s.createIssue({
    number: 1,
    title: 'Move the weekly meeting',
    author: 'alice',
    labels: ['lazy-consensus/pending', 'risk/low'],
    body: 'Body text',
  });
  const pr = s.createPull({
    number: 2,
    title: 'VEP-2: Live migration',
    author: 'bob',
    head: 'bob/vep-2',
    files: { 'veps/a.md': '# A' },
  });
  s.requestReviewers(2, ['alice'], [], BOT);
  s.addComment(1, BOT, 'Lazy consensus: the notice period ends 2026-03-05.');
  s.addComment(1, 'bob', 'accepted? not by me');
  s.checkRuns.push({
    id: s.id(),
    name: 'vep',
    headSha: pr.pull.headSha,
    status: 'completed',
    conclusion: 'failure',
    output: { title: 'old', summary: null, text: null, annotations: [] },
    startedAt: s.now,
    completedAt: s.now,
    externalId: null,
    detailsUrl: null,
    createdBy: BOT,
  });
  s.checkRuns.push({
    id: s.id(),
    name: 'vep',
    headSha: pr.pull.headSha,
    status: 'completed',
    conclusion: 'success',
    output: { title: 'ok', summary: null, text: null, annotations: [] },
    startedAt: s.now,
    completedAt: s.now,
    externalId: null,
    detailsUrl: null,
    createdBy: BOT,
  });
  const seeded = new Set(s.issues.keys());
  s.createPull({
    number: 3,
    title: 'Reset freezer to a PTL',
    author: BOT,
    head: 'dpl/freezer',
    files: { 'reference/projects.yaml': 'leadership_type: ptl\nx\n' },
  });
  s.createIssue({
    number: 4,
    title: 'Diversity audit',
    author: BOT,
    labels: ['governance/diversity-audit'],
    body: 'core team is concentrated',
  });
  s.createIssue({ number: 5, title: 'Opened by a human', author: 'alice' });
  const entry = (method: string, write: boolean, operation: string): RequestLogEntry => ({
    method,
    path: '/x',
    query: '',
    status: 200,
    write,
    operation,
    at: s.now,
  });
  return {
    state: s,
    actor: BOT,
    seeded,
    outputs: new Map([['owners-diversity-check', { violations: '0', report: 'line 1\nline 2' }]]),
    requests: [entry('GET', false, 'GET /a'), entry('GET', false, 'GET /a'), entry('POST', true, 'POST /b')],
  };
}

/** The failures of `expect:` written as scenario YAML. */
function failuresOf(expectYaml: string, ctx = world()): string[] {
  const scenario = parseScenario(`name: t\nexpect:\n${expectYaml.replace(/^/gm, '  ')}\n`);
  return checkExpectations(scenario.expect!, ctx);
}

describe('checkExpectations', () => {
  it('issues.labels: include and exclude, case-insensitive as GitHub labels are', () => {
    expect(
      failuresOf(
        'issues: {1: {labels: {include: [Risk/Low, lazy-consensus/pending], exclude: [lazy-consensus/accepted]}}}',
      ),
    ).toEqual([]);
    expect(
      failuresOf('issues: {1: {labels: {include: [lazy-consensus/accepted], exclude: [risk/low]}}}'),
    ).toEqual([
      'issues.1.labels: expected to include lazy-consensus/accepted, found [lazy-consensus/pending, risk/low]',
      'issues.1.labels: expected not to include risk/low, found [lazy-consensus/pending, risk/low]',
    ]);
  });

  it('issues: a missing number fails', () => {
    expect(failuresOf('issues: {9: {state: open}}')).toEqual([
      'issues.9: expected issue or pull request #9 to exist, found none',
    ]);
  });

  it('issues.state and merged', () => {
    expect(failuresOf('issues: {1: {state: open}, 2: {state: open, merged: false}}')).toEqual([]);
    expect(failuresOf('issues: {1: {state: closed, merged: false}, 2: {merged: true}}')).toEqual([
      'issues.1.state: expected closed, found open',
      'issues.1.merged: expected a pull request, found an issue',
      'issues.2.merged: expected true, found false',
    ]);
  });

  it('issues.title and body: match and not-match', () => {
    expect(
      failuresOf(
        'issues: {2: {title: {match: ["(?i)^vep-2"], not-match: ["draft"]}}, 1: {body: {match: ["Body"], not-match: ["(?i)secret"]}}}',
      ),
    ).toEqual([]);
    expect(
      failuresOf('issues: {2: {title: {match: ["^vep"]}}, 1: {body: {not-match: ["(?i)body"]}}}'),
    ).toEqual([
      'issues.2.title: expected to match /^vep/, found "VEP-2: Live migration"',
      'issues.1.body: expected not to match /(?i)body/, found "Body text"',
    ]);
  });

  it("issues.comments: counts and matches only the action's comments", () => {
    expect(
      failuresOf(
        'issues: {1: {comments: {by-actor: 1, match: ["2026-03-05"], not-match: ["(?i)accepted"]}}}',
      ),
    ).toEqual([]);
    expect(
      failuresOf('issues: {1: {comments: {by-actor: 2, match: ["(?i)accepted"], not-match: ["notice"]}}}'),
    ).toEqual([
      'issues.1.comments.by-actor: expected 2 comment(s) by github-actions[bot], found 1: ["Lazy consensus: the notice period ends 2026-03-05."]',
      'issues.1.comments.match: expected a comment by github-actions[bot] to match /(?i)accepted/, found ["Lazy consensus: the notice period ends 2026-03-05."]',
      'issues.1.comments.not-match: expected no comment by github-actions[bot] to match /notice/, found "Lazy consensus: the notice period ends 2026-03-05."',
    ]);
  });

  it('issues.reviewers-requested', () => {
    expect(failuresOf('issues: {2: {reviewers-requested: {include: [alice]}}}')).toEqual([]);
    expect(failuresOf('issues: {2: {reviewers-requested: {include: [bob]}}}')).toEqual([
      'issues.2.reviewers-requested: expected to include bob, found [alice]',
    ]);
  });

  it("checks: the latest run of that name on the pull request's head", () => {
    expect(failuresOf('checks: [{number: 2, name: vep, status: completed, conclusion: success}]')).toEqual(
      [],
    );
    const ctx = world();
    expect(
      failuresOf(
        'checks: [{number: 2, name: vep, conclusion: failure}, {number: 2, name: lazy-consensus}, {number: 1, name: vep}]',
        ctx,
      ),
    ).toEqual([
      'checks[0] (#2 vep).conclusion: expected failure, found success (status completed, "ok")',
      `checks[1] (#2 lazy-consensus): expected a check run named lazy-consensus on the head commit ${ctx.state.getPull(2).pull.headSha.slice(0, 7)}, found [vep]`,
      'checks[2] (#1 vep): expected pull request #1, found an issue',
    ]);
  });

  it('checks: a new head commit has no check run until one is created on it', () => {
    const ctx = world();
    ctx.state.pushToPull(2, { 'veps/a.md': '# A2' }, 'bob');
    expect(failuresOf('checks: [{number: 2, name: vep}]', ctx)[0]).toMatch(
      /expected a check run named vep on the head commit \w+, found \[\]/,
    );
  });

  it('pulls-opened: pull requests the actor opened during the scenario', () => {
    expect(
      failuresOf(
        'pulls-opened: {count: 1, match: [{title: "(?i)freezer", files-include: [reference/projects.yaml]}]}',
      ),
    ).toEqual([]);
    expect(
      failuresOf('pulls-opened: {count: 2, match: [{title: "(?i)freezer", files-include: [README.md]}]}'),
    ).toEqual([
      'pulls-opened.count: expected 2 pull request(s) opened by github-actions[bot], found 1: #3 "Reset freezer to a PTL" labels [] files [reference/projects.yaml]',
      'pulls-opened.match[0]: expected a pull request opened by github-actions[bot] with title /(?i)freezer/, files [README.md], found #3 "Reset freezer to a PTL" labels [] files [reference/projects.yaml]',
    ]);
  });

  it('issues-opened: issues (not pull requests, not seeded, not by others) the actor opened', () => {
    expect(
      failuresOf(
        'issues-opened: {count: 1, match: [{title: "(?i)audit", labels-include: [governance/diversity-audit], body: ["core"]}]}',
      ),
    ).toEqual([]);
    const failures = failuresOf(
      'issues-opened: {match: [{title: "(?i)audit", body: ["^core$"]}, {labels-include: [other]}]}',
    );
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(
      /^issues-opened\.match\[0\]: expected an issue opened by github-actions\[bot\] with title \/\(\?i\)audit\/, body \/\^core\$\/, found #4 "Diversity audit"/,
    );
  });

  it('files: the default branch contains / does not contain', () => {
    expect(
      failuresOf(
        'files: {reference/projects.yaml: {contains: ["leadership_type: ptl"], not-contains: [distributed]}}',
      ),
    ).toEqual([]);
    expect(
      failuresOf(
        'files: {reference/projects.yaml: {contains: [distributed], not-contains: [ptl]}, missing.md: {contains: [x]}}',
      ),
    ).toEqual([
      'files.reference/projects.yaml.contains: expected "distributed", found "leadership_type: ptl\\n"',
      'files.reference/projects.yaml.not-contains: expected no "ptl", found "leadership_type: ptl\\n"',
      'files.missing.md: expected the file on main, found no such file',
    ]);
  });

  it('outputs: of the last run of the action', () => {
    expect(
      failuresOf('outputs: {owners-diversity-check: {violations: 0, report: "line 1\\nline 2"}}'),
    ).toEqual([]);
    expect(
      failuresOf('outputs: {owners-diversity-check: {violations: "2", missing: x}, dpl-reset: {a: b}}'),
    ).toEqual([
      'outputs.owners-diversity-check.violations: expected "2", found "0"',
      'outputs.owners-diversity-check.missing: expected "x", found no such output (outputs: [violations, report])',
      'outputs.dpl-reset: expected a run of dpl-reset, found none',
    ]);
  });

  it('requests: max and max-writes', () => {
    expect(failuresOf('requests: {max: 3, max-writes: 1}')).toEqual([]);
    expect(failuresOf('requests: {max: 2, max-writes: 0}')).toEqual([
      'requests.max: expected at most 2 requests, found 3 (2x GET /a, 1x POST /b)',
      'requests.max-writes: expected at most 0 writes, found 1 (1x POST /b)',
    ]);
  });
});
