import { describe, it, expect } from '@jest/globals';
import { sandbox, type Json } from './test-helpers.js';

const QUERY = `{ repository(owner: "acme", name: "community") { pullRequest(number: 1) {
  statusCheckRollup { state contexts(first: 100) { pageInfo { hasNextPage } nodes { __typename
    ... on CheckRun { name status conclusion title databaseId checkSuite { app { slug databaseId } } } } } } } } }`;

describe('check runs: a pull request head commit statusCheckRollup', () => {
  it('is null without checks; then lists the latest run of each name per app, with its app', async () => {
    const { state, data } = sandbox();
    const pr = state.createPull({ title: 'p', author: 'bob', head: 'f', files: { x: '1' } });
    const none: Json = await data(QUERY);
    expect(none.repository.pullRequest.statusCheckRollup).toBeNull();
    const add = (id: number, createdBy: string, conclusion: 'success' | 'failure', title: string) =>
      state.checkRuns.push({
        id,
        name: 'vep',
        headSha: pr.pull!.headSha,
        status: 'completed',
        conclusion,
        output: { title, summary: '', text: null, annotations: [] },
        startedAt: state.now,
        completedAt: state.now,
        externalId: null,
        detailsUrl: null,
        createdBy,
      });
    add(9001, 'github-actions[bot]', 'failure', 'vetoed by sam');
    add(9002, 'github-actions[bot]', 'success', 'owned by sig-compute');
    add(9003, 'evil-ci[bot]', 'success', 'owned by sig-compute');
    const d: Json = await data(QUERY);
    const rollup = d.repository.pullRequest.statusCheckRollup;
    expect(rollup.state).toBe('SUCCESS');
    expect(rollup.contexts.nodes).toEqual([
      {
        __typename: 'CheckRun',
        name: 'vep',
        status: 'COMPLETED',
        conclusion: 'SUCCESS',
        title: 'owned by sig-compute',
        databaseId: 9002,
        checkSuite: { app: { slug: 'github-actions', databaseId: 15368 } },
      },
      expect.objectContaining({
        databaseId: 9003,
        checkSuite: { app: expect.objectContaining({ slug: 'evil-ci' }) },
      }),
    ]);
  });
});
