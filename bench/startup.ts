/**
 * Start-up: for each bundle, the time from spawning it (with the runner's environment) to the first
 * request the sandbox receives, and to its exit (the whole run: a bundle that only moved work
 * after its first request would show it there), against an empty script spawned the same way
 * (`node -e 0`'s equivalent through the same runner code: same environment, same temp files),
 * interleaved so machine load hits both alike; medians. Plus the bundles' sizes: the entry, what a
 * run loads, and every file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { RepoState } from '../test/sandbox/state.js';
import { actionEntry, runAction } from '../test/runner/run-action.js';
import { BENCH_ACTIONS_DIR, BenchRepo } from './harness.js';

export const BUNDLES = ['vep-sig-label', 'lazy-consensus-timer', 'dpl-reset', 'owners-diversity-check'];
const BARE = 'bare-node';
const AT = '2026-03-02T12:00:00Z';

export interface StartupRow {
  name: string;
  /** spawn to first request (bundles) or to exit (the bare script), ms, per sample */
  samples: number[];
  median: number;
  /** spawn to exit, ms: the median over the samples */
  wholeRunMedian: number;
}

export interface BundleSize {
  name: string;
  /** dist/index.js, what the runner starts */
  bytes: number;
  gzipBytes: number;
  /** index.js and the chunk files a run loads without a proxy (all but the proxy's undici chunk) */
  runBytes: number;
  /** every .js file in dist/ */
  allBytes: number;
}

/** The chunk holding undici, loaded only behind a proxy (shared/github/proxy-fetch.ts). */
const isProxyChunk = (code: string) => code.includes('ProxyAgent') && code.includes('llhttp');

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export function bundleSizes(): BundleSize[] {
  return BUNDLES.map((name) => {
    const entry = actionEntry(BENCH_ACTIONS_DIR, name);
    const code = readFileSync(entry);
    const dist = join(entry, '..');
    const files = readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dist, f), 'utf8'));
    const bytes = (codes: string[]) => codes.reduce((n, c) => n + Buffer.byteLength(c), 0);
    return {
      name,
      bytes: code.length,
      gzipBytes: gzipSync(code, { level: 9 }).length,
      runBytes: bytes(files.filter((c) => !isProxyChunk(c))),
      allBytes: bytes(files),
    };
  });
}

/**
 * Variables of this shell that a GitHub-hosted runner does not set and that change every Node
 * start: NODE_EXTRA_CA_CERTS makes Node read and parse a CA file before running anything (about
 * 60 ms on the development machine, for the empty script as much as for a bundle).
 */
export const NOT_ON_HOSTED_RUNNERS = ['NODE_EXTRA_CA_CERTS'];

/**
 * The Node binary that starts every process of this section (default: the bench's own), e.g. a
 * Node 24 like the runners' (`runs.using: node24`): `GOVERNANCE_ACTIONS_BENCH_NODE=/path/to/node`.
 */
const NODE = process.env.GOVERNANCE_ACTIONS_BENCH_NODE || undefined;

export async function benchStartup(samples: number): Promise<StartupRow[]> {
  const saved = NOT_ON_HOSTED_RUNNERS.map((k) => [k, process.env[k]] as const);
  for (const [k] of saved) delete process.env[k];
  try {
    return await measureStartup(samples);
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

async function measureStartup(samples: number): Promise<StartupRow[]> {
  const bareDir = mkdtempSync(join(tmpdir(), 'bench-bare-'));
  mkdirSync(join(bareDir, BARE, 'dist'), { recursive: true });
  writeFileSync(actionEntry(bareDir, BARE), '');
  const repo = await new BenchRepo(
    new RepoState({ collaborators: { alice: 'admin' }, files: { '.github/governance.yml': 'version: 1\n' } }),
  ).start();
  const times = new Map<string, number[]>([[BARE, []], ...BUNDLES.map((b) => [b, []] as [string, number[]])]);
  const wholeRuns = new Map<string, number[]>([...times.keys()].map((k) => [k, []]));
  try {
    for (let i = 0; i < samples; i++) {
      const event = repo.event(AT, { kind: 'schedule', cron: '0 * * * *' });
      const started = performance.now();
      const bare = await runAction({
        action: BARE,
        actionsDir: bareDir,
        event,
        inputs: {},
        token: repo.token,
        apiUrl: repo.sandbox.url,
        graphqlUrl: `${repo.sandbox.url}/graphql`,
        owner: repo.state.owner,
        repo: repo.state.name,
        repoId: repo.state.repoId,
        now: AT,
        runId: 1,
        ...(NODE ? { nodePath: NODE } : {}),
      });
      if (bare.exitCode !== 0) throw new Error(`the bare script exited ${bare.exitCode}`);
      times.get(BARE)!.push(performance.now() - started);
      wholeRuns.get(BARE)!.push(performance.now() - started);
      for (const name of BUNDLES) {
        const run = await repo.run(name, event, AT, {}, NODE ? { nodePath: NODE } : {});
        if (run.firstRequestMs === null)
          throw new Error(
            `${name} made no request: ${run.run.stderr.trim().split('\n').slice(-3).join(' ')}`,
          );
        times.get(name)!.push(run.firstRequestMs);
        wholeRuns.get(name)!.push(run.wholeRunMs);
      }
    }
  } finally {
    await repo.stop();
    rmSync(bareDir, { recursive: true, force: true });
  }
  const nodeVersion = execFileSync(NODE ?? process.execPath, ['--version'], { encoding: 'utf8' }).trim();
  return [...times].map(([name, s]) => ({
    name: name === BARE ? `empty script (node -e 0; Node ${nodeVersion})` : name,
    samples: s,
    median: median(s),
    wholeRunMedian: median(wholeRuns.get(name)!),
  }));
}
