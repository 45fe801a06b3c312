/**
 * Runs every parser case (bench/parsers/cases.ts) in its own child process, with a time limit so a
 * quadratic parser shows up as "over N s" instead of stalling the bench.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parserCases } from './cases.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'child.ts');
/** `BENCH_PARSER_LIMIT_S` shortens it (to show a quadratic parser without waiting for it) */
export const PARSER_TIME_LIMIT_MS = Number(process.env.BENCH_PARSER_LIMIT_S ?? 60) * 1000;

export interface ParserFigures {
  id: string;
  format: string;
  shape: string;
  chars: number;
  /** two parses in one process: wall and CPU of each */
  runs: { wallMs: number; cpuMs: number }[];
  /** the GovernanceError the parser refused the input with (an input cap) */
  refused?: string;
  /** the child did not finish within PARSER_TIME_LIMIT_MS, or died */
  failed?: string;
  maxRssBeforeKb: number;
  maxRssKb: number;
}

function runChild(id: string, quick: boolean): Promise<Omit<ParserFigures, 'format' | 'shape'>> {
  return new Promise((resolve) => {
    const args = ['--import', 'tsx', CHILD, id, ...(quick ? ['quick'] : [])];
    execFile(
      process.execPath,
      args,
      { maxBuffer: 1 << 20, timeout: PARSER_TIME_LIMIT_MS, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').at(-1);
        if (!error && line) return resolve(JSON.parse(line));
        const why = error?.killed
          ? `over ${PARSER_TIME_LIMIT_MS / 1000} s (killed)`
          : `crashed: ${(
              stderr
                .trim()
                .split('\n')
                .find((l) => /Error|Allocation|fatal/i.test(l)) ??
              error?.message ??
              ''
            ).slice(0, 200)}`;
        resolve({ id, chars: 0, runs: [], failed: why, maxRssBeforeKb: 0, maxRssKb: 0 });
      },
    );
  });
}

export async function benchParsers(
  quick: boolean,
  log: (msg: string) => void,
  only?: (id: string) => boolean,
): Promise<ParserFigures[]> {
  const figures: ParserFigures[] = [];
  for (const c of parserCases(quick)) {
    if (only && !only(c.id)) continue;
    const measured = await runChild(c.id, quick);
    const row: ParserFigures = { ...measured, format: c.format, shape: c.shape };
    figures.push(row);
    const times = row.runs.map((r) => `${Math.round(r.cpuMs)} ms CPU`).join(', ');
    log(`  ${c.id}: ${row.failed ?? times}${row.refused ? ` (refused: ${row.refused.slice(0, 120)})` : ''}`);
  }
  return figures;
}
