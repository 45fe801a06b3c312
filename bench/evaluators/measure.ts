/** Runs the evaluator child (bench/evaluators/child.ts) in its own process and reads its figures. */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'child.ts');

export interface EvaluatorFigures {
  kind: 'owners' | 'lazy';
  n: number;
  effects: number;
  wallMs: number;
  userMs: number;
  systemMs: number;
  maxRssBeforeKb: number;
  maxRssKb: number;
}

export async function measureEvaluator(kind: 'owners' | 'lazy', n: number): Promise<EvaluatorFigures> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', CHILD, kind, String(n)],
    {
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as EvaluatorFigures;
}
