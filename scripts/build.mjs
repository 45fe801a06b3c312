// Bundle every action with ncc into actions/<name>/dist/index.js. Output is deterministic, so CI
// rebuilds and fails when the committed bundles differ from the sources.
// Type-checking is `npm run typecheck`; ncc only transpiles (-t).
import ncc from '@vercel/ncc';
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const actions = readdirSync('actions').filter((a) => existsSync(join('actions', a, 'src', 'index.ts')));
for (const name of actions) {
  if (only.length && !only.includes(name)) continue;
  const dist = join('actions', name, 'dist');
  const { code, assets } = await ncc(join(process.cwd(), 'actions', name, 'src', 'index.ts'), {
    transpileOnly: true,
    minify: false,
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
