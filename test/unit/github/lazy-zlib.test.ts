/**
 * node:zlib loads after the first request (http-transport.ts `decode`): compressed answers to the
 * very first requests of a fresh module registry (a file of its own), all at once, decode; and the
 * CommonJS bundle reads a gzip answer to its first request, the configuration query.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { sendEarlyQuery } from '../../../shared/github/early-query.js';
import { httpTransport } from '../../../shared/github/http-transport.js';
import { serve } from './local-server.js';

const DATA = { repo: { defaultBranchRef: { name: 'main' }, isArchived: false, file: null }, org: null };
const CODINGS: [string, (b: Buffer) => Buffer][] = [
  ['gzip', gzipSync],
  ['br', brotliCompressSync],
  ['deflate', deflateSync],
];

describe('node:zlib, loaded once a request is on its way', () => {
  it('decodes compressed answers to the first requests, sent at once', async () => {
    let n = 0;
    const { url } = await serve((_req, _body, res) => {
      const [coding, compress] = CODINGS[n++ % CODINGS.length]!;
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding });
      res.end(compress(Buffer.from(JSON.stringify({ data: DATA }))));
    });
    const answers = await Promise.all(
      CODINGS.map(() =>
        sendEarlyQuery({ baseUrl: url, token: 't', fetch: httpTransport, query: 'q', variables: {} }),
      ),
    );
    expect(answers).toEqual(CODINGS.map(() => ({ data: DATA })));
  });

  it('the bundle reads a gzip answer to its first request (the configuration query)', async () => {
    let n = 0;
    const { url } = await serve((req, _body, res) => {
      if (n++ === 0 && req.url === '/graphql') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        return res.end(gzipSync(JSON.stringify({ data: DATA })));
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"Not Found"}');
    });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_API_URL: url,
      GITHUB_REPOSITORY: 'acme/widgets',
      GITHUB_EVENT_NAME: 'schedule',
      'INPUT_GITHUB-TOKEN': 't',
      GOVERNANCE_ACTIONS_RETRY_UNIT_MS: '0',
      GOVERNANCE_ACTIONS_WRITE_INTERVAL_MS: '0',
      GOVERNANCE_ACTIONS_NOW: '2026-03-02T10:00:00Z',
    };
    const out = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['actions/lazy-consensus-timer/dist/index.js'], { env });
      let text = '';
      child.stdout.on('data', (c) => (text += c));
      child.stderr.on('data', (c) => (text += c));
      child.on('close', () => resolve(text));
    });
    expect(out).toContain('configuration: defaults (no file found)');
    expect(out).not.toMatch(/fetch failed|incorrect header|zlib/i);
  });
});
