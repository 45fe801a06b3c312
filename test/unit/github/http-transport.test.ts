/**
 * The node:http transport (shared/github/http-transport.ts) against local servers, compared with
 * what Node's fetch does in each case, and through Octokit: redirects, content codings, aborts,
 * connections cut mid-body, and the headers Octokit reads.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import dns from 'node:dns';
import http, { type ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { Octokit } from '@octokit/core';
import { httpTransport, nextRequestSent, transportTimeouts } from '../../../shared/github/http-transport.js';
import { serve } from './local-server.js';

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
};

/** Both transports on the same request: the fields Octokit reads. */
async function both(url: string, init: Parameters<typeof fetch>[1] = {}) {
  const read = async (f: typeof fetch) => {
    const r = await f(url, init);
    return { status: r.status, url: r.url, headers: [...r.headers], text: await r.text() };
  };
  return { ours: await read(httpTransport), node: await read(fetch) };
}

describe('http-transport', () => {
  it('sends the method, headers and body, and returns what fetch returns', async () => {
    const { url, seen } = await serve((_req, body, res) =>
      json(res, 201, { echo: body }, { 'x-ratelimit-remaining': '4999', link: '<a>; rel="next"' }),
    );
    const init = {
      method: 'POST',
      body: JSON.stringify({ body: 'héllo' }),
      headers: { authorization: 'token t', 'content-type': 'application/json; charset=utf-8' },
    };
    const { ours, node } = await both(`${url}/repos/o/r/issues/1/comments`, init);
    const withoutDate = (h: [string, string][]) => h.filter(([k]) => k !== 'date');
    expect({ ...ours, headers: withoutDate(ours.headers) }).toEqual({
      ...node,
      headers: withoutDate(node.headers),
    });
    expect(ours.status).toBe(201);
    expect(JSON.parse(ours.text)).toEqual({ echo: '{"body":"héllo"}' });
    expect(seen[0]).toMatchObject({ method: 'POST', body: '{"body":"héllo"}' });
    expect(seen[0]!.headers).toMatchObject({ authorization: 'token t', 'content-length': '17' });
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate (raw)', deflateRawSync],
    ['br', brotliCompressSync],
  ] as const)('decodes a %s body', async (name, encode) => {
    const payload = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ n: i, t: 'ü' })) });
    const { url, seen } = await serve((_req, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': name.split(' ')[0]! });
      res.end(encode(Buffer.from(payload)));
    });
    const r = await httpTransport(url);
    expect(await r.text()).toBe(payload);
    expect(seen[0]!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('follows redirects as fetch does: a 303 becomes a GET, credentials stay on their origin', async () => {
    const other = await serve((_req, _b, res) => json(res, 200, { at: 'other' }));
    const { url, seen } = await serve((req, _b, res) => {
      if (req.url === '/moved') return json(res, 301, {}, { location: '/new' });
      if (req.url === '/post') return json(res, 303, {}, { location: '/new' });
      if (req.url === '/away') return json(res, 307, {}, { location: `${other.url}/x` });
      if (req.url === '/loop') return json(res, 302, {}, { location: '/loop' });
      return json(res, 200, { at: req.url });
    });
    const get = await both(`${url}/moved`, { headers: { authorization: 'token t' } });
    expect(get.ours).toMatchObject({ status: 200, url: `${url}/new`, text: '{"at":"/new"}' });
    expect(get.ours.url).toBe(get.node.url);

    seen.length = 0;
    const post = await httpTransport(`${url}/post`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(post.status).toBe(200);
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/post', '{"a":1}'],
      ['GET', '/new', ''],
    ]);
    expect(seen[1]!.headers['content-type']).toBeUndefined();

    await httpTransport(`${url}/away`, { headers: { authorization: 'token t' } });
    await fetch(`${url}/away`, { headers: { authorization: 'token t' } });
    expect(other.seen.map((s) => s.headers.authorization)).toEqual([undefined, undefined]);

    await expect(httpTransport(`${url}/loop`)).rejects.toMatchObject({ name: 'TypeError' });
    await expect(fetch(`${url}/loop`)).rejects.toMatchObject({ name: 'TypeError' });
    const manual = await httpTransport(`${url}/moved`, { redirect: 'manual' });
    expect(manual.status).toBe(301);
  });

  it("sends header values as fetch does: surrounding whitespace (a token's trailing newline) trimmed", async () => {
    const { url, seen } = await serve((_req, _b, res) => json(res, 200, {}));
    const init = { headers: { authorization: 'token t\n', 'x-note': ' a b\t' } };
    const { ours, node } = await both(url, init);
    expect(ours.status).toBe(node.status);
    expect(seen.map((s) => [s.headers.authorization, s.headers['x-note']])).toEqual([
      ['token t', 'a b'],
      ['token t', 'a b'],
    ]);
  });

  it('reads text as fetch does: a leading byte order mark dropped, bad bytes replaced', async () => {
    const { url } = await serve((_req, _b, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(Buffer.concat([Buffer.from('\uFEFF---\nv: 1\n'), Buffer.from([0xff])]));
    });
    const { ours, node } = await both(url);
    expect(ours.text).toBe('---\nv: 1\n\uFFFD');
    expect(ours.text).toBe(node.text);
  });

  describe('timeouts', () => {
    const { lookup } = dns;
    // the agent's options (untyped in @types/node): `timeout` is the idle timeout of its sockets
    const agentOptions = (http.globalAgent as unknown as { options: { timeout?: number } }).options;
    const { timeout } = agentOptions;
    const saved = { ...transportTimeouts };
    afterEach(() => {
      dns.lookup = lookup;
      agentOptions.timeout = timeout;
      Object.assign(transportTimeouts, saved);
    });
    /** a name lookup that answers after `ms`: the connection is still being made meanwhile */
    const slowLookup = (ms: number) =>
      ((...args: Parameters<typeof lookup>) => {
        setTimeout(() => (lookup as (...a: unknown[]) => void)(...args), ms);
      }) as typeof lookup;

    it("lets a connection take longer than the agent's idle timeout, as fetch does", async () => {
      const { url } = await serve((_req, _b, res) => json(res, 200, { ok: true }));
      // Node's global agent gives each new socket its idle timeout (5 s; 100 ms here) from the start
      agentOptions.timeout = 100;
      dns.lookup = slowLookup(300);
      const r = await httpTransport(url.replace('127.0.0.1', 'localhost'));
      expect(await r.text()).toBe('{"ok":true}');
    });

    it('fails a connection not made within the connect timeout, naming it', async () => {
      const { url } = await serve((_req, _b, res) => json(res, 200, { ok: true }));
      transportTimeouts.connectMs = 100;
      dns.lookup = slowLookup(400);
      const error = await httpTransport(url.replace('127.0.0.1', 'localhost')).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
      expect((error as { cause: Error }).cause.message).toMatch(
        /^could not connect to localhost:\d+ within 0\.1 s$/,
      );
    });
  });

  it('fails a request whose encoded body is corrupt, where fetch hands Octokit an empty body', async () => {
    const { url } = await serve((_req, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end('not gzip');
    });
    const viaFetch = await new Octokit({ baseUrl: url, request: { fetch } }).request('GET /x');
    expect(viaFetch.data).toBe('');
    const ours = new Octokit({ baseUrl: url, request: { fetch: httpTransport } });
    const error = await ours.request('GET /x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, cause: { cause: { message: 'incorrect header check' } } });
  });

  it('rejects a body cut short instead of returning it', async () => {
    const { url } = await serve((_req, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await expect(httpTransport(url)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  it('tells when a request is on its way, before its answer (nextRequestSent)', async () => {
    let answer = () => {};
    let seen = () => {};
    const received = new Promise<void>((r) => (seen = r));
    const { url } = await serve((_req, _b, res) => {
      answer = () => json(res, 200, {});
      seen();
    });
    const events: string[] = [];
    void nextRequestSent().then(() => events.push('sent'));
    const done = httpTransport(url, { method: 'POST', body: '{}' }).then(() => events.push('answered'));
    await received;
    // the server holds the request's answer: the request was reported sent
    expect(events).toEqual(['sent']);
    answer();
    await done;
    expect(events).toEqual(['sent', 'answered']);
  });

  it('stops waiting for a request once `until` settles (a request sent another way, or never)', async () => {
    let settle = (_: unknown) => {};
    const until = new Promise((_r, reject) => (settle = reject));
    let sent = false;
    const waiting = nextRequestSent(until).then(() => (sent = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toBe(false);
    settle(new Error('through a proxy'));
    await waiting;
    expect(sent).toBe(true);
  });

  it('rejects with an AbortError when its signal aborts', async () => {
    const { url } = await serve(() => {
      /* never answers */
    });
    const controller = new AbortController();
    const pending = httpTransport(url, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('serves Octokit: errors, retries-worthy failures and response headers as with fetch', async () => {
    let calls = 0;
    const { url } = await serve((req, _b, res) => {
      calls++;
      if (req.url === '/gone') return json(res, 404, { message: 'Not Found', documentation_url: 'd' });
      if (req.url === '/reset') return res.socket?.destroy();
      if (req.url === '/empty') {
        res.writeHead(204);
        return res.end();
      }
      json(res, 200, { ok: true }, { etag: '"e"' });
    });
    const octokit = new Octokit({ baseUrl: url, request: { fetch: httpTransport } });
    const ok = await octokit.request('GET /ok');
    expect(ok).toMatchObject({ status: 200, data: { ok: true }, url: `${url}/ok` });
    expect(ok.headers.etag).toBe('"e"');
    expect((await octokit.request('GET /empty')).status).toBe(204);
    await expect(octokit.request('GET /gone')).rejects.toMatchObject({
      status: 404,
      message: 'Not Found - d',
    });
    // a network failure is a RequestError with status 500, which the retry plugin retries
    const reset = await octokit.request('GET /reset').catch((e: unknown) => e);
    expect(reset).toMatchObject({ name: 'HttpError', status: 500 });
    expect((reset as { cause?: { cause?: { code?: string } } }).cause?.cause?.code).toBe('ECONNRESET');
    expect(calls).toBe(4);
  });
});
