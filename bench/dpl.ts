/**
 * A DPL cycle over N generated distributed teams: the cycle tag opens one reset per team (the
 * rest re-dispatched with `cycle` while the write budget defers them), a vote count during the
 * cycle, the deadline merging every reset (regenerating each on the moved default branch) until
 * it converges, and a settled run.
 */
import { RepoState } from '../test/sandbox/state.js';
import { BenchRepo, type RunCost } from './harness.js';

export const ACTION = 'dpl-reset';
const CYCLE = '2027.1';
const ROLES = ['release', 'tact-sig', 'security'] as const;
const TAG_AT = '2026-11-02T09:00:00Z';
const VOTING_AT = '2026-11-20T00:00:00Z';
const DEADLINE_AT = '2026-12-01T06:00:00Z';
const HOUR_MS = 3600_000;
const MAX_RUNS = 100;

const CONFIG = `version: 1
dpl:
  projects-file: reference/projects.yaml
  cycles:
    - {name: "${CYCLE}", nominations-open: 2026-12-01T00:00:00Z}
`;

export interface DplResult {
  teams: number;
  /** the tag push, then `workflow_dispatch` with `cycle` while resets are deferred */
  open: RunCost[];
  voting: RunCost;
  deadline: RunCost[];
  settled: RunCost;
}

const login = (team: number, role: string) => `t${team}-${role.split('-')[0]}`;

export function projectsYaml(teams: number): string {
  const out = ['---'];
  for (let t = 1; t <= teams; t++) {
    out.push(`team${t}:`, '  leadership_type: distributed', '  mission: >', `    Team ${t}.`, '  liaisons:');
    for (const role of [...ROLES, 'tc-liaison']) {
      const who = role === 'tc-liaison' ? 'tc-chair' : login(t, role);
      out.push(
        `    ${role}:`,
        `      - name: '${who}'`,
        `        irc: null`,
        `        email: '${who}@example.org'`,
      );
      out.push(`        github: ${who}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function seedTeams(teams: number): RepoState {
  const collaborators: Record<string, 'admin' | 'write'> = { 'tc-chair': 'admin' };
  for (let t = 1; t <= teams; t++) for (const role of ROLES) collaborators[login(t, role)] = 'write';
  return new RepoState({
    collaborators,
    files: { '.github/governance.yml': CONFIG, 'reference/projects.yaml': projectsYaml(teams) },
  });
}

const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR_MS).toISOString();

export async function benchDpl(teams: number, progress: (msg: string) => void): Promise<DplResult> {
  const repo = await new BenchRepo(seedTeams(teams)).start();
  try {
    const open: RunCost[] = [
      await repo.runOk(ACTION, repo.event(TAG_AT, { kind: 'tag', name: CYCLE }), TAG_AT),
    ];
    // a cycle run opens resets only for the cycle it names: a deferred rest needs the cycle again
    while (open.at(-1)!.deferred > 0) {
      if (open.length >= MAX_RUNS) throw new Error('the cycle never finished opening');
      const when = hoursAfter(TAG_AT, open.length);
      const event = repo.event(when, { kind: 'dispatch', inputs: { cycle: CYCLE } });
      open.push(await repo.runOk(ACTION, event, when, { cycle: CYCLE }));
    }
    const opened = [...repo.state.issues.values()].filter((i) => i.pull).length;
    if (opened !== teams) throw new Error(`${opened} resets opened for ${teams} teams`);
    progress(`  cycle opened in ${open.length} run(s)`);
    const schedule = (when: string) =>
      repo.runOk(ACTION, repo.event(when, { kind: 'schedule', cron: '0 0 * * *' }), when);
    const voting = await schedule(VOTING_AT);
    const deadline: RunCost[] = [];
    for (let hour = 0; ; hour++) {
      if (hour >= MAX_RUNS) throw new Error('the deadline never converged');
      const run = await schedule(hoursAfter(DEADLINE_AT, hour));
      deadline.push(run);
      if (run.deferred === 0) break;
    }
    progress(`  deadline converged in ${deadline.length} run(s)`);
    const settled = await schedule(hoursAfter(DEADLINE_AT, deadline.length));
    const merged = [...repo.state.issues.values()].filter((i) => i.pull?.merged).length;
    if (merged !== teams) throw new Error(`${merged} of ${teams} resets merged`);
    return { teams, open, voting, deadline, settled };
  } finally {
    await repo.stop();
  }
}
