/** Shared by the GraphQL tests: a handler over a fresh model, and a query that must succeed. */
import { expect } from '@jest/globals';
import { RepoState, type RepoSeed } from '../state.js';
import { createGraphqlHandler, type GraphqlResult } from './index.js';

/** A response as the tests read it: its shape is what the assertions check, not a static type. */

export type Json = any;

export const ACTIONS_BOT = 'github-actions[bot]';

export function sandbox(seed: RepoSeed = {}) {
  const state = new RepoState({ owner: 'acme', name: 'community', ...seed });
  const handler = createGraphqlHandler(state);
  const run = (
    query: string,
    variables: Record<string, unknown> = {},
    login = ACTIONS_BOT,
  ): Promise<GraphqlResult> => handler(query, variables, login);
  /** runs a query that must succeed and returns its data */
  const data = async <T = Json>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const result = await run(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };
  return { state, run, data };
}
