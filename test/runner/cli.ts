/**
 * `npm run scenario -- FILE... [--json | --show]`: plays each scenario file and reports PASS/FAIL;
 * `--show` adds each run's job summary and the full text of everything it wrote.
 * Exits 0 only when every file passes. A file that cannot be parsed fails on its own.
 */
import { playScenario, type PlayResult } from './play.js';
import { formatHuman, formatJson, formatShow } from './report.js';

const USAGE = 'usage: npm run scenario -- FILE... [--json | --show]';

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const show = argv.includes('--show');
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--json' && a !== '--show');
  const files = argv.filter((a) => !a.startsWith('--'));
  if (unknown.length > 0 || files.length === 0 || (json && show)) {
    process.stderr.write(`${unknown.length ? `unknown option ${unknown.join(', ')}\n` : ''}${USAGE}\n`);
    return 2;
  }
  let allPassed = true;
  for (const file of files) {
    let result: PlayResult;
    try {
      result = await playScenario(file);
    } catch (e) {
      // a runner bug must not hide the other files' results
      result = {
        file,
        name: file,
        passed: false,
        failures: [`runner error: ${(e as Error).stack ?? e}`],
        requests: 0,
        timeline: [],
      };
    }
    allPassed &&= result.passed;
    process.stdout.write(`${json ? formatJson(result) : show ? formatShow(result) : formatHuman(result)}\n`);
  }
  return allPassed ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
