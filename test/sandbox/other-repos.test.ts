import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createGraphqlHandler } from './graphql/index.js';
import { addOtherRepo } from './other-repos.js';
import { startSandbox, type Started } from './test-helpers.js';

const SCHEDULE = 'releases/v1.10/schedule.yaml';
const SIG_RELEASE = '/repos/kubevirt/sig-release';

let sb: Started;
beforeEach(async () => {
  sb = await startSandbox();
  sb.sandbox.setGraphqlHandler(createGraphqlHandler(sb.state));
  addOtherRepo(sb.state, 'kubevirt/sig-release', { files: { [SCHEDULE]: 'schedule: []\n' } });
  addOtherRepo(sb.state, 'acme/.github', {
    default_branch: 'trunk',
    files: { '.github/governance.yml': 'version: 1\n' },
  });
  addOtherRepo(sb.state, 'kubevirt/secret', { files: { 'a.txt': 'x' }, private: true });
});
afterEach(async () => {
  await sb.sandbox.stop();
});

const gql = (query: string, variables: Record<string, unknown> = {}) =>
  sb.call('POST', '/graphql', { query, variables });

const FILE_QUERY = `query($owner: String!, $name: String!, $expr: String!) {
  repository(owner: $owner, name: $name) {
    nameWithOwner defaultBranchRef { name }
    object(expression: $expr) { ... on Blob { text byteSize isTruncated } }
  }
}`;

describe('other repositories', () => {
  it('serves the repository and its files over REST, by name and by id', async () => {
    const repo = await sb.call('GET', SIG_RELEASE);
    expect(repo.status).toBe(200);
    expect(repo.json).toMatchObject({
      full_name: 'kubevirt/sig-release',
      default_branch: 'main',
      private: false,
      permissions: { pull: true, push: false, admin: false },
    });
    expect(repo.json.id).not.toBe(sb.state.repoId);
    const file = await sb.call('GET', `${SIG_RELEASE}/contents/${SCHEDULE}?ref=main`);
    expect(file.status).toBe(200);
    expect(Buffer.from(file.json.content, 'base64').toString()).toBe('schedule: []\n');
    expect(file.json.download_url).toContain('/kubevirt/sig-release/main/');
    const byId = await sb.call('GET', `/repositories/${repo.json.id}/contents/${SCHEDULE}`);
    expect(byId.status).toBe(200);
    expect((await sb.call('GET', `/repos/acme/.github`)).json.default_branch).toBe('trunk');
  });

  it('answers 404 for a missing path, a missing repository and a private one', async () => {
    expect((await sb.call('GET', `${SIG_RELEASE}/contents/releases/v9.9/schedule.yaml`)).status).toBe(404);
    expect((await sb.call('GET', `/repos/kubevirt/nowhere/contents/x`)).status).toBe(404);
    expect((await sb.call('GET', `/repos/kubevirt/secret`)).status).toBe(404);
    expect((await sb.call('GET', `/repos/kubevirt/secret/contents/a.txt`)).status).toBe(404);
    expect(sb.sandbox.violations).toEqual([]);
  });

  it('refuses writes (a violation) and collaborator lists, as GitHub does for a token of another repository', async () => {
    const put = await sb.call('PUT', `${SIG_RELEASE}/contents/x.txt`, { message: 'm', content: 'eA==' });
    expect(put.status).toBe(403);
    expect(put.json.message).toBe('Resource not accessible by integration');
    expect(sb.sandbox.violations).toEqual([
      expect.stringMatching(/kubevirt\/sig-release is served read-only/),
    ]);
    const collaborators = await sb.call('GET', `${SIG_RELEASE}/collaborators`);
    expect(collaborators.status).toBe(403);
    expect(collaborators.json.message).toBe('Must have push access to view repository collaborators.');
  });

  it('serves GraphQL repository(owner:, name:) with HEAD: and branch: expressions', async () => {
    for (const expr of [`HEAD:${SCHEDULE}`, `main:${SCHEDULE}`]) {
      const res = await gql(FILE_QUERY, { owner: 'KubeVirt', name: 'sig-release', expr });
      expect(res.json).toEqual({
        data: {
          repository: {
            nameWithOwner: 'kubevirt/sig-release',
            defaultBranchRef: { name: 'main' },
            object: { text: 'schedule: []\n', byteSize: 13, isTruncated: false },
          },
        },
      });
    }
    const missing = await gql(FILE_QUERY, { owner: 'kubevirt', name: 'sig-release', expr: 'HEAD:nope.yaml' });
    expect(missing.json.data.repository.object).toBeNull();
    const org = await gql(FILE_QUERY, {
      owner: 'acme',
      name: '.github',
      expr: 'trunk:.github/governance.yml',
    });
    expect(org.json.data.repository.object.text).toBe('version: 1\n');
  });

  it('answers a missing or private repository with data null and a NOT_FOUND error', async () => {
    for (const name of ['nowhere', 'secret']) {
      const res = await gql(FILE_QUERY, { owner: 'kubevirt', name, expr: 'HEAD:a.txt' });
      expect(res.status).toBe(200);
      expect(res.json.data).toEqual({ repository: null });
      expect(res.json.errors).toEqual([
        expect.objectContaining({
          type: 'NOT_FOUND',
          path: ['repository'],
          message: `Could not resolve to a Repository with the name 'kubevirt/${name}'.`,
        }),
      ]);
    }
  });

  it('lets faults fail the reads: REST by path, GraphQL by body', async () => {
    sb.sandbox.faults.add({ path: /^\/repos\/kubevirt\/sig-release\/contents\//, kind: '502' });
    expect((await sb.call('GET', `${SIG_RELEASE}/contents/${SCHEDULE}`)).status).toBe(502);
    sb.sandbox.faults.add({ path: '/graphql', body: /sig-release/, kind: '500' });
    const other = await gql(FILE_QUERY, {
      owner: 'acme',
      name: '.github',
      expr: 'HEAD:.github/governance.yml',
    });
    expect(other.status).toBe(200);
    const faulted = await gql(FILE_QUERY, {
      owner: 'kubevirt',
      name: 'sig-release',
      expr: `HEAD:${SCHEDULE}`,
    });
    expect(faulted.status).toBe(500);
  });
});

describe('another repository the token may write (an App installed on it)', () => {
  const NODE_QUERY = `query($id: ID!) { node(id: $id) { ... on Issue { number title repository { nameWithOwner } } } }`;
  const ISSUE_ID = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { issue(number: 1) { id } } }`;

  it('takes writes there, and its node ids find its own issues', async () => {
    const api = addOtherRepo(sb.state, 'acme/api', {
      installed: true,
      collaborators: { alice: 'admin' },
      labels: ['lazy-consensus'],
    });
    api.createIssue({ number: 1, title: 'API proposal', author: 'alice', labels: [] });
    sb.state.createIssue({ number: 1, title: 'Own issue', author: 'alice', labels: [] });

    const labelled = await sb.call('POST', '/repos/acme/api/issues/1/labels', { labels: ['lazy-consensus'] });
    expect(labelled.status).toBe(200);
    expect(api.issues.get(1)!.labels).toEqual(['lazy-consensus']);
    expect(sb.state.issues.get(1)!.labels).toEqual([]);
    expect((await sb.call('POST', '/repos/acme/api/issues/1/comments', { body: 'hi' })).status).toBe(201);

    const ids = await Promise.all(
      ['api', 'community'].map(
        async (name) => (await gql(ISSUE_ID, { owner: 'acme', name })).json.data.repository.issue.id,
      ),
    );
    expect(ids[0]).not.toBe(ids[1]);
    const found = await Promise.all(ids.map(async (id) => (await gql(NODE_QUERY, { id })).json.data.node));
    expect(found).toEqual([
      { number: 1, title: 'API proposal', repository: { nameWithOwner: 'acme/api' } },
      { number: 1, title: 'Own issue', repository: { nameWithOwner: 'acme/community' } },
    ]);
    expect(sb.sandbox.violations).toEqual([]);
  });

  it('still refuses writes to a repository the App is not installed on', async () => {
    const res = await sb.call('POST', `${SIG_RELEASE}/issues`, { title: 'x' });
    expect(res.status).toBe(403);
    expect(sb.sandbox.violations.length).toBe(1);
  });
});
