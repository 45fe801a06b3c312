/**
 * dpl-reset's scheduled gather against the sandbox, at a scale beyond one GraphQL page: more than
 * 100 open resets are all seen (paginated), and the resets of a cycle opening cut short for more
 * than 100 teams are found by branch, 100 a query, whatever their state or label.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import type { GovernanceConfig } from '../../../shared/config/types.js';
import { decide } from '../../../shared/dpl/decide.js';
import { gather } from '../../../shared/dpl/gather.js';
import { resetBranch } from '../../../shared/dpl/snapshot.js';
import { StaticPermissions } from '../../../shared/github/permissions.js';
import type { ActionContext } from '../../../shared/runtime/context.js';
import { Sandbox } from '../../sandbox/server.js';
import { RepoState } from '../../sandbox/state.js';
import { quiet, startSandboxClient } from '../sandbox-client.js';

const FILE = 'reference/projects.yaml';
const CYCLE = '2027.1';
const NOW = '2026-11-03T00:00:00Z';
const config: GovernanceConfig = {
  ...DEFAULT_CONFIG,
  dpl: {
    ...DEFAULT_CONFIG.dpl,
    'projects-file': FILE,
    cycles: [{ name: CYCLE, 'nominations-open': '2026-12-01T00:00:00Z' }],
  },
};
const teamName = (i: number) => `team-${String(i).padStart(3, '0')}`;

/** `count` distributed teams, each with one liaison per required role. */
function projectsFile(count: number): string {
  const lines = ['---'];
  for (let i = 0; i < count; i++) {
    lines.push(`${teamName(i)}:`, '  leadership_type: distributed', '  liaisons:');
    for (const role of ['release', 'tact-sig', 'security', 'tc-liaison'])
      lines.push(
        `    ${role}:`,
        `      - {name: 'L ${i} ${role}', irc: null, email: 'l${i}@example.org', github: l${i}-${role}}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function setup(teams: number) {
  const state = new RepoState({ files: { [FILE]: projectsFile(teams) }, labels: ['dpl/reset'] });
  state.now = '2026-11-02T09:00:00Z';
  state.createTag(CYCLE);
  const started = await startSandboxClient(state, { graphql: true });
  sandbox = started.sandbox;
  const { gh } = started;
  const ctx: ActionContext = {
    gh,
    permissions: new StaticPermissions({}),
    event: { name: 'schedule', payload: { schedule: '0 0 * * *' } },
    now: new Date(NOW),
    config,
    configOrigin: { files: [], defaultsOnly: false },
    defaultBranch: state.defaultBranch,
    input: () => '',
    log: quiet,
  };
  /** a reset pull request as the action opens it */
  const openReset = (team: string, labels = ['dpl/reset']) =>
    state.createPull({
      title: `Reset ${team}`,
      author: state.actor,
      head: resetBranch(CYCLE, team),
      files: { [FILE]: `${team} reset\n` },
      labels,
    });
  return { state, ctx, openReset, sandbox };
}

describe('dpl-reset scheduled gather beyond one page', () => {
  it('sees every one of 120 open resets, in 2 queries, and keeps each one status comment', async () => {
    const { ctx, openReset, sandbox } = await setup(120);
    for (let i = 0; i < 120; i++) openReset(teamName(i));
    const before = sandbox.log.entries.length;

    const snapshot = await gather(ctx);

    expect(snapshot.resetPulls.map((p) => p.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 120 }, (_, i) => i + 1),
    );
    // every team has its reset: the opening is complete, and costs no request more
    expect(snapshot.currentCycle?.resetPulls).toHaveLength(120);
    expect(sandbox.log.since(before)).toHaveLength(2);
    const plan = decide(snapshot, config.dpl);
    expect(plan.effects.filter((e) => e.type === 'comment')).toHaveLength(120);
    expect(plan.effects.filter((e) => e.type === 'open-pull')).toHaveLength(0);
    expect(sandbox.violations).toEqual([]);
  });

  it('finds the resets of an opening cut short for 150 teams, 100 branches a query', async () => {
    const { state, ctx, openReset, sandbox } = await setup(150);
    const kept = openReset(teamName(0));
    state.close(kept.number, 'tc-chair', 'not_planned');
    // closed by hand without its label: only the look-up by branch finds it (in the second query)
    const byHand = openReset(teamName(140), []);
    state.close(byHand.number, 'tc-chair');
    const open = openReset(teamName(2));
    const before = sandbox.log.entries.length;

    const snapshot = await gather(ctx);

    // the main query, then the 148 teams not in the open or settled lists: 2 queries
    expect(sandbox.log.since(before)).toHaveLength(3);
    const current = snapshot.currentCycle!;
    expect(current.cycle).toBe(CYCLE);
    expect(current.distributedAtTag?.size).toBe(150);
    expect(current.resetPulls.map((p) => [p.number, p.state]).sort()).toEqual([
      [kept.number, 'CLOSED'],
      [byHand.number, 'CLOSED'],
      [open.number, 'OPEN'],
    ]);
    expect(sandbox.violations).toEqual([]);
  });

  it('opens nothing once nominations are open', async () => {
    const { ctx } = await setup(3);
    const snapshot = await gather({ ...ctx, now: new Date('2026-12-01T00:00:00Z') });
    expect(snapshot.currentCycle).toBeUndefined();
    expect(decide(snapshot, config.dpl).effects).toEqual([]);
  });
});
