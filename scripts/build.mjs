// Bundle every action with ncc into actions/<name>/dist/index.js. Output is deterministic, so CI
// rebuilds and fails when the committed bundles differ from the sources.
// Type-checking is `npm run typecheck`; ncc only transpiles (-t).
// Minified (terser is deterministic): a smaller file parses and starts faster (docs/benchmarks.md,
// start-up). `--out-dir DIR` writes DIR/<name>/dist instead, to measure without touching the
// committed bundles.
import ncc from '@vercel/ncc';
import { minify } from 'terser';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out-dir');
const outDir = outAt >= 0 ? args.splice(outAt, 2)[1] : 'actions';
if (!outDir) throw new Error('--out-dir needs a folder');
const only = args;
// the configuration validator is compiled ahead (shared/config/schema-setup.ts): bundle a fresh one
execFileSync('npx', ['tsx', 'scripts/schema-validator.ts'], { stdio: 'inherit' });
const actions = readdirSync('actions').filter((a) => existsSync(join('actions', a, 'src', 'index.ts')));
for (const name of actions) {
  if (only.length && !only.includes(name)) continue;
  const dist = join(outDir, name, 'dist');
  const { code, assets } = await ncc(join(process.cwd(), 'actions', name, 'src', 'index.ts'), {
    transpileOnly: true,
    // CommonJS output, though the sources are ES modules: Node starts a CommonJS entry about 5 ms
    // sooner (no ES module loader before the first request; docs/benchmarks.md, start-up), and
    // the chunks load by require(). dist/package.json says so, as the repository's says "module".
    esm: false,
    filename: 'index.js',
    // no persistent cache: ncc keys it by the entry's path alone, so a cache left by a build with
    // other options (the ES module bundles before) put ES module code into these (a fresh clone's
    // CI caught it); a build is not slower without it
    cache: false,
    minify: true,
    sourceMap: false,
    quiet: true,
    // one notice file per chunk (a single name would let the last chunk's overwrite the others'),
    // joined below into licenses.txt
    license: '[name].licenses.txt',
  });
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'index.js'), code);
  writeFileSync(join(dist, 'package.json'), '{"type":"commonjs"}\n');
  const notices = [];
  // dynamic imports become chunk files next to index.js (undici, loaded only behind a proxy:
  // shared/github/proxy-fetch.ts)
  for (const [file, asset] of Object.entries(assets ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (file.endsWith('.licenses.txt')) notices.push([file, String(asset.source)]);
    // ncc minifies only the entry: the chunk too, so it ships no comments and loads faster
    else if (file.endsWith('.js'))
      writeFileSync(
        join(dist, file),
        (await minify(String(asset.source), { format: { comments: false } })).code,
      );
    else writeFileSync(join(dist, file), asset.source);
  }
  notices.sort(([a], [b]) =>
    a === 'main.licenses.txt' ? -1 : b === 'main.licenses.txt' ? 1 : a.localeCompare(b),
  );
  // each chunk's notice file repeats packages another one lists: each package's notice once
  // (ncc separates them with two blank lines, each starting with the package's name and licence)
  const entries = notices.flatMap(([, text]) => text.trimEnd().split(/\n\n\n(?=[^\n]+\n[^\n]+\n)/));
  writeFileSync(join(dist, 'licenses.txt'), [...new Set(entries)].join('\n\n\n') + '\n');
  console.log(`built ${dist}/index.js (${(code.length / 1024).toFixed(0)} KiB)`);
}
