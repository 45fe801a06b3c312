/**
 * Runs one pure evaluator in this (child) process and prints its CPU time and peak memory as JSON:
 * `owners N` (owners-diversity decideAudit over N generated OWNERS files) or `lazy N`
 * (lazy-consensus decide over N items). Inputs are built first; the RSS peak before the evaluation
 * is reported too, so what the evaluation itself adds is visible.
 */
import { performance } from 'node:perf_hooks';
import { decide } from '../../shared/lazy-consensus/decide.js';
import { decideAudit } from '../../shared/owners-diversity/decide.js';
import { lazyConsensusInput, ownersInput } from './inputs.js';

const NOW = new Date('2026-03-09T12:00:00Z');

const [kind, nText] = process.argv.slice(2);
const n = Number(nText);
let evaluate: () => { effects: number };
if (kind === 'owners') {
  const { files, config } = ownersInput(n);
  evaluate = () => ({
    effects: decideAudit({ kind: 'audit', files, issue: null }, config['owners-diversity'], NOW).effects
      .length,
  });
} else if (kind === 'lazy') {
  const { items, config, authority } = lazyConsensusInput(n);
  evaluate = () => ({ effects: decide(items, config, NOW, authority).effects.length });
} else {
  throw new Error(`usage: child.ts owners|lazy N (got ${kind})`);
}

const rssBeforeKb = process.resourceUsage().maxRSS;
const cpu = process.cpuUsage();
const started = performance.now();
const { effects } = evaluate();
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({
    kind,
    n,
    effects,
    wallMs,
    userMs: used.user / 1000,
    systemMs: used.system / 1000,
    maxRssBeforeKb: rssBeforeKb,
    maxRssKb: process.resourceUsage().maxRSS,
  })}\n`,
);
