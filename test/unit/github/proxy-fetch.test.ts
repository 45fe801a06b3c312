/**
 * Proxy selection as `@actions/github`'s getOctokit makes it (shared/github/proxy-fetch.ts): no
 * proxy variable, a loopback host or a NO_PROXY match keeps Node's own fetch (and undici unloaded);
 * a proxy that applies routes requests through it.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxyFetchFor, userAgentWithOrchestrationId } from '../../../shared/github/proxy-fetch.js';

const KEYS = [
  'https_proxy',
  'HTTPS_PROXY',
  'http_proxy',
  'HTTP_PROXY',
  'no_proxy',
  'NO_PROXY',
  'ACTIONS_ORCHESTRATION_ID',
];
let saved: Record<string, string | undefined>;
beforeEach(() => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

describe('proxy selection', () => {
  it('uses Node’s fetch when no proxy variable is set', () => {
    expect(proxyFetchFor('https://api.github.com')).toBeUndefined();
  });

  it('uses the proxy of the URL’s scheme', () => {
    process.env['HTTP_PROXY'] = 'http://proxy.example:3128';
    expect(proxyFetchFor('https://api.github.com')).toBeUndefined();
    expect(proxyFetchFor('http://ghe.example/api/v3')).toBeDefined();
    process.env['HTTPS_PROXY'] = 'http://proxy.example:3128';
    expect(proxyFetchFor('https://api.github.com')).toBeDefined();
  });

  it('bypasses NO_PROXY hosts and loopback', () => {
    process.env['HTTPS_PROXY'] = 'http://proxy.example:3128';
    process.env['NO_PROXY'] = 'ghe.example,.corp.example';
    expect(proxyFetchFor('https://ghe.example/api/v3')).toBeUndefined();
    expect(proxyFetchFor('https://api.corp.example')).toBeUndefined();
    expect(proxyFetchFor('https://api.github.com')).toBeDefined();
    process.env['HTTP_PROXY'] = 'http://proxy.example:3128';
    expect(proxyFetchFor('http://127.0.0.1:8080')).toBeUndefined();
    expect(proxyFetchFor('http://localhost:8080')).toBeUndefined();
  });

  describe('through a proxy', () => {
    let proxy: Server;
    const seen: { method: string; url: string; auth?: string }[] = [];
    beforeEach(async () => {
      seen.length = 0;
      // a plain HTTP proxy: undici sends CONNECT for every target; answer it and refuse the tunnel
      proxy = createServer((req, res) => {
        seen.push({ method: req.method!, url: req.url!, auth: req.headers['proxy-authorization'] });
        res.writeHead(502).end();
      });
      proxy.on('connect', (req, socket) => {
        seen.push({ method: req.method!, url: req.url!, auth: req.headers['proxy-authorization'] });
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    });
    afterEach(async () => {
      await new Promise((r) => proxy.close(r));
    });

    it('sends requests to the proxy, with its credentials', async () => {
      const { port } = proxy.address() as AddressInfo;
      process.env['HTTPS_PROXY'] = `http://user:p%40ss@127.0.0.1:${port}`;
      const fetch = proxyFetchFor('https://api.github.example')!;
      await expect(fetch('https://api.github.example/repos/o/r')).rejects.toThrow();
      expect(seen[0]).toEqual({
        method: 'CONNECT',
        url: 'api.github.example:443',
        auth: `Basic ${Buffer.from('user:p@ss').toString('base64')}`,
      });
    });
  });
});

describe('user agent', () => {
  it('adds the runner’s orchestration id as getOctokit does', () => {
    expect(userAgentWithOrchestrationId(undefined)).toBeUndefined();
    process.env['ACTIONS_ORCHESTRATION_ID'] = ' a/b c ';
    expect(userAgentWithOrchestrationId(undefined)).toBe('actions_orchestration_id/a_b_c');
    expect(userAgentWithOrchestrationId('x/1')).toBe('x/1 actions_orchestration_id/a_b_c');
    expect(userAgentWithOrchestrationId('x/1 actions_orchestration_id/a_b_c')).toBe(
      'x/1 actions_orchestration_id/a_b_c',
    );
  });
});
