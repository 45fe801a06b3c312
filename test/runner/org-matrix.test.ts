/**
 * workflows-examples/org-owners-diversity.yml as GitHub runs it (docs/owners-diversity-check.md
 * "Across an organisation", matrix mode): a `list` job emits the shards, one `shard` job per entry
 * (its own process and workspace) writes its shard file, `actions/upload-artifact` uploads that
 * file as `owners-diversity-shard-<job-index>`, `actions/download-artifact` with the pattern
 * `owners-diversity-shard-*` unpacks every artifact into `shards/<artifact name>/` of the merge
 * job's workspace, and the merge job decides once. The scenario format has no jobs, workspaces or
 * artifacts, so this plays the workflow here: the real action (process isolation, `shard-dir` a
 * relative path as in the workflow) against one sandbox per organisation state.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse as parseWorkflowYaml } from 'yaml';
import { BenchRepo } from '../../bench/harness.js';
import { GENERATED_ORG_OWNERS_CONFIG, generatedOwnersFiles } from '../../bench/generate/owners.js';
import { addOtherRepo } from '../sandbox/other-repos.js';
import { RepoState } from '../sandbox/state.js';
import { REPO_ROOT } from './play.js';

const ACTION = 'owners-diversity-check';
const AT = '2026-06-01T06:00:00Z';
const WORKFLOW = join(REPO_ROOT, 'workflows-examples', 'org-owners-diversity.yml');
const CONFIG = GENERATED_ORG_OWNERS_CONFIG;

/** The matrix workflow's wiring, read from the example so the test plays what it says. */
interface Wiring {
  repositories: string;
  shardSize: string;
  shardDir: string;
  mergeDir: string;
  artifact: (index: number) => string;
  pattern: RegExp;
}

function workflowWiring(): Wiring {
  type Step = { uses?: string; id?: string; with?: Record<string, string> };
  type Job = {
    steps: Step[];
    needs?: string | string[];
    if?: string;
    outputs?: Record<string, string>;
    strategy?: { matrix: Record<string, string> };
  };
  const wf = parseWorkflowYaml(readFileSync(WORKFLOW, 'utf8')) as {
    env: Record<string, string>;
    jobs: Record<string, Job>;
  };
  const action = (job: Job) => job.steps.find((s) => s.uses?.includes(`actions/${ACTION}@`))!;
  const { list, shard, merge } = wf.jobs;
  const upload = shard!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
  const download = merge!.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
  // what the test plays is what the workflow wires
  expect(action(list!).with).toMatchObject({ 'org-mode': 'list', repositories: '${{ env.REPOSITORIES }}' });
  expect(list!.outputs?.shards).toBe(`\${{ steps.${action(list!).id}.outputs.shards }}`);
  expect(shard!.strategy?.matrix.repositories).toBe('${{ fromJSON(needs.list.outputs.shards) }}');
  expect(action(shard!).with).toMatchObject({
    'org-mode': 'shard',
    repositories: '${{ matrix.repositories }}',
  });
  expect(upload.with?.path).toBe(`\${{ steps.${action(shard!).id}.outputs.shard-file }}`);
  expect(upload.with?.name).toMatch(/^[\w-]+\$\{\{ strategy\.job-index \}\}$/);
  expect(download.with).not.toHaveProperty('merge-multiple');
  expect(action(merge!).with).toMatchObject({ 'org-mode': 'merge', repositories: '${{ env.REPOSITORIES }}' });
  const prefix = upload.with!.name!.replace('${{ strategy.job-index }}', '');
  expect(download.with?.pattern).toBe(`${prefix}*`);
  expect(download.with?.path).toBe(action(merge!).with?.['shard-dir']);
  // an empty selection runs no matrix; a failed shard still leaves the merge to name what is missing
  expect(shard!.if).toContain("needs.list.outputs.shards != '[]'");
  expect(merge!.needs).toEqual(['list', 'shard']);
  expect(merge!.if).toMatch(/!cancelled\(\) && needs\.list\.result == 'success'/);
  return {
    repositories: wf.env.REPOSITORIES!,
    shardSize: action(list!).with!['shard-size']!,
    shardDir: action(shard!).with!['shard-dir']!,
    mergeDir: download.with!.path!,
    artifact: (i) => `${prefix}${i}`,
    pattern: new RegExp(`^${prefix}`),
  };
}

/** acme/.github and `count` repositories with the topic, 3 OWNERS files each; acme/secret is private. */
function orgState(count: number, filesPerRepo = 3): RepoState {
  const state = new RepoState({
    owner: 'acme',
    name: '.github',
    collaborators: { alice: 'admin' },
    files: {
      '.github/governance.yml': CONFIG,
      'affiliations.yaml': generatedOwnersFiles(1)['affiliations.yaml']!,
    },
  });
  for (let i = 0; i < count; i++) {
    const files = generatedOwnersFiles(filesPerRepo, 1000 + i);
    delete files['affiliations.yaml'];
    addOtherRepo(state, `acme/repo-${String(i).padStart(4, '0')}`, { files, topics: ['governance'] });
  }
  addOtherRepo(state, 'acme/secret', { private: true, files: { OWNERS: 'approvers: [dev1]\n' } });
  return state;
}

const workspaces: string[] = [];
/** A job's own workspace, as each job of a workflow runs on a fresh runner. */
function newWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'org-matrix-job-'));
  workspaces.push(dir);
  return dir;
}
afterAll(() => workspaces.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function organisation(count: number): Promise<BenchRepo> {
  const bench = await new BenchRepo(orgState(count), { enforceRateLimits: true }).start();
  return bench;
}

const schedule = (bench: BenchRepo) => bench.event(AT, { kind: 'schedule', cron: '23 5 * * 1' });

/** The list and shard jobs; returns the artifacts (name -> the files uploaded) and what each job cost. */
async function listAndShards(bench: BenchRepo, w: Wiring, selection: string) {
  const list = await bench.runOk(ACTION, schedule(bench), AT, {
    repositories: selection,
    'org-mode': 'list',
    'shard-size': w.shardSize,
  });
  const shards = JSON.parse(list.outputs.shards!) as string[];
  const artifacts = new Map<string, string>();
  const shardRuns = [];
  for (const [index, repositories] of shards.entries()) {
    const workspace = newWorkspace();
    const run = await bench.runOk(
      ACTION,
      schedule(bench),
      AT,
      { repositories, 'org-mode': 'shard', 'shard-dir': w.shardDir },
      { workspace },
    );
    shardRuns.push(run);
    // upload-artifact resolves a relative path against the workspace; one file is stored at the root
    const file = run.outputs['shard-file']!;
    expect(file.startsWith(`${w.shardDir}/`)).toBe(true);
    const uploaded = mkdtempSync(join(tmpdir(), 'org-matrix-artifact-'));
    workspaces.push(uploaded);
    copyFileSync(join(workspace, file), join(uploaded, basename(file)));
    artifacts.set(w.artifact(index), uploaded);
  }
  return { list, shards, shardRuns, artifacts };
}

/** download-artifact with `pattern` and no merge-multiple: each artifact in `<path>/<its name>/`. */
function download(artifacts: Map<string, string>, w: Wiring): string {
  const workspace = newWorkspace();
  for (const [name, folder] of artifacts) {
    if (!w.pattern.test(name)) continue;
    const into = join(workspace, w.mergeDir, name);
    mkdirSync(into, { recursive: true });
    for (const f of readdirSync(folder)) copyFileSync(join(folder, f), join(into, f));
  }
  return workspace;
}

const merge = (bench: BenchRepo, w: Wiring, workspace: string) =>
  bench.run(
    ACTION,
    schedule(bench),
    AT,
    { repositories: w.repositories, 'org-mode': 'merge', 'shard-dir': w.mergeDir },
    { workspace },
  );

const auditIssues = (bench: BenchRepo) =>
  [...bench.state.issues.values()].map((i) => ({
    title: i.title,
    body: i.body,
    labels: [...i.labels].sort(),
    state: i.state,
  }));

describe('owners-diversity-check on the Actions matrix (org-owners-diversity.yml)', () => {
  // 12 repositories by topic and one named private one the token cannot see: 3 shards of 5
  const selection = 'topic:governance secret';
  let wiring: Wiring;
  beforeAll(() => {
    wiring = { ...workflowWiring(), repositories: selection, shardSize: '5' };
  });
  let artifacts = new Map<string, string>();

  it('merges to the audit issue a single job writes, and the list and shard jobs write nothing', async () => {
    const single = await organisation(12);
    let expected: ReturnType<typeof auditIssues>;
    let singleRun: Awaited<ReturnType<BenchRepo['run']>>;
    try {
      singleRun = await single.run(ACTION, schedule(single), AT, { repositories: selection });
      expect(singleRun.outputs.plan).toBeDefined();
      expected = auditIssues(single);
      expect(expected).toHaveLength(1);
    } finally {
      await single.stop();
    }
    const bench = await organisation(12);
    try {
      const jobs = await listAndShards(bench, wiring, selection);
      expect(jobs.shards.map((s) => s.split(',').length)).toEqual([5, 5, 3]);
      expect(jobs.list.writes).toBe(0);
      expect(jobs.shardRuns.map((r) => r.writes)).toEqual([0, 0, 0]);
      expect(bench.state.issues.size).toBe(0);
      artifacts = jobs.artifacts;
      const merged = await merge(bench, wiring, download(artifacts, wiring));
      expect(merged.outputs.plan).toBeDefined();
      const outcome = (r: typeof merged) => [r.exitCode, r.outputs.violations, r.outputs['groups-checked']];
      expect(outcome(merged)).toEqual(outcome(singleRun));
      expect(auditIssues(bench)).toEqual(expected);
      // the unreadable repository travels through its shard and fails the merge as it fails a single job
      expect(expected[0]!.body).toMatch(/acme\/secret could not be read/);
    } finally {
      await bench.stop();
    }
  }, 300_000);

  /** A merge over `tamper(artifacts)` on an organisation without an audit issue yet. */
  async function tamperedMerge(tamper: (workspace: string) => void) {
    const bench = await organisation(12);
    try {
      const workspace = download(artifacts, wiring);
      tamper(join(workspace, wiring.mergeDir));
      const run = await merge(bench, wiring, workspace);
      return { run, writes: run.writes, issues: bench.state.issues.size };
    } finally {
      await bench.stop();
    }
  }
  const shardFiles = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  const failed = (r: Awaited<ReturnType<typeof tamperedMerge>>, message: RegExp) => {
    expect(r.run.exitCode).not.toBe(0);
    expect(`${r.run.run.stdout}\n${r.run.run.stderr}`).toMatch(message);
    expect(r.writes).toBe(0);
    expect(r.issues).toBe(0);
  };

  it('fails the merge and writes nothing when a shard is missing', async () => {
    failed(
      await tamperedMerge((dir) => rmSync(shardFiles(dir)[1]!)),
      /no shard reported 5 of the 13 selected repositories \(repo-0005, repo-0006, repo-0007, repo-0008, repo-0009\)/,
    );
  }, 120_000);

  it('fails the merge and writes nothing when a shard file is corrupt', async () => {
    failed(
      await tamperedMerge((dir) => {
        const file = shardFiles(dir)[0]!;
        writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200));
      }),
      /shard owners-diversity-shard-0\/shard-repo-0000\.json is not JSON/,
    );
    failed(
      await tamperedMerge((dir) => {
        const file = shardFiles(dir)[0]!;
        const body = JSON.parse(readFileSync(file, 'utf8')) as { repos: { files?: unknown }[] };
        delete body.repos[0]!.files;
        writeFileSync(file, JSON.stringify(body));
      }),
      /shard owners-diversity-shard-0\/shard-repo-0000\.json: repos\[0\]\.files is not a list/,
    );
  }, 240_000);

  it('fails the merge and writes nothing when a shard is duplicated', async () => {
    failed(
      await tamperedMerge((dir) => {
        const [first] = shardFiles(dir);
        mkdirSync(join(dir, 'owners-diversity-shard-9'));
        copyFileSync(first!, join(dir, 'owners-diversity-shard-9', basename(first!)));
      }),
      /repository repo-0000 is in two shards: owners-diversity-shard-0\/shard-repo-0000\.json and owners-diversity-shard-9\/shard-repo-0000\.json/,
    );
  }, 120_000);

  it("fails the merge and writes nothing on another owner's shard", async () => {
    failed(
      await tamperedMerge((dir) => {
        const file = shardFiles(dir)[2]!;
        writeFileSync(file, readFileSync(file, 'utf8').replace('"owner":"acme"', '"owner":"evil"'));
      }),
      /shard owners-diversity-shard-2\/shard-repo-0010\.json holds repositories of evil, not acme/,
    );
  }, 120_000);

  it('leaves out, with a note in the audit, a repository a shard read that the selection no longer holds', async () => {
    const bench = await organisation(12);
    try {
      // the shards read `topic:governance secret`; the merge's selection is the topic alone
      const run = await bench.run(
        ACTION,
        schedule(bench),
        AT,
        { repositories: 'topic:governance', 'org-mode': 'merge', 'shard-dir': wiring.mergeDir },
        { workspace: download(artifacts, wiring) },
      );
      const note = /1 repository a shard read is no longer selected and is left out of this audit: secret/;
      expect(run.run.stdout).toMatch(note);
      const issues = auditIssues(bench);
      expect(issues).toHaveLength(1);
      expect(issues[0]!.body).toMatch(note);
      expect(issues[0]!.body).not.toMatch(/acme\/secret could not be read/);
    } finally {
      await bench.stop();
    }
  }, 120_000);

  it("keeps the shards output within GitHub's 256-job matrix: 6,000 repositories of 20 are 250 shards of 24", async () => {
    const state = new RepoState({
      owner: 'acme',
      name: '.github',
      collaborators: { alice: 'admin' },
      files: { '.github/governance.yml': CONFIG },
    });
    for (let i = 0; i < 6000; i++)
      addOtherRepo(state, `acme/repo-${String(i).padStart(4, '0')}`, { topics: ['governance'] });
    const bench = await new BenchRepo(state, { enforceRateLimits: true }).start();
    try {
      const list = await bench.runOk(ACTION, schedule(bench), AT, {
        repositories: 'topic:governance',
        'org-mode': 'list',
        'shard-size': '20',
      });
      const shards = JSON.parse(list.outputs.shards!) as string[];
      expect(shards).toHaveLength(250);
      expect(new Set(shards.map((s) => s.split(',').length))).toEqual(new Set([24]));
      expect(shards.flatMap((s) => s.split(','))).toHaveLength(6000);
      expect(list.writes).toBe(0);
      // GitHub caps an output at 1 MB and a job's outputs at 50 MB
      expect(Buffer.byteLength(list.outputs.shards!)).toBeLessThan(1024 * 1024);
    } finally {
      await bench.stop();
    }
  }, 300_000);
});
