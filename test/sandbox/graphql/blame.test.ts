import { describe, it, expect } from '@jest/globals';
import { sandbox } from './test-helpers.js';

const REPO = 'repository(owner: "acme", name: "community")';
const BLAME = `query($path: String!) { ${REPO} { ref(qualifiedName: "refs/heads/main") { target { ... on Commit {
  blame(path: $path) { ranges { startingLine endingLine age commit { oid committedDate
    associatedPullRequests(first: 5) { nodes { number mergedAt baseRefName } } } } } } } } } }`;

describe('Commit.blame', () => {
  it('gives each line to the commit that wrote it, through merges, with the dates the commits claim', async () => {
    const { state, data } = sandbox({ files: { 'README.md': 'hi\n' } });
    state.now = '2026-01-05T10:00:00Z';
    const first = state.commitToBranch('main', { 'm.yaml': 'members:\n- ann\n- ben\n' }, 'members', 'alice');
    state.now = '2026-05-01T10:00:00Z';
    state.createPull({
      number: 1,
      title: 'Add cat',
      author: 'cat',
      head: 'cat/m',
      files: { 'm.yaml': 'members:\n- ann\n- ben\n- cat\n' },
    });
    // the branch commit claims 2024
    const backdated = state.pushToPull(
      1,
      { 'm.yaml': 'members:\n- ann\n- ben\n- cat\n- dan\n' },
      'cat',
      '2024-01-01T00:00:00Z',
    );
    state.now = '2026-05-02T10:00:00Z';
    state.merge(1, 'alice');
    state.commitToBranch('main', { 'README.md': 'hello\n' }, 'unrelated', 'alice');

    const d = await data(BLAME, { path: 'm.yaml' });
    const ranges = d.repository.ref.target.blame.ranges;
    expect(ranges.map((r: any) => [r.startingLine, r.endingLine, r.commit.oid])).toEqual([
      [1, 3, first.sha],
      [4, 4, state.getPull(1).pull.commits[0]],
      [5, 5, backdated],
    ]);
    expect(ranges[2].commit.committedDate).toBe('2024-01-01T00:00:00Z');
    expect(ranges[2].commit.associatedPullRequests.nodes).toEqual([
      { number: 1, mergedAt: '2026-05-02T10:00:00Z', baseRefName: 'main' },
    ]);
    expect(ranges.every((r: any) => r.age >= 1 && r.age <= 10)).toBe(true);
  });

  it('gives a rewritten or moved line to the commit that rewrote it', async () => {
    const { state, data } = sandbox({ files: {} });
    state.commitToBranch('main', { 'm.yaml': 'b\na\n' }, 'one', 'alice');
    const sorted = state.commitToBranch('main', { 'm.yaml': 'a\nb\n' }, 'sort', 'alice');
    const d = await data(BLAME, { path: 'm.yaml' });
    const [r] = d.repository.ref.target.blame.ranges;
    expect(d.repository.ref.target.blame.ranges.some((x: any) => x.commit.oid === sorted.sha)).toBe(true);
    expect(r.startingLine).toBe(1);
  });
});
