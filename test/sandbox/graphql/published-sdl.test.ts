/**
 * The sandbox's schema document (published-sdl.ts) is GitHub's published SDL as graphql-js parses
 * it, whether it comes from the cache or not, and the cache is named by what it was parsed from.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { cacheFileFor, publishedSchemaDocument } from './published-sdl.js';

const SDL_FILE = new URL('../../../node_modules/@octokit/graphql-schema/schema.graphql', import.meta.url)
  .pathname;

describe("GitHub's published schema document", () => {
  it('is the parse of the published SDL, field for field', () => {
    const sdl = readFileSync(SDL_FILE, 'utf8');
    publishedSchemaDocument(); // the first call may parse and write the cache; the second reads it
    const fresh = JSON.stringify(parse(sdl, { noLocation: true }));
    expect(JSON.stringify(publishedSchemaDocument()) === fresh).toBe(true);
    expect(JSON.parse(readFileSync(cacheFileFor(SDL_FILE, sdl), 'utf8'))).toHaveProperty('kind', 'Document');
  });

  it('is cached under a name that changes with the SDL', () => {
    const sdl = readFileSync(SDL_FILE, 'utf8');
    const a = cacheFileFor(SDL_FILE, sdl);
    expect(a).toMatch(/node_modules\/\.cache\/governance-actions-sandbox\/github-schema-[0-9a-f]{32}\.json$/);
    expect(cacheFileFor(SDL_FILE, sdl + '\n# a new field\n')).not.toBe(a);
    expect(cacheFileFor(SDL_FILE, sdl)).toBe(a);
  });
});
