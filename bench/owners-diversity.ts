/**
 * owners-diversity audits (schedule): the real kubernetes/test-infra OWNERS tree (239 files, cncf/gitdm
 * affiliations, the WG K8s Infra rule) and generated trees of N OWNERS files. The first audit opens
 * the audit issue; the second finds it current and writes nothing.
 */
import { RepoState } from '../test/sandbox/state.js';
import { fixtureTree } from './generate/fixtures.js';
import { GENERATED_OWNERS_CONFIG, generatedOwnersFiles } from './generate/owners.js';
import { BenchRepo, type RunCost } from './harness.js';

export const ACTION = 'owners-diversity-check';
const CRON = '0 6 * * 1';
const FIRST_AUDIT = '2026-05-04T06:00:00Z';
const SECOND_AUDIT = '2026-05-11T06:00:00Z';

const REAL_CONFIG = `version: 1
owners-diversity:
  sources:
    - {kind: owners, paths: ["**/OWNERS"], roles: [approvers]}
  affiliations:
    - gitdm: ["affiliations/developers_affiliations*.txt"]
  unknown-affiliation: warn
  rules:
    - {groups: "**", min-members: 3, max-org-share: 1/3}
`;

export interface OwnersAuditResult {
  label: string;
  ownersFiles: number;
  first: RunCost;
  second: RunCost;
}

export function testInfraFiles(): Record<string, string> {
  return {
    ...fixtureTree('kubernetes-owners/test-infra'),
    ...fixtureTree('cncf-gitdm/subset', 'affiliations/'),
    '.github/governance.yml': REAL_CONFIG,
  };
}

export function generatedFiles(n: number): Record<string, string> {
  return { ...generatedOwnersFiles(n), '.github/governance.yml': GENERATED_OWNERS_CONFIG };
}

export async function benchOwnersAudit(
  label: string,
  files: Record<string, string>,
): Promise<OwnersAuditResult> {
  const ownersFiles = Object.keys(files).filter((p) => p === 'OWNERS' || p.endsWith('/OWNERS')).length;
  const state = new RepoState({ collaborators: { alice: 'admin' }, files });
  const repo = await new BenchRepo(state).start();
  try {
    const audit = async (at: string) => {
      const run = await repo.run(ACTION, repo.event(at, { kind: 'schedule', cron: CRON }), at);
      // an audit that finds violations fails the job by design; a crash has no plan output
      if (run.timedOut || !run.outputs.plan)
        throw new Error(`${ACTION} did not finish: ${run.run.stderr.slice(-800)}`);
      return run;
    };
    const first = await audit(FIRST_AUDIT);
    const second = await audit(SECOND_AUDIT);
    return { label, ownersFiles, first, second };
  } finally {
    await repo.stop();
  }
}
