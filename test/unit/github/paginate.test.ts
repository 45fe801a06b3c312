/**
 * graphqlPaginate reads a connection to its end or fails: a page that comes back without its
 * connection, without a cursor, or past the page cap is an error, never a shorter list
 * (docs/reliability.md "Decision integrity").
 */
import { describe, expect, it } from '@jest/globals';
import type { Octokit } from '../../../shared/github/client.js';
import { RepoClient } from '../../../shared/github/repo.js';

type Conn = { nodes: number[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;

/** A client whose GraphQL answers page i (by cursor) with pages[i]. */
function clientWith(pages: Conn[]): { gh: RepoClient; asked: (string | null)[] } {
  const asked: (string | null)[] = [];
  const octokit = {
    hook: { before: () => undefined },
    graphql: async (_q: string, vars: { cursor: string | null }) => {
      asked.push(vars.cursor);
      const i = vars.cursor === null ? 0 : Number(vars.cursor);
      return { conn: pages[i] };
    },
  } as unknown as Octokit;
  return { gh: new RepoClient(octokit, { owner: 'acme', repo: 'community' }), asked };
}

const page = (nodes: number[], next: string | null): Conn => ({
  nodes,
  pageInfo: { hasNextPage: next !== null, endCursor: next },
});

const read = (gh: RepoClient, maxPages?: number) =>
  gh.graphqlPaginate<{ conn: Conn }, number>('query', {}, (p) => p.conn, maxPages);

describe('graphqlPaginate', () => {
  it('reads every page, following the cursors', async () => {
    const { gh, asked } = clientWith([page([1, 2], '1'), page([3], '2'), page([4], null)]);
    await expect(read(gh)).resolves.toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([null, '1', '2']);
  });

  it('fails when a later page comes back without its connection', async () => {
    const { gh } = clientWith([page([1], '1'), null]);
    await expect(read(gh)).rejects.toThrow(/could not be read to its end: page 2/);
  });

  it('fails when a page says there is more but gives no cursor', async () => {
    const { gh } = clientWith([{ nodes: [1], pageInfo: { hasNextPage: true, endCursor: null } }]);
    await expect(read(gh)).rejects.toThrow(/no cursor/);
  });

  it('fails rather than stop at the page cap', async () => {
    const { gh } = clientWith([page([1], '1'), page([2], '2'), page([3], null)]);
    await expect(read(gh, 2)).rejects.toThrow(/more than 2 pages/);
  });
});
