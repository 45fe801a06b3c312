/**
 * `npm run bench [-- --quick] [--out FILE] [--max-items N] [--only SECTIONS] [--parser-cases RE] [--render JSON]`:
 * measures the actions' API cost against the sandbox, the modelled actions/stale reads, a first
 * sweep under enforced GITHUB_TOKEN limits, start-up, bundle sizes,
 * the pure evaluators and the parsers on 10 MB inputs, and
 * writes the Markdown report (docs/benchmarks.md by default; `--quick`, the CI smoke subset, only
 * prints unless `--out` is given). The report is rewritten after each section, so a long run that is
 * stopped still leaves what it measured.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from '../test/runner/play.js';
import { benchDpl } from './dpl.js';
import { measureEvaluator } from './evaluators/measure.js';
import { benchLazyConsensus, benchStaleComparison } from './lazy-consensus.js';
import { benchRateLimitedSweep } from './rate-limited-sweep.js';
import { currentLoad, machine } from './machine.js';
import { benchOrgScale } from './org-scale.js';
import { benchOwnersAudit, generatedFiles, testInfraFiles } from './owners-diversity.js';
import { benchParsers } from './parsers/measure.js';
import { renderReport, type Results } from './report.js';
import { benchStartup, bundleSizes } from './startup.js';
import { benchVep } from './vep.js';

const USAGE =
  'usage: npm run bench [-- --quick] [-- --out FILE] [-- --max-items N] [-- --render RESULTS.json] [-- --only SECTIONS] [-- --parser-cases REGEXP]';
const DEFAULT_OUT = join(REPO_ROOT, 'docs', 'benchmarks.md');
/** the raw figures of the last run, so the report can be re-rendered without measuring again */
const RESULTS_JSON = join(tmpdir(), 'governance-actions-bench-results.json');

interface Sizes {
  lazyConsensus: number[];
  vep: number;
  /** open issues for the side-by-side with actions/stale's reads */
  stale: number[];
  /** new due items in the first sweep under enforced GITHUB_TOKEN limits */
  rateLimited: number;
  ownersGenerated: number;
  dplTeams: number;
  startupSamples: number;
  owners: number[];
  lazyEvaluator: number[];
  /** organisation scale: repositories, OWNERS files in each, repositories per shard */
  org: [number, number, number];
}

const FULL: Sizes = {
  lazyConsensus: [10, 100, 1000, 5000],
  vep: 1000,
  stale: [100, 1000],
  rateLimited: 1000,
  ownersGenerated: 10_000,
  dplTeams: 50,
  startupSamples: 20,
  owners: [1000, 10_000],
  lazyEvaluator: [500, 5000],
  org: [300, 20, 20],
};
const QUICK: Sizes = {
  lazyConsensus: [10, 100],
  vep: 50,
  stale: [100],
  rateLimited: 100,
  ownersGenerated: 1000,
  dplTeams: 10,
  startupSamples: 3,
  owners: [1000],
  lazyEvaluator: [500],
  org: [30, 5, 10],
};

const SECTIONS = [
  'startup',
  'evaluators',
  'parsers',
  'owners',
  'org',
  'dpl',
  'vep',
  'lazy',
  'stale',
  'rate-limits',
] as const;
type Section = (typeof SECTIONS)[number];

interface Args {
  quick: boolean;
  out?: string;
  maxItems: number;
  render?: string;
  /** measure only these sections, keeping the others from the last run's saved figures */
  only?: Section[];
  /** lazy-consensus sizes instead of the mode's */
  lazySizes?: number[];
  /** parser cases whose id matches this regular expression (`owners/`, `@10000000`) */
  parserCases?: RegExp;
}

function parseArgs(argv: string[]): Args {
  let quick = false;
  let only: Section[] | undefined;
  let lazySizes: number[] | undefined;
  let out: string | undefined;
  let render: string | undefined;
  let maxItems = Infinity;
  let parserCases: RegExp | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--out') out = argv[++i];
    else if (a === '--max-items') maxItems = Number(argv[++i]);
    else if (a === '--render') render = argv[++i];
    else if (a === '--lazy-sizes') lazySizes = (argv[++i] ?? '').split(',').map(Number);
    else if (a === '--parser-cases') parserCases = new RegExp(argv[++i] ?? '');
    else if (a === '--only') {
      only = (argv[++i] ?? '').split(',') as Section[];
      const bad = only.filter((x) => !SECTIONS.includes(x));
      if (bad.length) throw new Error(`unknown section ${bad.join(', ')} (sections: ${SECTIONS.join(', ')})`);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (!(maxItems > 0)) throw new Error(`--max-items needs a positive number\n${USAGE}`);
  if (lazySizes?.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--lazy-sizes needs positive whole numbers\n${USAGE}`);
  return {
    quick,
    out: out ?? (quick ? undefined : DEFAULT_OUT),
    maxItems,
    render,
    only,
    lazySizes,
    parserCases,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.render) {
    const saved = JSON.parse(readFileSync(args.render, 'utf8')) as Results;
    if (args.out) writeFileSync(args.out, renderReport(saved));
    process.stdout.write(renderReport(saved));
    return;
  }
  const sizes = args.quick ? QUICK : FULL;
  const started = performance.now();
  const fresh: Results = {
    quick: args.quick,
    machine: machine(),
    lazyConsensus: [],
    owners: [],
    evaluators: [],
    problems: [],
  };
  const saved =
    args.only && existsSync(RESULTS_JSON)
      ? (JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as Results)
      : undefined;
  const results: Results = saved ?? fresh;
  const priorWallMs = saved?.wallMs ?? 0;
  const wanted = (s: Section) => !args.only || args.only.includes(s);
  const log = (msg: string) => process.stderr.write(`${msg}\n`);
  const save = () => {
    results.loadAtEnd = currentLoad();
    results.wallMs = priorWallMs + performance.now() - started;
    if (args.out) writeFileSync(args.out, renderReport(results));
    // the child-process transcripts are large and not part of the figures
    writeFileSync(
      RESULTS_JSON,
      JSON.stringify(results, (k, v) => (k === 'run' ? undefined : v)),
    );
  };
  const section = async (key: Section, name: string, body: () => Promise<void>) => {
    if (!wanted(key)) return;
    // a section measured again replaces what the saved figures said about it
    results.problems = results.problems.filter((p) => !p.startsWith(`[${key}]`) && !p.startsWith(name));
    const t = performance.now();
    log(`${name}...`);
    try {
      await body();
    } catch (e) {
      results.problems.push(`[${key}] ${name}: failed: ${(e as Error).message.split('\n')[0]}`);
      log(`${name} failed: ${(e as Error).stack}`);
    }
    log(`${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    save();
  };

  await section('startup', 'bundle sizes and start-up', async () => {
    results.sizes = bundleSizes();
    results.startup = await benchStartup(sizes.startupSamples);
  });
  await section('evaluators', 'pure evaluators', async () => {
    results.evaluators = [];
    for (const n of sizes.owners) results.evaluators.push(await measureEvaluator('owners', n));
    for (const n of sizes.lazyEvaluator) results.evaluators.push(await measureEvaluator('lazy', n));
  });
  await section('parsers', 'parsers on 10 MB inputs', async () => {
    const measured = await benchParsers(
      args.quick,
      log,
      args.parserCases && ((id) => args.parserCases!.test(id)),
    );
    // a partial run (--parser-cases) replaces only the cases it measured
    const ids = new Set(measured.map((m) => m.id));
    results.parsers = [...(results.parsers ?? []).filter((p) => !ids.has(p.id)), ...measured];
  });
  await section('owners', 'owners-diversity audits', async () => {
    results.owners = [await benchOwnersAudit('kubernetes/test-infra', testInfraFiles())];
    results.owners.push(
      await benchOwnersAudit('generated', generatedFiles(Math.min(sizes.ownersGenerated, args.maxItems))),
    );
  });
  const [orgRepos, orgFiles, orgShard] = sizes.org;
  await section(
    'org',
    `organisation scale (${orgRepos} repositories × ${orgFiles} OWNERS files)`,
    async () => {
      results.orgScale = await benchOrgScale(orgRepos, orgFiles, orgShard, log);
    },
  );
  await section('dpl', `DPL cycle (${sizes.dplTeams} teams)`, async () => {
    results.dpl = await benchDpl(sizes.dplTeams, log);
  });
  await section('vep', `VEP escalation (${sizes.vep} proposals)`, async () => {
    results.vep = await benchVep(Math.min(sizes.vep, args.maxItems), log);
  });
  await section('stale', "the timer's quiet sweep beside actions/stale's reads", async () => {
    const measured = [];
    for (const n of sizes.stale.filter((x) => x <= args.maxItems))
      measured.push(await benchStaleComparison(n, log));
    results.staleComparison = measured;
  });
  const limited = Math.min(sizes.rateLimited, args.maxItems);
  await section(
    'rate-limits',
    `first sweep over ${limited} new due items under GITHUB_TOKEN's limits`,
    async () => {
      results.rateLimited = await benchRateLimitedSweep(limited, log);
    },
  );
  for (const n of args.lazySizes ?? sizes.lazyConsensus) {
    if (n > args.maxItems) {
      results.problems.push(
        `[lazy] lazy-consensus sweep over ${n} items: skipped (--max-items ${args.maxItems})`,
      );
      continue;
    }
    await section('lazy', `lazy-consensus sweeps (${n} items)`, async () => {
      const measured = await benchLazyConsensus(n, log);
      results.lazyConsensus = [...results.lazyConsensus.filter((x) => x.n !== n), measured].sort(
        (a, b) => a.n - b.n,
      );
    });
  }
  save();
  process.stdout.write(renderReport(results));
  log(`figures saved to ${RESULTS_JSON} (re-render with --render)`);
  if (args.out) log(`written to ${args.out}`);
  if (results.problems.some((p) => p.includes('failed'))) process.exitCode = 1;
}

await main();
