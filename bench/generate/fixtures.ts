/** Real fixture trees as repository files (path relative to the fixture root, with a prefix). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../../test/runner/play.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function fixtureTree(root: string, prefix = ''): Record<string, string> {
  const base = join(FIXTURES, root);
  return Object.fromEntries(walk(base).map((p) => [prefix + relative(base, p), readFileSync(p, 'utf8')]));
}
