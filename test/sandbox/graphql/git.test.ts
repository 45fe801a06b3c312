import { describe, it, expect } from '@jest/globals';
import { blobSha } from '../state.js';
import { sandbox } from './test-helpers.js';

const REPO = 'repository(owner: "acme", name: "community")';
const FILES = {
  OWNERS: 'approvers:\n- alice\n',
  'docs/README.md': '# Docs\n',
  'docs/sig/network.md': 'network\n',
  'logo.png': 'PNG\0binary',
};

describe('git objects', () => {
  it('reads a blob by expression, and null for a missing path or branch', async () => {
    const { data } = sandbox({ files: FILES });
    const d = await data(`{ ${REPO} {
      owners: object(expression: "main:OWNERS") { __typename oid ... on Blob { text byteSize isBinary isTruncated } }
      logo: object(expression: "main:logo.png") { ... on Blob { text isBinary } }
      missing: object(expression: "main:nope.md") { oid }
      noBranch: object(expression: "gone:OWNERS") { oid } } }`);
    expect(d.repository.owners).toEqual({
      __typename: 'Blob',
      oid: blobSha(FILES.OWNERS),
      text: FILES.OWNERS,
      byteSize: Buffer.byteLength(FILES.OWNERS),
      isBinary: false,
      isTruncated: false,
    });
    expect(d.repository.logo).toEqual({ text: null, isBinary: true });
    expect(d.repository.missing).toBeNull();
    expect(d.repository.noBranch).toBeNull();
  });

  it('lists tree entries in git order, with directories as trees, and finds a sub-tree by oid', async () => {
    const { data } = sandbox({ files: FILES });
    const d = await data(`{ ${REPO} { object(expression: "main:docs") { __typename ... on Tree { oid
      entries { name path type mode oid object { __typename ... on Blob { text } ... on Tree { entries { path } } } } } } } }`);
    const tree = d.repository.object;
    expect(tree.__typename).toBe('Tree');
    expect(tree.entries).toEqual([
      {
        name: 'README.md',
        path: 'docs/README.md',
        type: 'blob',
        mode: 0o100644,
        oid: blobSha('# Docs\n'),
        object: { __typename: 'Blob', text: '# Docs\n' },
      },
      {
        name: 'sig',
        path: 'docs/sig',
        type: 'tree',
        mode: 0o40000,
        oid: expect.any(String),
        object: { __typename: 'Tree', entries: [{ path: 'docs/sig/network.md' }] },
      },
    ]);
    const byOid = await data(
      `query($oid: GitObjectID!) { ${REPO} { object(oid: $oid) { __typename oid } } }`,
      { oid: tree.oid },
    );
    expect(byOid.repository.object).toEqual({ __typename: 'Tree', oid: tree.oid });
  });

  it('resolves the default branch, refs and commits on other branches', async () => {
    const { state, data } = sandbox({ files: FILES, tags: ['v1.0'] });
    state.now = '2026-02-01T00:00:00Z';
    const commit = state.commitToBranch(
      'main',
      { OWNERS: 'approvers:\n- bob\n' },
      'Hand over OWNERS\n\nbob takes over',
      'alice',
    );
    state.refs.set('heads/release-1', commit.parents[0]);
    const d = await data(`{ ${REPO} {
      defaultBranchRef { name prefix target { oid ... on Commit { committedDate messageHeadline messageBody tree { oid }
        parents(first: 2) { nodes { oid } } history(first: 5, path: "OWNERS") { totalCount } } } }
      ref(qualifiedName: "refs/heads/release-1") { name target { oid } }
      short: ref(qualifiedName: "v1.0") { name prefix }
      heads: refs(refPrefix: "refs/heads/", first: 10) { totalCount nodes { name } }
      matching: refs(refPrefix: "refs/heads/", first: 10, query: "release") { nodes { name } }
      old: object(expression: "release-1:OWNERS") { ... on Blob { text } }
      commit: object(expression: "${commit.sha}") { ... on Commit { message } } } }`);
    const repo = d.repository;
    expect(repo.defaultBranchRef).toEqual({
      name: 'main',
      prefix: 'refs/heads/',
      target: {
        oid: commit.sha,
        committedDate: '2026-02-01T00:00:00Z',
        messageHeadline: 'Hand over OWNERS',
        messageBody: 'bob takes over',
        tree: { oid: commit.treeSha },
        parents: { nodes: [{ oid: commit.parents[0] }] },
        history: { totalCount: 2 },
      },
    });
    expect(repo.ref).toEqual({ name: 'release-1', target: { oid: commit.parents[0] } });
    expect(repo.short).toEqual({ name: 'v1.0', prefix: 'refs/tags/' });
    expect(repo.heads).toEqual({ totalCount: 2, nodes: [{ name: 'main' }, { name: 'release-1' }] });
    expect(repo.matching.nodes).toEqual([{ name: 'release-1' }]);
    expect(repo.old.text).toBe(FILES.OWNERS);
    expect(repo.commit.message).toBe('Hand over OWNERS\n\nbob takes over');
  });
});
