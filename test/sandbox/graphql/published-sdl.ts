/**
 * GitHub's published GraphQL schema (`@octokit/graphql-schema`'s schema.graphql) as a parsed
 * document, parsed once per installed version of the schema and of graphql-js.
 *
 * Each jest test file loads its own graphql-js, so each one that starts a sandbox builds the
 * schema again; parsing the 1.2 MB SDL is most of that. The parsed document (without token
 * locations, which only point into the SDL) is cached as JSON under node_modules/.cache, in a
 * file named by a hash of the SDL's text and graphql-js' version: a new schema or a new parser
 * is a new file, never a stale one. The package's index is not imported: it builds a second
 * schema from its introspection JSON at import time, which the sandbox does not use.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { Kind, parse, version, type DocumentNode } from 'graphql';

const PACKAGE = '@octokit/graphql-schema';

/** schema.graphql of the package, found where Node would resolve the package from here. */
function sdlPath(): string {
  const paths = createRequire(import.meta.url).resolve.paths(PACKAGE) ?? [];
  for (const dir of paths) {
    const file = join(dir, PACKAGE, 'schema.graphql');
    if (existsSync(file)) return file;
  }
  throw new Error(`GitHub's GraphQL schema not found: ${PACKAGE}/schema.graphql (run npm ci)`);
}

/** Where the parse of `sdl` (read from `sdlFile`) is cached: named by the text and graphql-js' version. */
export function cacheFileFor(sdlFile: string, sdl: string): string {
  const key = createHash('sha256').update(`graphql ${version}\n`).update(sdl).digest('hex').slice(0, 32);
  // <...>/node_modules/@octokit/graphql-schema/schema.graphql -> <...>/node_modules/.cache
  return join(
    dirname(dirname(dirname(sdlFile))),
    '.cache',
    'governance-actions-sandbox',
    `github-schema-${key}.json`,
  );
}

/** The published SDL parsed, from the cache when this SDL was parsed by this graphql-js before. */
export function publishedSchemaDocument(): DocumentNode {
  const file = sdlPath();
  const sdl = readFileSync(file, 'utf8');
  const cached = cacheFileFor(file, sdl);
  try {
    const document = JSON.parse(readFileSync(cached, 'utf8')) as DocumentNode;
    if (document.kind === Kind.DOCUMENT && document.definitions.length > 0) return document;
  } catch {
    // not cached yet (or unreadable): parse and try to cache
  }
  const document = parse(sdl, { noLocation: true });
  // written whole then renamed: a concurrent reader sees no file or the full one
  const partial = `${cached}.${process.pid}.${threadId}.tmp`;
  try {
    mkdirSync(dirname(cached), { recursive: true });
    writeFileSync(partial, JSON.stringify(document));
    renameSync(partial, cached);
  } catch {
    // a read-only node_modules only costs the parse
    rmSync(partial, { force: true });
  }
  return document;
}
