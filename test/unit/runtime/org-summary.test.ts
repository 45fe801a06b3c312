import { describe, expect, it } from '@jest/globals';
import { emptyPlan } from '../../../shared/plan/effects.js';
import { bytesOf, LIMITS } from '../../../shared/plan/limits.js';
import { renderOrgSummary, type RepositoryRun } from '../../../shared/runtime/org-summary.js';

const run = (i: number, notes: string[], error?: string): RepositoryRun => {
  const plan = emptyPlan('lazy-consensus-timer');
  plan.notes.push(...notes);
  return {
    repository: `acme/repo-${i}`,
    plan,
    report: { results: [], failures: [], deferred: 0 },
    configFiles: ['.github/governance.yml'],
    requests: 3,
    writes: 0,
    ...(error ? { error } : {}),
  };
};

describe('the job summary of an organisation-wide run', () => {
  it('has a row and a section per repository, and names each failure', () => {
    const text = renderOrgSummary('lazy-consensus-timer', [run(1, ['1 item read']), run(2, [], 'boom')], {
      dryRun: true,
      maxWrites: 200,
    });
    expect(text).toContain('## lazy-consensus-timer across 2 repositories (dry run)');
    expect(text).toContain('| acme/repo-1 | ✅ swept |');
    expect(text).toContain('**1 of 2 repositories failed**');
    expect(text).toContain('- acme/repo-2: boom');
    expect(text).toContain('### acme/repo-1');
    expect(text).toContain('### acme/repo-2');
  });

  it('shows errors inert and stays within GitHub 1 MiB for 300 repositories with long notes', () => {
    const long = Array.from({ length: 50 }, (_, i) => `note ${i} ${'x'.repeat(400)}`);
    const runs = Array.from({ length: 300 }, (_, i) =>
      run(i, long, i === 7 ? '<!-- hidden --> @team' : undefined),
    );
    const text = renderOrgSummary('dpl-reset', runs, { dryRun: false, maxWrites: 200 });
    expect(bytesOf(text)).toBeLessThan(LIMITS.jobSummaryBytes);
    expect(text).toContain('### acme/repo-299');
    expect(text).not.toContain('<!--');
    expect(text).not.toContain('@team');
  });
});
