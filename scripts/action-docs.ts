/**
 * `npm run docs`: writes the generated part of each actions/<name>/README.md from its action.yml
 * (creating the page when it is missing). `npm run docs -- --check` writes nothing and exits 1
 * naming every page that is stale or missing, so docs cannot drift from action.yml.
 */
import { writeFileSync } from 'node:fs';
import { pageStatuses } from './action-docs-pages.js';

const USAGE = 'usage: npm run docs [-- --check]';

function main(argv: string[]): number {
  const check = argv.includes('--check');
  if (argv.some((a) => a !== '--check')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let failed = false;
  for (const status of pageStatuses()) {
    if (status.state === 'current') continue;
    if (status.state === 'no-markers') {
      process.stderr.write(`${status.file}: no action-docs markers; add them where the tables belong\n`);
      failed = true;
    } else if (check) {
      process.stderr.write(`${status.file}: ${status.state} (run \`npm run docs\`)\n`);
      failed = true;
    } else {
      writeFileSync(status.file, status.expected);
      process.stdout.write(`wrote ${status.file}\n`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
