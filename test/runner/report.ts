/** How the scenario command prints one file's result: human lines or one JSON object. */
import type { PlayResult } from './play.js';

export function formatHuman(r: PlayResult): string {
  const head = `${r.passed ? 'PASS' : 'FAIL'}  ${r.name}  (${r.file}, ${r.requests} request${r.requests === 1 ? '' : 's'})`;
  const body = r.failures.map((f) =>
    f
      .split('\n')
      .map((line, i) => `${i === 0 ? '    - ' : '      '}${line}`)
      .join('\n'),
  );
  return [head, ...body].join('\n');
}

export function formatJson(r: PlayResult): string {
  return JSON.stringify({ file: r.file, passed: r.passed, failures: r.failures, requests: r.requests });
}
