/**
 * Octokit's transport when no proxy applies: the part of `fetch` that @octokit/request uses
 * (method, a string or byte body, headers, `redirect`, `signal`; then status, statusText, url,
 * headers, `text()` and `arrayBuffer()`), over node:http and node:https with their keep-alive
 * agents. Node's own `fetch` loads its internal undici on first use, 40–50 ms of every run's
 * start-up (docs/benchmarks.md, start-up); node:http is part of Node's core.
 *
 * It behaves as fetch does where a run can tell: redirects followed as the Fetch standard says
 * (at most 20; 303, and 301/302 after a POST, become a GET without a body; credentials dropped on
 * another origin), gzip/deflate/br bodies decoded, a request aborted by its signal rejects with an
 * AbortError, a connection not made in 10 s or silent for 300 s fails (undici's timeouts), header
 * values are trimmed and text decoded as fetch does. Differences, on purpose: the body is read
 * before the response is returned, so a connection cut mid-body or a corrupt gzip/deflate/br body
 * rejects the request (Octokit retries it as a 500) instead of handing Octokit a truncated or
 * undecodable body, which it would read as an empty one.
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

type Fetch = typeof globalThis.fetch;
type Body = string | Uint8Array;

interface TransportInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  redirect?: 'follow' | 'manual' | 'error';
  signal?: AbortSignal | null;
}

const MAX_REDIRECTS = 20;
/**
 * undici's connect timeout (name lookup, TCP and TLS) and its headersTimeout and bodyTimeout (a
 * connection silent this long fails the request); an object so that a test can shorten them.
 */
export const transportTimeouts = { connectMs: 10_000, idleMs: 300_000 };
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** dropped when a redirect leaves the origin (Fetch standard, "HTTP-redirect fetch") */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];
/** dropped when a redirect turns the request into a GET without a body */
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];

/** The response headers as fetch's Headers presents them to Octokit: iterable, `get` by any case. */
class ResponseHeaders implements Iterable<[string, string]> {
  private readonly map = new Map<string, string>();
  constructor(raw: IncomingMessage['headers']) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  [Symbol.iterator](): Iterator<[string, string]> {
    return [...this.map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))[Symbol.iterator]();
  }
}

class TransportResponse {
  readonly ok: boolean;
  readonly redirected: boolean;
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly url: string,
    readonly headers: ResponseHeaders,
    private readonly bytes: Buffer,
    redirects: number,
  ) {
    this.ok = status >= 200 && status < 300;
    this.redirected = redirects > 0;
  }
  /** UTF-8 decoded as fetch decodes it: a leading byte order mark dropped, bad bytes replaced */
  async text(): Promise<string> {
    return new TextDecoder().decode(this.bytes);
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const copy = new Uint8Array(this.bytes.byteLength);
    copy.set(this.bytes);
    return copy.buffer;
  }
}

/** A network failure as fetch reports one: a TypeError whose cause says what happened. */
function networkError(cause: unknown): TypeError {
  const error = new TypeError('fetch failed');
  (error as { cause?: unknown }).cause = cause;
  return error;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function requestBody(body: unknown): Body | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError(`http-transport: unsupported request body (${typeof body})`);
}

/**
 * node:zlib, loaded once the first request is on its way (see `exchange`): no request waits for
 * it (6–7 ms of Node 24's start-up, docs/benchmarks.md), and an answer rarely does.
 */
let zlibModule: Promise<typeof import('node:zlib')> | undefined;
const loadZlib = () => (zlibModule ??= import('node:zlib'));

/** Decodes the content codings in the reverse of the order they were applied. */
async function decode(bytes: Buffer, contentEncoding: string | undefined): Promise<Buffer> {
  if (!contentEncoding || bytes.length === 0) return bytes;
  const { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } = await loadZlib();
  // lenient at the end of the stream, as undici is (a body cut after the last full block decodes)
  const lenient = { finishFlush: constants.Z_SYNC_FLUSH };
  let out = bytes;
  for (const coding of contentEncoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') out = gunzipSync(out, lenient);
    // "deflate" is meant to be zlib-wrapped; some servers send it raw (undici tells them apart alike)
    else if (coding === 'deflate')
      out = (out[0]! & 0x0f) === 0x08 ? inflateSync(out, lenient) : inflateRawSync(out, lenient);
    else if (coding === 'br')
      out = brotliDecompressSync(out, { finishFlush: constants.BROTLI_OPERATION_FLUSH });
    else if (coding !== 'identity' && coding !== '') return bytes;
  }
  return out;
}

/** Resolved when the next request has been handed to the operating system (`nextRequestSent`). */
const sentWaiters = new Set<() => void>();

/**
 * Resolves once the next request of this transport is written to its connection: work that can
 * wait (loading the rest of a run's code) then overlaps the wait for the answer instead of
 * delaying the request (shared/runtime/run-action.ts). Or once `until` settles: the request that
 * went another way (a proxy's fetch) or failed leaves no waiter behind.
 */
export function nextRequestSent(until?: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    sentWaiters.add(resolve);
    const settled = () => {
      sentWaiters.delete(resolve);
      resolve();
    };
    until?.then(settled, settled);
  });
}

function requestSent(): void {
  for (const resolve of sentWaiters) resolve();
  sentWaiters.clear();
  void loadZlib();
}

interface Exchange {
  response: IncomingMessage;
  bytes: Buffer;
}

/** One request and its whole (still encoded) body. */
function exchange(
  url: URL,
  method: string,
  headers: OutgoingHttpHeaders,
  body: Body | undefined,
  signal?: AbortSignal | null,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      req.destroy();
      reject(error);
    };
    const onAbort = () => fail(abortError(signal!));
    const req = send(url, { method, headers });
    const { connectMs, idleMs } = transportTimeouts;
    req.setTimeout(idleMs, () =>
      fail(
        networkError(
          new Error(
            req.socket?.connecting
              ? `could not connect to ${url.host} within ${connectMs / 1000} s`
              : `no data from ${url.host} for ${idleMs / 1000} s`,
          ),
        ),
      ),
    );
    // Node's agents start a new socket on their own idle timeout (5 s), which would cut a slow name
    // lookup or connect short; until connected the connect timeout applies (then req's idle one).
    req.on('socket', (socket) => {
      if (socket.connecting) socket.setTimeout(connectMs);
    });
    req.on('error', (error) => fail(networkError(error)));
    req.on('finish', requestSent);
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => fail(networkError(error)));
      response.on('aborted', () =>
        fail(networkError(new Error('the connection closed before the response ended'))),
      );
      response.on('end', () => {
        if (!response.complete)
          return fail(networkError(new Error('the connection closed before the response ended')));
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve({ response, bytes: Buffer.concat(chunks) });
      });
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body);
  });
}

/** Octokit's `request.fetch` without a proxy (see the top of this file). */
export const httpTransport: Fetch = (async (input: string | URL, init: TransportInit = {}) => {
  let url = new URL(String(input));
  let method = (init.method ?? 'GET').toUpperCase();
  let body = requestBody(init.body);
  const headers: Record<string, string> = {};
  // values normalized as fetch's Headers does (leading and trailing HTTP whitespace removed):
  // node:http refuses a value ending in a newline, as a token pasted with one does
  for (const [name, value] of Object.entries(init.headers ?? {}))
    headers[name.toLowerCase()] = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  headers['accept-encoding'] ??= 'gzip, deflate, br';
  for (let redirects = 0; ; redirects++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw networkError(new Error(`unsupported protocol ${url.protocol}`));
    const sent: OutgoingHttpHeaders = { ...headers };
    if (body !== undefined) sent['content-length'] = String(Buffer.byteLength(body));
    const { response, bytes } = await exchange(url, method, sent, body, init.signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(status) && location && init.redirect !== 'manual') {
      if (init.redirect === 'error') throw networkError(new Error(`unexpected redirect to ${location}`));
      if (redirects >= MAX_REDIRECTS) throw networkError(new Error('redirect count exceeded'));
      const next = new URL(location, url);
      if (
        (status === 303 && method !== 'HEAD') ||
        ((status === 301 || status === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
        for (const name of BODY_HEADERS) delete headers[name];
      }
      if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
      url = next;
      continue;
    }
    let decoded: Buffer;
    try {
      decoded = method === 'HEAD' ? bytes : await decode(bytes, response.headers['content-encoding']);
    } catch (error) {
      throw networkError(error);
    }
    return new TransportResponse(
      status,
      response.statusMessage ?? '',
      url.href,
      new ResponseHeaders(response.headers),
      decoded,
      redirects,
    );
  }
}) as unknown as Fetch;
