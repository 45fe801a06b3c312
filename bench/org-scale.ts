/**
 * owners-diversity-check across an organisation (docs/owners-diversity-check.md "Across an
 * organisation"): the sandbox plays `acme/.github` and N repositories of acme, each with F OWNERS
 * files, selected by topic. Measured: the single-job run (it opens the audit issue), then on the
 * same state the matrix: the list job, every shard job, and the merge, which must find the
 * single job's issue current (0 writes: the same audit). Requests, GraphQL points and wall time
 * of each, read against GITHUB_TOKEN's and a GitHub App installation's limits.
 *
 *   npx tsx bench/org-scale.ts [repositories] [files-per-repo] [shard-size]
 * (plays the committed bundles; GOVERNANCE_ACTIONS_SCENARIO_SOURCE=1 plays the sources)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addOtherRepo } from '../test/sandbox/other-repos.js';
import { RepoState } from '../test/sandbox/state.js';
import { GENERATED_ORG_OWNERS_CONFIG, generatedOwnersFiles } from './generate/owners.js';
import { BenchRepo, type RunCost } from './harness.js';
import { TOKEN_REQUESTS_PER_HOUR, pacedSeconds } from './limits.js';
import { int, seconds, table } from './markdown.js';

const ACTION = 'owners-diversity-check';
const AT = '2026-06-01T06:00:00Z';
const CONFIG = GENERATED_ORG_OWNERS_CONFIG;

/**
 * GitHub's primary limits (docs.github.com "Rate limits for the REST API", "Rate limits and node
 * limits for the GraphQL API"): an App installation has 5,000 requests (and GraphQL points) an
 * hour, 50 more per repository and per user above 20, at most 12,500 (15,000 REST and 10,000
 * points on GitHub Enterprise Cloud); a workflow's GITHUB_TOKEN 1,000 of each per repository.
 */
const INSTALLATION_BASE = 5000;
const INSTALLATION_MAX = 12_500;
/** secondary limits: REST points (a GET is 1) and GraphQL points a minute */
const SECONDARY_REST_PER_MINUTE = 900;
/** `strategy.max-parallel` of workflows-examples/org-owners-diversity.yml */
const MAX_PARALLEL = 7;

export function installationLimit(repos: number, users = 0): number {
  return Math.min(
    INSTALLATION_MAX,
    INSTALLATION_BASE + 50 * Math.max(0, repos - 20) + 50 * Math.max(0, users - 20),
  );
}

export interface OrgScaleResult {
  repos: number;
  filesPerRepo: number;
  shardSize: number;
  single: RunCost;
  list: RunCost;
  shards: RunCost[];
  merge: RunCost;
}

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

/** An audit fails its job when it finds violations; only a run without a plan crashed. */
function planned(cost: RunCost, what: string): RunCost {
  if (!cost.outputs.plan) throw new Error(`${what} crashed: ${cost.run.stderr.slice(-800)}`);
  return cost;
}

export async function benchOrgScale(
  repos: number,
  filesPerRepo: number,
  shardSize: number,
  log: (msg: string) => void = () => {},
): Promise<OrgScaleResult> {
  const bench = await new BenchRepo(orgState(repos, filesPerRepo)).start();
  const dir = mkdtempSync(join(tmpdir(), 'org-shards-'));
  try {
    const event = () => bench.event(AT, { kind: 'schedule', cron: '23 5 * * 1' });
    const selection = { repositories: 'topic:governance' };
    const single = planned(await bench.run(ACTION, event(), AT, selection), 'the single-job run');
    log(`  single job: ${single.requests} requests, ${seconds(single.wallMs)}`);
    const list = await bench.runOk(ACTION, event(), AT, {
      ...selection,
      'org-mode': 'list',
      'shard-size': String(shardSize),
    });
    const shardLists = JSON.parse(list.outputs.shards ?? '[]') as string[];
    const shards: RunCost[] = [];
    for (const repositories of shardLists) {
      shards.push(
        await bench.runOk(ACTION, event(), AT, { repositories, 'org-mode': 'shard', 'shard-dir': dir }),
      );
      log(`  shard ${shards.length}/${shardLists.length}: ${shards.at(-1)!.requests} requests`);
    }
    const merge = planned(
      await bench.run(ACTION, event(), AT, { ...selection, 'org-mode': 'merge', 'shard-dir': dir }),
      'the merge',
    );
    // the merge decides what the single job decided: it finds the issue current
    if (merge.writes !== 0 || merge.outputs.violations !== single.outputs.violations)
      throw new Error(
        `the merge differs from the single job: ${merge.writes} writes, ${merge.outputs.violations} violations (single: ${single.outputs.violations})`,
      );
    return { repos, filesPerRepo, shardSize, single, list, shards, merge };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await bench.stop();
  }
}

type Cost = Pick<RunCost, 'requests' | 'rest' | 'graphql' | 'graphqlPoints' | 'writes' | 'wallMs'> &
  Partial<Pick<RunCost, 'contentCreating'>>;

function total(runs: RunCost[]): Cost {
  const sum = (k: 'requests' | 'rest' | 'graphql' | 'graphqlPoints' | 'writes' | 'contentCreating') =>
    runs.reduce((s, r) => s + r[k], 0);
  return {
    requests: sum('requests'),
    rest: sum('rest'),
    graphql: sum('graphql'),
    graphqlPoints: sum('graphqlPoints'),
    writes: sum('writes'),
    contentCreating: sum('contentCreating'),
    wallMs: runs.reduce((s, r) => s + r.wallMs, 0),
  };
}

const paced = (c: Cost) => seconds(pacedSeconds({ contentCreating: 0, ...c }) * 1000);
const row = (label: string, c: Cost, wall = seconds(c.wallMs)) => [
  label,
  int(c.requests),
  int(c.rest),
  int(c.graphql),
  int(c.graphqlPoints),
  int(c.writes),
  wall,
  paced(c),
];

/** The "Organisation scale" section of docs/benchmarks.md. */
export function orgScaleSection(r: OrgScaleResult): string[] {
  const largest = r.shards.reduce((a, b) => (b.requests > a.requests ? b : a), r.shards[0]!);
  // the example workflow runs at most MAX_PARALLEL shards at once: waves of them, each as slow as its slowest
  const waves = Math.ceil(r.shards.length / MAX_PARALLEL);
  const slowest = waves * Math.max(...r.shards.map((s) => s.wallMs));
  const slowestPaced = waves * Math.max(...r.shards.map((s) => pacedSeconds(s)));
  const parallelNote = `in ${waves} wave(s) of ${MAX_PARALLEL}`;
  const all = total([r.list, ...r.shards, r.merge]);
  const perRepoRest = total(r.shards).rest / r.repos;
  const perRepoPoints = r.single.graphqlPoints / r.repos;
  const app = installationLimit(r.repos);
  // a shard paces one GraphQL query a repository (1 s apart) and reads 2 REST between them
  const restPerShardMinute = (largest.rest / Math.max(1, pacedSeconds(largest))) * 60;
  const parallel = Math.max(1, Math.floor(SECONDARY_REST_PER_MINUTE / restPerShardMinute));
  return [
    '## Organisation scale',
    '',
    `owners-diversity-check over ${int(r.repos)} repositories of one organisation, ${int(r.filesPerRepo)} OWNERS`,
    'files each, selected by topic (`bench/org-scale.ts`; docs/owners-diversity-check.md "Across an',
    'organisation"). The sandbox serves `acme/.github` and the repositories; each run is the real bundle',
    'in its own process, as each job of `workflows-examples/org-owners-diversity.yml` and',
    '`-single.yml` runs it. The single job opens the audit issue; the matrix then runs on the same state,',
    `\`shard-size\` ${r.shardSize}, the shards one after another (on GitHub in parallel, at most ${MAX_PARALLEL} at once as`,
    '`strategy.max-parallel` in the example allows: the matrix rows count waves of them), and its',
    "merge must find the single job's issue current (0 writes: the same audit). *Paced* is the least time",
    'on GitHub, where the client spaces GraphQL queries and writes 1 s apart.',
    '',
    table(
      ['run', 'requests', 'REST', 'GraphQL', 'GraphQL points', 'writes', 'sandbox wall', 'paced on GitHub'],
      [
        row(`single job, ${int(r.repos)} repositories`, r.single),
        row('`list`', r.list),
        row(`one \`shard\` (the largest of ${r.shards.length})`, largest),
        [
          ...row(
            `all ${r.shards.length} shards`,
            total(r.shards),
            `${seconds(slowest)} ${parallelNote}`,
          ).slice(0, -1),
          `${seconds(slowestPaced * 1000)} ${parallelNote}`,
        ],
        row('`merge` (issue current)', r.merge),
        [
          ...row('matrix in all', all, `${seconds(r.list.wallMs + slowest + r.merge.wallMs)}`).slice(0, -1),
          `${seconds((pacedSeconds(r.list) + slowestPaced + pacedSeconds(r.merge)) * 1000)}`,
        ],
      ],
    ),
    '',
    `groups checked: ${r.merge.outputs['groups-checked'] ?? '—'}, violations: ${r.merge.outputs.violations ?? '—'}.`,
    '',
    `**Reading.** A repository costs ${perRepoRest.toFixed(1)} REST requests (its default branch, one tree`,
    `listing) and ${perRepoPoints.toFixed(1)} GraphQL points (its OWNERS files, 100 a query), whichever job reads`,
    'it; the matrix adds one start-up, the shard files and one issue read per job, not requests per repository.',
    `- **GITHUB_TOKEN** (${int(TOKEN_REQUESTS_PER_HOUR)} REST requests and ${int(TOKEN_REQUESTS_PER_HOUR)} GraphQL points an hour per`,
    `  repository, shared by every job of the workflow) binds first: it reads no other private repository at`,
    `  all, and even over public ones the single job's ${int(r.single.rest)} REST requests are`,
    `  ${((r.single.rest / TOKEN_REQUESTS_PER_HOUR) * 100).toFixed(0)}% of its hour: about ${int(TOKEN_REQUESTS_PER_HOUR / perRepoRest)} repositories an hour, before anything else the workflow runs.`,
    `- **A GitHub App installation token** on ${int(r.repos)} repositories has ${int(app)} REST requests and as many`,
    `  GraphQL points an hour (5,000, plus 50 per repository and per user above 20, at most 12,500; 15,000`,
    `  REST and 10,000 points on GitHub Enterprise Cloud). The audit takes ${((all.rest / app) * 100).toFixed(0)}% of its REST hour and`,
    `  ${((all.graphqlPoints / app) * 100).toFixed(0)}% of its points; shards share the installation's budget, so the matrix divides the`,
    `  wall time, not the requests. The REST budget binds at about ${int(INSTALLATION_MAX / perRepoRest)} repositories an hour.`,
    `- **Secondary limit** (${SECONDARY_REST_PER_MINUTE} REST points a minute across the installation): paced, a shard`,
    `  reads about ${int(restPerShardMinute)} REST requests a minute, so up to ${parallel} shards may run at once for minutes`,
    `  on end. Here all ${r.shards.length} shards read ${int(total(r.shards).rest)} in all, under one minute's ${SECONDARY_REST_PER_MINUTE}; for thousands of`,
    '  repositories the example workflow caps the matrix with `strategy.max-parallel` (more concurrent',
    '  shards meet retries, and after a few a shard fails and the merge names its repositories).',
    `- **Wall time**: paced, the single job takes at least ${paced(r.single)} and grows by about a second a`,
    '  repository (one GraphQL query each); a GitHub-hosted job stops at 6 h. The matrix takes the slowest',
    '  shard plus the list and the merge: it pays when the single job would take long, not for requests.',
    '',
  ];
}

async function main(): Promise<void> {
  const repos = Number(process.argv[2] ?? 300);
  const perRepo = Number(process.argv[3] ?? 20);
  const shardSize = Number(process.argv[4] ?? 20);
  const log = (msg: string) => process.stderr.write(`${msg}\n`);
  const result = await benchOrgScale(repos, perRepo, shardSize, log);
  process.stdout.write(`${orgScaleSection(result).join('\n')}\n`);
}

if (process.argv[1]?.endsWith('org-scale.ts')) await main();
