/** Shared by this folder's tests: real fixture trees as file views, and a config builder. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { OwnersDiversityConfig } from '../config/types.js';

export const FIXTURES = 'test/fixtures';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Every file under `root`, keyed by its path relative to `root` (with `prefix`). */
export function fixtureFiles(root: string, prefix = ''): Map<string, string | null> {
  return new Map(
    walk(join(FIXTURES, root)).map((p) => [
      prefix + relative(join(FIXTURES, root), p),
      readFileSync(p, 'utf8'),
    ]),
  );
}

export function diversityConfig(overrides: Partial<OwnersDiversityConfig>): OwnersDiversityConfig {
  return { ...DEFAULT_CONFIG['owners-diversity'], ...overrides };
}
