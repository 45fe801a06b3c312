import { describe, it, expect } from '@jest/globals';
import { ACTIONS_BOT, sandbox } from './test-helpers.js';
import { decodeNodeId } from './ids.js';

const REPO = 'repository(owner: "acme", name: "community")';

describe('GraphQL handler: validation against GitHub schema', () => {
  it('rejects an unknown field with an error naming it, as GitHub words it', async () => {
    const { run } = sandbox();
    const result = await run(`{ ${REPO} { name issueCountz } }`);
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: "Field 'issueCountz' doesn't exist on type 'Repository'",
        extensions: { code: 'undefinedField', typeName: 'Repository', fieldName: 'issueCountz' },
        locations: [{ line: 1, column: 55 }],
      }),
    ]);
  });

  it('rejects an unknown argument and a missing required one', async () => {
    const { run } = sandbox();
    const unknownArg = await run(`{ ${REPO} { issues(first: 1, label: "x") { totalCount } } }`);
    expect(unknownArg.errors?.[0]).toMatchObject({
      message: "Field 'issues' doesn't accept argument 'label'",
      extensions: { code: 'argumentNotAccepted' },
    });
    const missing = await run(`{ repository(owner: "acme") { name } }`);
    expect(missing.errors?.[0]).toMatchObject({
      message: "Field 'repository' is missing required arguments: name",
      extensions: { code: 'missingRequiredArguments' },
    });
  });

  it('rejects a syntax error with its location', async () => {
    const { run } = sandbox();
    const result = await run(`{ ${REPO} { name }} }`);
    expect(result.errors).toEqual([
      { locations: [{ line: 1, column: 58 }], message: 'Parse error on "}" (RCURLY) at [1, 58]' },
    ]);
    const truncated = await run(`{ ${REPO} { name }`);
    expect(truncated.errors).toEqual([expect.objectContaining({ message: 'Unexpected end of document' })]);
  });

  it('rejects first: 101 with EXCESSIVE_PAGINATION on that connection', async () => {
    const { run } = sandbox();
    const result = await run(`query($n: Int) { ${REPO} { labels(first: $n) { totalCount } } }`, { n: 101 });
    expect(result.errors).toEqual([
      expect.objectContaining({
        type: 'EXCESSIVE_PAGINATION',
        path: ['repository', 'labels'],
        message:
          'Requesting 101 records on the `labels` connection exceeds the `first` limit of 100 records.',
      }),
    ]);
    const ok = await run(`{ ${REPO} { labels(first: 100) { totalCount } } }`);
    expect(ok.errors).toBeUndefined();
  });

  it('requires first or last for nodes but not for totalCount', async () => {
    const { run, state } = sandbox();
    state.createIssue({ title: 't', author: 'alice' });
    const count = await run(`{ ${REPO} { issues { totalCount } } }`);
    expect(count).toEqual({ data: { repository: { issues: { totalCount: 1 } } } });
    const nodes = await run(`{ ${REPO} { issues { nodes { number } } } }`);
    expect(nodes.errors?.[0]).toMatchObject({
      type: 'MISSING_PAGINATION_BOUNDARIES',
      message: 'You must provide a `first` or `last` value to properly paginate the `issues` connection.',
    });
  });

  it('rejects a variable of the wrong type as GitHub words it', async () => {
    const { run } = sandbox();
    const result = await run(`query($n: Int!) { ${REPO} { issue(number: $n) { title } } }`, { n: 'one' });
    expect(result.errors?.[0]).toMatchObject({
      message: 'Variable $n of type Int! was provided invalid value',
    });
  });

  it('refuses mutations with a GitHub-like FORBIDDEN error per field', async () => {
    const { run } = sandbox();
    const result = await run(
      `mutation { added: addLabelsToLabelable(input: {labelableId: "x", labelIds: ["y"]}) { clientMutationId } }`,
    );
    expect(result.data).toEqual({ added: null });
    expect(result.errors).toEqual([
      expect.objectContaining({
        type: 'FORBIDDEN',
        path: ['added'],
        message: 'Resource not accessible by integration',
      }),
    ]);
  });

  it('reports NOT_FOUND for another repository and a missing issue', async () => {
    const { run, state } = sandbox();
    state.createPull({ title: 'p', author: 'alice', head: 'feature', files: { 'a.txt': 'a' } });
    const repo = await run(`{ repository(owner: "acme", name: "other") { name } }`);
    expect(repo).toEqual({
      data: { repository: null },
      errors: [
        expect.objectContaining({
          type: 'NOT_FOUND',
          path: ['repository'],
          message: "Could not resolve to a Repository with the name 'acme/other'.",
        }),
      ],
    });
    // number 1 is a pull request: `issue(number: 1)` does not resolve, `issueOrPullRequest` does
    const issue = await run(
      `{ ${REPO} { issue(number: 1) { title } issueOrPullRequest(number: 1) { __typename } } }`,
    );
    expect(issue.errors?.[0]).toMatchObject({ type: 'NOT_FOUND', path: ['repository', 'issue'] });
  });

  it('leaves an unimplemented non-null field as an error, the signal to extend the models', async () => {
    const { run, state } = sandbox();
    state.createIssue({ title: 't', author: 'alice' });
    const result = await run(`{ ${REPO} { issue(number: 1) { title viewerCanReact } } }`);
    expect(result.errors?.[0]).toMatchObject({ path: ['repository', 'issue', 'viewerCanReact'] });
  });
});

describe('GraphQL handler: actors, viewer, ids, rate limit', () => {
  it('shows a bot author as GitHub does: Bot, login without [bot], app url', async () => {
    const { data, state } = sandbox();
    state.createIssue({ title: 'from a bot', author: 'dependabot[bot]' });
    state.addComment(1, ACTIONS_BOT, 'hello');
    state.addComment(1, 'alice', 'hi');
    const d = await data(`{ ${REPO} { issue(number: 1) {
      author { __typename login url ... on Bot { id } }
      comments(first: 5) { nodes { author { __typename login } } } } } }`);
    expect(d.repository.issue.author).toMatchObject({
      __typename: 'Bot',
      login: 'dependabot',
      url: 'https://github.com/apps/dependabot',
    });
    expect(d.repository.issue.comments.nodes).toEqual([
      { author: { __typename: 'Bot', login: 'github-actions' } },
      { author: { __typename: 'User', login: 'alice' } },
    ]);
  });

  it('answers viewer with the token login, [bot] suffix included', async () => {
    const { run } = sandbox();
    expect(await run('{ viewer { login } }')).toEqual({ data: { viewer: { login: ACTIONS_BOT } } });
    expect(await run('{ viewer { login } }', {}, 'alice')).toEqual({ data: { viewer: { login: 'alice' } } });
  });

  it('resolves node ids back to their objects, and reports unknown ids', async () => {
    const { data, run, state } = sandbox({ labels: ['bug'] });
    state.createIssue({ title: 'one', author: 'alice', labels: ['bug'] });
    state.addComment(1, 'bob', 'c');
    const d = await data(`{ ${REPO} { issue(number: 1) { id comments(first: 1) { nodes { id } }
      timelineItems(first: 1, itemTypes: [LABELED_EVENT]) { nodes { ... on LabeledEvent { id } } } } } }`);
    const ids = [
      d.repository.issue.id,
      d.repository.issue.comments.nodes[0].id,
      d.repository.issue.timelineItems.nodes[0].id,
    ];
    expect(decodeNodeId(ids[0])).toEqual({ typename: 'Issue', key: '1' });
    const nodes = await data(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Issue { title } ... on IssueComment { body } ... on LabeledEvent { label { name } } } }`,
      { ids },
    );
    expect(nodes.nodes).toEqual([
      { __typename: 'Issue', title: 'one' },
      { __typename: 'IssueComment', body: 'c' },
      { __typename: 'LabeledEvent', label: { name: 'bug' } },
    ]);
    const missing = await run(`{ node(id: "bm9wZTox") { id } }`);
    expect(missing.errors?.[0]).toMatchObject({ type: 'NOT_FOUND', path: ['node'] });
  });

  it('reports the rate limit with the query cost and node count', async () => {
    const { data } = sandbox();
    const q = `{ rateLimit { cost limit remaining used nodeCount resetAt } ${REPO} { issues(first: 50) { nodes { comments(first: 10) { totalCount } } } } }`;
    const first = await data(q);
    expect(first.rateLimit).toEqual({
      cost: 1,
      limit: 5000,
      remaining: 4999,
      used: 1,
      nodeCount: 550,
      resetAt: '2026-01-01T01:00:00Z',
    });
    const second = await data(q);
    expect(second.rateLimit).toMatchObject({ remaining: 4998, used: 2 });
  });
});
