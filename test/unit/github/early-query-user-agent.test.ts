/**
 * The early query's user agent on the runners' Node 24 (early-query.ts `octokitUserAgent`):
 * universal-user-agent takes `navigator.userAgent` where Node has one (Node 21 and later:
 * "Node.js/24"), and @octokit/core reads it once, when it loads. This machine's Node 20 has none,
 * so Node 24's is stood in before the client is imported (a file of its own: a fresh registry).
 */
import { describe, expect, it } from '@jest/globals';
import { serve } from './local-server.js';

describe('the user agent on Node 21 and later', () => {
  it('is the client’s', async () => {
    const hadNavigator = 'navigator' in globalThis;
    if (!hadNavigator)
      Object.defineProperty(globalThis, 'navigator', {
        value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` },
        configurable: true,
      });
    try {
      const { url, seen } = await serve((_req, _body, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data":{}}');
      });
      const { createOctokit } = await import('../../../shared/github/client.js');
      const { sendEarlyQuery } = await import('../../../shared/github/early-query.js');
      const { httpTransport } = await import('../../../shared/github/http-transport.js');
      const log = { info: () => {}, warning: () => {}, debug: () => {} };
      await createOctokit({ token: 't', baseUrl: url, log, writeIntervalMs: 0 }).graphql('q', {});
      await sendEarlyQuery({ baseUrl: url, token: 't', fetch: httpTransport, query: 'q', variables: {} });
      expect(seen[1]!.headers['user-agent']).toBe(seen[0]!.headers['user-agent']);
      expect(seen[1]!.headers['user-agent']).toMatch(/ Node\.js\/\d+$/);
    } finally {
      if (!hadNavigator) delete (globalThis as { navigator?: unknown }).navigator;
    }
  });
});
