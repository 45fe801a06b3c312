/**
 * The configuration query sent before the client loads (shared/github/early-query.ts): the same
 * request as the client's, byte for byte, and an answer only where the client would take it as
 * it came; everything else is left to the client.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createOctokit } from '../../../shared/github/client.js';
import {
  authorization,
  graphqlUrl,
  OCTOKIT_CORE_VERSION,
  sendEarlyQuery,
} from '../../../shared/github/early-query.js';
import { httpTransport } from '../../../shared/github/http-transport.js';
import { openRepoClient } from '../../../shared/github/open-client.js';
import { serve, type Seen } from './local-server.js';

/** The server's answer by default: a GraphQL answer with data. */
const withData = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end('{"data":{"repo":null}}');
};
const serveAnswer = (answer: (res: ServerResponse) => void = withData) =>
  serve((_req, _body, res) => answer(res));

const log = { info: () => {}, warning: () => {}, debug: () => {} };
const QUERY = 'query($owner: String!, $repo: String!, $expression: String!) { x }';
const VARIABLES = { owner: 'acme', repo: 'widgets', expression: 'HEAD:.github/governance.yml' };

/** What the server saw from the client's graphql and from sendEarlyQuery, for the same query. */
async function bothRequests(base: (url: string) => string, token: string): Promise<[Seen, Seen]> {
  const { url, seen } = await serveAnswer();
  await createOctokit({ token, baseUrl: base(url), log, writeIntervalMs: 0 }).graphql(QUERY, VARIABLES);
  await sendEarlyQuery({
    baseUrl: base(url),
    token,
    fetch: httpTransport,
    query: QUERY,
    variables: VARIABLES,
  });
  expect(seen).toHaveLength(2);
  return [seen[0]!, seen[1]!];
}

describe('sendEarlyQuery sends what the client sends', () => {
  let orchestration: string | undefined;
  beforeEach(() => {
    orchestration = process.env.ACTIONS_ORCHESTRATION_ID;
    delete process.env.ACTIONS_ORCHESTRATION_ID;
  });
  afterEach(() => {
    if (orchestration === undefined) delete process.env.ACTIONS_ORCHESTRATION_ID;
    else process.env.ACTIONS_ORCHESTRATION_ID = orchestration;
  });

  const asIs = (u: string) => u;
  it.each([
    ['api.github.com', asIs, 'ghs_abc123'],
    ['GitHub Enterprise Server (/api/v3)', (u: string) => `${u}/api/v3`, 'ghs_abc123'],
    ['GitHub Enterprise Server (/api/v3/)', (u: string) => `${u}/api/v3/`, 'ghs_abc123'],
    ['a base URL with a trailing slash', (u: string) => `${u}/`, 'ghs_abc123'],
    ['a base URL under a path', (u: string) => `${u}/github`, 'ghs_abc123'],
    ['a JSON web token', asIs, 'aaa.bbb.ccc'],
    // client.ts passes `auth: token ${token}`: @octokit/auth-token strips that one prefix, so a
    // token given as "token X" or "Bearer X" keeps its own (and GitHub refuses it)
    ['a token input with its own "token " prefix', asIs, 'token ghs_abc'],
    ['a token input with its own "Bearer " prefix', asIs, 'Bearer ghs_abc'],
    ['a JSON web token with its own "bearer " prefix', asIs, 'bearer aaa.bbb.ccc'],
  ])('%s: same method, path, headers and body', async (_name, base, token) => {
    const [client, early] = await bothRequests(base, token);
    expect(early).toEqual(client);
  });

  it('with the runner’s orchestration id in the user agent, as the client has it', async () => {
    process.env.ACTIONS_ORCHESTRATION_ID = 'run 42';
    const { url, seen } = await serveAnswer();
    await createOctokit({ token: 't', baseUrl: url, log, writeIntervalMs: 0 }).graphql(QUERY, VARIABLES);
    const { userAgentWithOrchestrationId } = await import('../../../shared/github/proxy-fetch.js');
    await sendEarlyQuery({
      baseUrl: url,
      token: 't',
      userAgent: userAgentWithOrchestrationId(undefined)!,
      fetch: httpTransport,
      query: QUERY,
      variables: VARIABLES,
    });
    expect(seen[1]!.headers['user-agent']).toBe(seen[0]!.headers['user-agent']);
    expect(seen[1]!.headers['user-agent']).toMatch(/^actions_orchestration_id\/run_42 octokit-core\.js\//);
  });

  it('names the installed @octokit/core version', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../../node_modules/@octokit/core/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(OCTOKIT_CORE_VERSION).toBe(pkg.version);
  });

  it('builds the URL and authorization as @octokit/graphql and @octokit/auth-token do', () => {
    expect(graphqlUrl('https://api.github.com')).toBe('https://api.github.com/graphql');
    expect(graphqlUrl('https://ghe.example/api/v3/')).toBe('https://ghe.example/api/graphql');
    expect(authorization('ghs_abc')).toBe('token ghs_abc');
    expect(authorization('x.y.z')).toBe('bearer x.y.z');
  });
});

describe('sendEarlyQuery answers only what the client would take as it came', () => {
  const send = (url: string) =>
    sendEarlyQuery({ baseUrl: url, token: 't', fetch: httpTransport, query: QUERY, variables: VARIABLES });
  const json =
    (status: number, body: string, type = 'application/json; charset=utf-8') =>
    (res: ServerResponse) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };

  it('data', async () => {
    const { url } = await serveAnswer(json(200, '{"data":{"repo":{"isArchived":false}}}'));
    expect(await send(url)).toEqual({ data: { repo: { isArchived: false } } });
  });

  it('data with errors, for the caller to weigh', async () => {
    const body = '{"data":{"repo":{},"org":null},"errors":[{"type":"NOT_FOUND","path":["org"]}]}';
    const { url } = await serveAnswer(json(200, body));
    expect(await send(url)).toEqual(JSON.parse(body));
  });

  it.each([
    ['a 401', json(401, '{"message":"Bad credentials"}')],
    ['a 502', json(502, '{"message":"Server Error"}')],
    ['a secondary rate limit', json(403, '{"message":"You have exceeded a secondary rate limit"}')],
    ['a 200 that is not JSON', json(200, '<html>unicorn</html>', 'text/html')],
    ['a 200 whose JSON does not parse', json(200, '{"data":')],
    ['a 200 with neither data nor errors', json(200, '{"message":"ok"}')],
    ['a JSON array', json(200, '[]')],
  ])('not %s: the client asks again', async (_name, answer) => {
    const { url } = await serveAnswer(answer);
    expect(await send(url)).toBeUndefined();
  });

  it('not a connection that fails', async () => {
    expect(await send('http://127.0.0.1:9')).toBeUndefined();
  });
});

describe('the client opened after the early query (open-client.ts)', () => {
  it('counts the early query as its own and keeps the write pace from it', async () => {
    const { url, seen } = await serveAnswer();
    const gh = openRepoClient(
      { token: 't', baseUrl: url, log, writeIntervalMs: 300 },
      { owner: 'acme', repo: 'widgets' },
      1,
    );
    expect(gh.requests).toBe(1);
    const started = performance.now();
    await gh.graphql(QUERY, {});
    // plugin-throttling spaces GraphQL queries as writes: the next one waits as if this client sent the first
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect([gh.requests, seen.length]).toEqual([2, 1]);
  });
});
