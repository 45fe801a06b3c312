/**
 * Parses one benchmark input (bench/parsers/cases.ts) twice in this child process and prints the
 * figures as JSON: twice, because a pathological input once crashed Node only on the second parse.
 * `child.ts CASE-ID [quick]`.
 */
import { performance } from 'node:perf_hooks';
import { GovernanceError } from '../../shared/errors/governance-error.js';
import { parserCases } from './cases.js';

const [id, quick] = process.argv.slice(2);
const found = parserCases(quick === 'quick').find((c) => c.id === id);
if (!found) throw new Error(`unknown parser case ${id}`);
const text = found.build();
const rssBeforeKb = process.resourceUsage().maxRSS;
const runs: { wallMs: number; cpuMs: number }[] = [];
let refused: string | undefined;
for (let i = 0; i < 2; i++) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    found.parse(text);
  } catch (error) {
    if (!(error instanceof GovernanceError)) throw error;
    refused = error.describe();
  }
  const used = process.cpuUsage(cpu);
  runs.push({ wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
}
process.stdout.write(
  `${JSON.stringify({
    id,
    chars: text.length,
    runs,
    refused: refused?.slice(0, 300),
    maxRssBeforeKb: rssBeforeKb,
    maxRssKb: process.resourceUsage().maxRSS,
  })}\n`,
);
