// Bundle every action with ncc into actions/<name>/dist/index.js. Output is deterministic, so CI
// rebuilds and fails when the committed bundles differ from the sources.
// Type-checking is `npm run typecheck`; ncc only transpiles (-t).
// Minified (terser is deterministic): a smaller file parses and starts faster (docs/benchmarks.md,
// start-up). `--out-dir DIR` writes DIR/<name>/dist instead, to measure without touching the
// committed bundles.
import ncc from '@vercel/ncc';
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out-dir');
const outDir = outAt >= 0 ? args.splice(outAt, 2)[1] : 'actions';
if (!outDir) throw new Error('--out-dir needs a folder');
const only = args;
const actions = readdirSync('actions').filter((a) => existsSync(join('actions', a, 'src', 'index.ts')));
for (const name of actions) {
  if (only.length && !only.includes(name)) continue;
  const dist = join(outDir, name, 'dist');
  const { code, assets } = await ncc(join(process.cwd(), 'actions', name, 'src', 'index.ts'), {
    transpileOnly: true,
    minify: true,
    sourceMap: false,
    quiet: true,
    license: 'licenses.txt',
  });
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'index.js'), code);
  for (const [file, asset] of Object.entries(assets ?? {})) {
    writeFileSync(join(dist, file), asset.source);
  }
  console.log(`built ${dist}/index.js (${(code.length / 1024).toFixed(0)} KiB)`);
}
