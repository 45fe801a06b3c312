import { describe, expect, it } from '@jest/globals';
import {
  checkConclusion,
  checkTitle,
  readCheck,
  type CheckVerdict,
} from '../../../shared/vep/check-title.js';
import { headChecksOf, type RawRollup } from '../../../shared/vep/head-check.js';
import { vepSection, type VepEntry } from '../../../shared/dashboard/vep-section.js';
import { renderSection } from '../../../shared/dashboard/render.js';

describe('check titles: written and read from one table', () => {
  const verdicts: CheckVerdict[] = [
    { kind: 'passes', owners: 'sig-compute, the maintainers' },
    { kind: 'problems', count: 1 },
    { kind: 'problems', count: 3 },
    { kind: 'frozen', count: 1 },
    { kind: 'frozen', count: 2 },
    { kind: 'vetoed', by: 'sam, nina' },
    { kind: 'awaiting-sign-off', blocking: 'sig-storage has not signed off on the current head' },
  ];
  it.each(verdicts)('reads back what it writes: %o', (v) => {
    expect(readCheck(checkConclusion(v).toUpperCase(), checkTitle(v))).toEqual(v);
  });
  it('reads nothing from a conclusion or title it does not write', () => {
    expect(readCheck('SUCCESS', '1 problem to fix')).toBeNull();
    expect(readCheck('FAILURE', 'owned by sig-compute')).toBeNull();
    expect(readCheck('CANCELLED', 'owned by sig-compute')).toBeNull();
    expect(readCheck(null, 'owned by sig-compute')).toBeNull();
    expect(readCheck('SUCCESS', 'all good')).toBeNull();
  });
  it('keeps titles within 200 characters', () => {
    expect(checkTitle({ kind: 'vetoed', by: 'x'.repeat(500) })).toHaveLength(200);
  });
});

const run = (slug: string, conclusion: string | null, title: string, id: number, status = 'COMPLETED') => ({
  __typename: 'CheckRun' as const,
  name: 'vep',
  status,
  conclusion,
  title,
  databaseId: id,
  checkSuite: { app: { slug } },
});
const rollup = (nodes: RawRollup['contexts']['nodes'], hasNextPage = false): RawRollup => ({
  contexts: { pageInfo: { hasNextPage }, nodes },
});

describe('the head commit check the sweep reads', () => {
  it('counts only GitHub Actions, and the latest of its runs', () => {
    const h = headChecksOf(
      rollup([
        run('github-actions', 'FAILURE', 'vetoed by sam', 1),
        run('github-actions', 'SUCCESS', 'owned by sig-compute', 2),
        run('evil-ci', 'SUCCESS', 'owned by sig-compute', 3),
      ]),
      'vep',
    );
    expect(h.check).toEqual({
      kind: 'ours',
      conclusion: 'SUCCESS',
      verdict: { kind: 'passes', owners: 'sig-compute' },
    });
    expect(h.otherApps).toEqual(['evil-ci']);
  });
  it('another app alone verifies nothing; no check, or a running one, is not yet checked', () => {
    expect(headChecksOf(rollup([run('evil-ci', 'SUCCESS', 'owned by x', 1)]), 'vep').check.kind).toBe('none');
    expect(headChecksOf(null, 'vep').check.kind).toBe('none');
    expect(headChecksOf(rollup([run('github-actions', null, '', 1, 'IN_PROGRESS')]), 'vep').check.kind).toBe(
      'running',
    );
  });
  it('fails closed when its check may be past the first 100', () => {
    expect(headChecksOf(rollup([], true), 'vep').check.kind).toBe('unreadable');
  });
});

describe('the section shows the check stage', () => {
  const e = (number: number, check: VepEntry['check'], awaitingShepherd = false): VepEntry => ({
    number,
    title: `VEP ${number}`,
    sigs: ['sig-compute'],
    stage: { kind: 'awaiting-review', sigDue: '2026-04-15T09:00:00Z' },
    check,
    awaitingShepherd,
  });
  const ours = (v: CheckVerdict) => ({
    name: 'vep',
    check: { kind: 'ours' as const, verdict: v, conclusion: checkConclusion(v).toUpperCase() },
    otherApps: [],
  });
  it('names each stage, the unverified first, escaping what it shows', () => {
    const s = vepSection(
      [
        e(1, ours({ kind: 'passes', owners: 'sig-compute' })),
        e(2, ours({ kind: 'vetoed', by: '@evil <!--' })),
        e(3, { name: 'vep', check: { kind: 'none' }, otherApps: ['evil-ci'] }, true),
        e(4, { name: 'vep', check: { kind: 'none' }, otherApps: [] }, true),
        e(5, ours({ kind: 'frozen', count: 1 })),
      ],
      { timezone: 'UTC' },
    );
    expect(s.lines.map((l) => l.match(/#(\d+)/)![1])).toEqual(['3', '2', '5', '4', '1']);
    expect(s.lines[0]).toContain(
      '**unverified**: a `vep` check by `evil-ci`, not by GitHub Actions; awaiting a shepherd',
    );
    expect(s.lines[2]).toContain('**frozen** (VEP Freeze); awaiting review');
    expect(s.lines[3]).toContain('not yet checked; awaiting a shepherd');
    expect(s.lines[4]).toContain('check passes; awaiting review');
    const text = renderSection(s);
    expect(text).not.toMatch(/(?<!`)@evil|(?<!\\)<!--/);
  });
});
