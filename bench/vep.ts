/**
 * The VEP escalation sweep over N open proposal pull requests that no SIG member answers:
 * quiet (day 10, nothing due), the SIG stage (day 15: one comment each), the maintainers stage
 * (day 29: a comment and the label each), each run hourly with the default `max-writes` until it
 * converges, then a settled sweep.
 */
import { RepoState } from '../test/sandbox/state.js';
import { BenchRepo, type RunCost } from './harness.js';

export const ACTION = 'vep-sig-label';
const CRON = '0 9 * * *';
const SIGS = ['sig-compute', 'sig-network', 'sig-storage'];
const OPENED_AT = '2026-04-01T09:00:00Z';
const DAY_MS = 86_400_000;
const HOUR_MS = 3600_000;
const MAX_RUNS = 200;
const ESCALATION_LABEL = 'needs-maintainer-attention';

const CONFIG = `version: 1
vep:
  sigs: [${SIGS.join(', ')}]
  escalation:
    sig-after: 14d
    maintainers-after: 28d
    maintainers: [maria]
`;

export interface StageCost {
  runs: RunCost[];
  settled: RunCost;
}

export interface VepResult {
  n: number;
  quiet: RunCost;
  sigStage: StageCost;
  maintainersStage: StageCost;
}

export function seedProposals(n: number): RepoState {
  const files: Record<string, string> = { '.github/governance.yml': CONFIG };
  for (const sig of SIGS) files[`veps/${sig}/OWNERS`] = `approvers: [alice]\n`;
  const state = new RepoState({
    collaborators: { alice: 'write', maria: 'admin' },
    labels: [...SIGS.map((s) => `sig/${s.slice(4)}`), 'kind/tracker', ESCALATION_LABEL],
    files,
  });
  state.now = OPENED_AT;
  for (let number = 1; number <= n; number++) {
    const sig = SIGS[number % SIGS.length]!;
    state.createPull({
      number,
      title: `VEP-${number}: Proposal ${number}`,
      author: 'bob',
      head: `bob/vep-${number}`,
      files: { [`veps/${sig}/${number}-proposal-${number}/vep.md`]: `# VEP-${number}\n` },
      labels: [`sig/${sig.slice(4)}`],
      createdAt: OPENED_AT,
    });
  }
  return state;
}

const at = (days: number, hours = 0) =>
  new Date(Date.parse(OPENED_AT) + days * DAY_MS + hours * HOUR_MS).toISOString();

export async function benchVep(n: number, progress: (msg: string) => void): Promise<VepResult> {
  const repo = await new BenchRepo(seedProposals(n)).start();
  try {
    const sweep = (when: string) =>
      repo.runOk(ACTION, repo.event(when, { kind: 'schedule', cron: CRON }), when);
    const stage = async (day: number): Promise<StageCost> => {
      const runs: RunCost[] = [];
      for (let hour = 0; ; hour++) {
        if (hour >= MAX_RUNS) throw new Error(`no convergence after ${hour} runs`);
        const run = await sweep(at(day, hour));
        runs.push(run);
        if (run.deferred === 0) break;
      }
      const settled = await sweep(at(day, runs.length));
      if (settled.writes) throw new Error(`a settled VEP sweep wrote ${settled.writes} times`);
      return { runs, settled };
    };
    const quiet = await sweep(at(10));
    if (quiet.writes) throw new Error(`a quiet VEP sweep wrote ${quiet.writes} times`);
    const sigStage = await stage(15);
    progress(`  SIG stage: ${sigStage.runs.length} run(s)`);
    const maintainersStage = await stage(29);
    progress(`  maintainers stage: ${maintainersStage.runs.length} run(s)`);
    const labelled = [...repo.state.issues.values()].filter((i) =>
      i.labels.includes(ESCALATION_LABEL),
    ).length;
    if (labelled !== n) throw new Error(`${labelled} of ${n} proposals carry ${ESCALATION_LABEL}`);
    return { n, quiet, sigStage, maintainersStage };
  } finally {
    await repo.stop();
  }
}
