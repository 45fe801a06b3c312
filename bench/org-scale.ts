/**
 * owners-diversity-check across an organisation (docs/owners-diversity-check.md "Across an
 * organisation"): the sandbox plays `acme/.github` and 300 repositories of acme, each with 20
 * OWNERS files, selected by topic. Measured: the single-job run, the list job, one shard of 20
 * repositories, and the merge of every shard; requests, GraphQL points and wall time of each.
 *
 *   GOVERNANCE_ACTIONS_SCENARIO_SOURCE=1 npx tsx bench/org-scale.ts [repositories] [files-per-repo]
 * (without the variable it plays the committed bundles, which must include the org modes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addOtherRepo } from '../test/sandbox/other-repos.js';
import { RepoState } from '../test/sandbox/state.js';
import { generatedOwnersFiles } from './generate/owners.js';
import { BenchRepo, type RunCost } from './harness.js';

const ACTION = 'owners-diversity-check';
const AT = '2026-06-01T06:00:00Z';
const CONFIG = `version: 1
owners-diversity:
  sources:
    - {kind: owners, paths: ["**/OWNERS"], roles: [approvers]}
  affiliations:
    - yaml: affiliations.yaml
  unknown-affiliation: warn
  rules:
    - {groups: "**", min-members: 3, max-org-share: 1/2}
  org-rules:
    - {groups: "*:.", max-org-share: 1/3}
`;

export function orgState(repos: number, filesPerRepo: number): RepoState {
  const shared = generatedOwnersFiles(filesPerRepo);
  const state = new RepoState({
    owner: 'acme',
    name: '.github',
    collaborators: { alice: 'admin' },
    files: { '.github/governance.yml': CONFIG, 'affiliations.yaml': shared['affiliations.yaml']! },
  });
  for (let i = 0; i < repos; i++) {
    const files = generatedOwnersFiles(filesPerRepo, 1000 + i);
    delete files['affiliations.yaml'];
    addOtherRepo(state, `acme/repo-${String(i).padStart(3, '0')}`, { files, topics: ['governance'] });
  }
  return state;
}

const line = (label: string, c: RunCost) =>
  `| ${label} | ${c.requests} | ${c.rest} | ${c.graphql} | ${c.graphqlPoints} | ${c.writes} | ${(c.wallMs / 1000).toFixed(1)} s |`;

async function main(): Promise<void> {
  const repos = Number(process.argv[2] ?? 300);
  const perRepo = Number(process.argv[3] ?? 20);
  const bench = await new BenchRepo(orgState(repos, perRepo)).start();
  const dir = mkdtempSync(join(tmpdir(), 'org-shards-'));
  const rows: string[] = [];
  try {
    const event = () => bench.event(AT, { kind: 'schedule', cron: '0 6 * * 1' });
    const selection = { repositories: 'topic:governance' };
    const single = await bench.run(ACTION, event(), AT, { ...selection, 'dry-run': 'true' });
    if (!single.outputs.plan) throw new Error(`single-job run crashed: ${single.run.stderr.slice(-800)}`);
    rows.push(line(`single job, ${repos} repositories (dry run)`, single));
    const list = await bench.runOk(ACTION, event(), AT, { ...selection, 'org-mode': 'list' });
    rows.push(line('list job', list));
    const shards = JSON.parse(list.outputs.shards ?? '[]') as string[];
    let first: RunCost | undefined;
    for (const repositories of shards) {
      const shard = await bench.runOk(ACTION, event(), AT, {
        repositories,
        'org-mode': 'shard',
        'shard-dir': dir,
      });
      first ??= shard;
    }
    if (first)
      rows.push(
        line(`one shard of ${shards[0]!.split(',').length} repositories (of ${shards.length})`, first),
      );
    const merge = await bench.run(ACTION, event(), AT, {
      ...selection,
      'org-mode': 'merge',
      'shard-dir': dir,
    });
    if (!merge.outputs.plan) throw new Error(`merge crashed: ${merge.run.stderr.slice(-800)}`);
    rows.push(line('merge job (issue created)', merge));
    process.stdout.write(
      [
        `owners-diversity-check across ${repos} repositories x ${perRepo} OWNERS files`,
        '| run | requests | REST | GraphQL | GraphQL points | writes | wall |',
        '|---|---|---|---|---|---|---|',
        ...rows,
        `groups checked: ${merge.outputs['groups-checked']}, violations: ${merge.outputs.violations}`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await bench.stop();
  }
}

if (process.argv[1]?.endsWith('org-scale.ts')) await main();
