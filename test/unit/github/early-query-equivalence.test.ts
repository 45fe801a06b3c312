/**
 * The early configuration query (shared/github/early-query.ts) beside the client alone, on the
 * same answer: read once as a run reads it now (sendEarlyQuery, then readConfigSources with its
 * answer) and once through the client alone. Both must decide alike, and the early path may ask
 * again only where the client would not take the answer as it came (the request itself:
 * early-query.test.ts). Found by a red-team pass against @octokit/request, @octokit/graphql and
 * the retry and throttling plugins.
 */
import { describe, expect, it, jest } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import {
  configQuery,
  configRequest,
  configVariables,
  readConfigSources,
} from '../../../shared/github/config-files.js';
import { sendEarlyQuery } from '../../../shared/github/early-query.js';
import { httpTransport } from '../../../shared/github/http-transport.js';
import { openRepoClient } from '../../../shared/github/open-client.js';
import { serve as serveRequests } from './local-server.js';

const serve = (answer: (res: ServerResponse) => void) => serveRequests((_req, _body, res) => answer(res));

const REF = { owner: 'acme', repo: 'widgets' };
const REQ = configRequest('widgets', {}); // with the org file, as by default
const DATA = {
  repo: {
    defaultBranchRef: { name: 'main' },
    isArchived: false,
    file: { __typename: 'Blob', text: 'lazy-consensus: {}\n', isBinary: false, isTruncated: false },
  },
  org: null,
};

function recordingLog() {
  const warnings: string[] = [];
  return {
    warnings,
    log: { info: () => {}, debug: () => {}, warning: (m: string) => void warnings.push(m) },
  };
}

const options = (url: string, log = recordingLog().log) => ({
  token: 't',
  baseUrl: url,
  log,
  writeIntervalMs: 0,
  notificationIntervalMs: 0,
  retryUnitMs: 0,
});

type Outcome = { accepted: true; files: unknown } | { accepted: false; error: string };

async function outcome(read: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { accepted: true, files: await read() };
  } catch (error) {
    return { accepted: false, error: (error as Error).message };
  }
}

/** The old path: the client alone. */
async function viaClient(url: string, log = recordingLog().log) {
  const gh = openRepoClient(options(url, log), REF);
  const result = await outcome(() => readConfigSources(gh, REQ));
  return { result, requests: gh.requests };
}

/** The new path, as run-action.ts does it. */
async function viaEarly(url: string, log = recordingLog().log) {
  const early = sendEarlyQuery({
    baseUrl: url,
    token: 't',
    fetch: httpTransport,
    query: configQuery(!!REQ.orgRepo),
    variables: { ...REF, ...configVariables(REQ) },
  });
  const gh = openRepoClient(options(url, log), REF, 1);
  const result = await outcome(() => readConfigSources(gh, REQ, early));
  return { result, requests: gh.requests };
}

const answer =
  (status: number, body: string, headers: Record<string, string> = {}) =>
  (res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body);
  };

describe('the same verdict on the same answer', () => {
  it.each([
    // plugin-throttling: `res.data.errors != null && res.data.errors.some(...)` throws a TypeError
    // for any non-null, non-array `errors`, falsy ones included
    ['errors: false', answer(200, JSON.stringify({ data: DATA, errors: false }))],
    ['errors: 0', answer(200, JSON.stringify({ data: DATA, errors: 0 }))],
    ['errors: ""', answer(200, JSON.stringify({ data: DATA, errors: '' }))],
    // not a JSON media type for Octokit, whose content-type.parse takes the type as all before
    // the first `;`, lowercased (an ArrayBuffer or text: data undefined, then a TypeError)
    [
      'content-type "application/json-seq"',
      answer(200, JSON.stringify({ data: DATA }), { 'content-type': 'application/json-seq' }),
    ],
    [
      'content-type "application/json, text/plain"',
      answer(200, JSON.stringify({ data: DATA }), { 'content-type': 'application/json, text/plain' }),
    ],
    [
      'content-type "text/plain; charset=utf-8; x=application/json"',
      answer(200, JSON.stringify({ data: DATA }), {
        'content-type': 'text/plain; charset=utf-8; x=application/json',
      }),
    ],
    // plugin-retry turns a 200 whose first error says "Something went wrong while executing your
    // query" into a 500 and retries it, then fails
    [
      'org NOT_FOUND whose message is GitHub’s "Something went wrong while executing your query"',
      answer(
        200,
        JSON.stringify({
          data: DATA,
          errors: [
            {
              type: 'NOT_FOUND',
              path: ['org'],
              message: 'Something went wrong while executing your query. Please include `ABC` when reporting',
            },
          ],
        }),
      ),
    ],
  ])('%s: both decide alike', async (_name, respond) => {
    const { url } = await serve(respond);
    const client = await viaClient(url);
    const early = await viaEarly(url);
    expect(early.result).toEqual(client.result);
  });

  it.each([['application/json;'], ['application/json; charset=utf-8;'], ['APPLICATION/JSON; charset=utf-8']])(
    'content-type "%s" (parsed leniently) is taken by both',
    async (type) => {
      const { url } = await serve(answer(200, JSON.stringify({ data: DATA }), { 'content-type': type }));
      const [client, early] = [await viaClient(url), await viaEarly(url)];
      expect(early.result).toEqual(client.result);
      expect(client.result.accepted).toBe(true);
    },
  );

  it('errors: null, with data, is taken by both', async () => {
    const { url } = await serve(answer(200, JSON.stringify({ data: DATA, errors: null })));
    const [client, early] = [await viaClient(url), await viaEarly(url)];
    expect([client.result.accepted, early.result.accepted]).toEqual([true, true]);
  });

  it.each([
    ['errors: {}', { data: DATA, errors: {} }],
    ['errors: []', { data: DATA, errors: [] }],
    ['org FORBIDDEN (SAML)', { data: DATA, errors: [{ type: 'FORBIDDEN', path: ['org'], message: 'SAML' }] }],
    [
      'org NOT_FOUND with data.repo null',
      { data: { repo: null, org: null }, errors: [{ type: 'NOT_FOUND', path: ['org'] }] },
    ],
    ['RATE_LIMITED', { data: DATA, errors: [{ type: 'RATE_LIMITED', message: 'x' }] }],
    ['a null error entry', { data: DATA, errors: [null] }],
  ])('%s is refused by both', async (_name, body) => {
    const { url } = await serve(answer(200, JSON.stringify(body), { 'x-ratelimit-reset': '0' }));
    const [client, early] = [await viaClient(url), await viaEarly(url)];
    expect([client.result.accepted, early.result.accepted]).toEqual([false, false]);
  });

  it.each([
    ['org NOT_FOUND at path org', ['org']],
    ['org NOT_FOUND at path org.file', ['org', 'file']],
  ])('%s is taken by both as org absent', async (_name, path) => {
    const body = {
      data: { ...DATA, org: { file: null } },
      errors: [{ type: 'NOT_FOUND', path, message: 'x' }],
    };
    const { url } = await serve(answer(200, JSON.stringify(body)));
    const [client, early] = [await viaClient(url), await viaEarly(url)];
    expect(early.result).toEqual(client.result);
    expect(early.result.accepted).toBe(true);
  });
});

describe('no second request for an answer the client takes as it came', () => {
  it.each([
    // content-type.parse lowercases the type
    [
      'content-type "Application/JSON"',
      answer(200, JSON.stringify({ data: DATA }), { 'content-type': 'Application/JSON' }),
    ],
    // @octokit/request: isJSONResponse accepts application/scim+json
    [
      'content-type "application/scim+json"',
      answer(200, JSON.stringify({ data: DATA }), { 'content-type': 'application/scim+json' }),
    ],
    // @octokit/request parses every status below 400 but 204/205/304 as an answer
    ['status 203', answer(203, JSON.stringify({ data: DATA }))],
  ])('%s: one request, as the client alone makes', async (_name, respond) => {
    const { url, seen } = await serve(respond);
    const client = await viaClient(url);
    const sentByClient = seen.splice(0).length;
    const early = await viaEarly(url);
    expect(early.result).toEqual(client.result);
    expect({ sent: seen.length, counted: early.requests }).toEqual({
      sent: sentByClient,
      counted: client.requests,
    });
  });
});

describe('what the client says about the answer', () => {
  // @octokit/request warns through request.log, which @octokit/core leaves unset: console.warn
  it('a deprecation header on the answer is warned about, as @octokit/request does', async () => {
    const headers = { deprecation: 'true', sunset: 'Tue, 01 Dec 2026 00:00:00 GMT' };
    const { url } = await serve(answer(200, JSON.stringify({ data: DATA }), headers));
    const warned = async (
      read: (url: string, log: ReturnType<typeof recordingLog>['log']) => Promise<unknown>,
    ) => {
      const r = recordingLog();
      const spy = jest
        .spyOn(console, 'warn')
        .mockImplementation((m: unknown) => void r.warnings.push(String(m)));
      try {
        await read(url, r.log);
      } finally {
        spy.mockRestore();
      }
      return r.warnings.filter((w) => /is deprecated/.test(w)).length;
    };
    expect({ early: await warned(viaEarly) }).toEqual({ early: await warned(viaClient) });
  });
});
