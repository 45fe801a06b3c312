/**
 * The runtime's two halves (shared/runtime/run-action.ts): an action given as a header and a
 * loader has its code loaded once the configuration query is on its way, so loading overlaps the
 * wait for the answer; an event it does not handle loads nothing and sends nothing. When something
 * fails around the load, the job fails with one message naming the cause, never an unhandled
 * rejection or a hang, whether the configuration read fails first (a 401, a request never sent),
 * the load fails first (a chunk missing or from another build), or no request is ever seen as sent
 * (behind a proxy, undici sends it).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPlan } from '../../../shared/plan/effects.js';
import { runAction } from '../../../shared/runtime/run-action.js';
import type { ActionDefinition, ActionEntry } from '../../../shared/runtime/context.js';

const CONFIG_ANSWER = JSON.stringify({
  data: { repo: { defaultBranchRef: { name: 'main' }, isArchived: false, file: null }, org: { file: null } },
});

let dir: string;
const servers: Server[] = [];
const saved = { ...process.env };
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'run-action-faults-'));
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  process.off('unhandledRejection', onUnhandled);
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** A GitHub stand-in: `status` 200 answers the configuration query, anything else GitHub's error. */
async function api(status = 200): Promise<{ url: string; port: number; answered: Promise<void> }> {
  let answered = () => {};
  const done = new Promise<void>((r) => (answered = r));
  const port = await listen(
    createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? CONFIG_ANSWER : JSON.stringify({ message: 'Bad credentials' }));
        answered();
      });
    }),
  );
  return { url: `http://127.0.0.1:${port}`, port, answered: done };
}

function runnerEnv(url: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  writeFileSync(join(dir, 'event.json'), '{}');
  for (const f of ['output', 'summary']) writeFileSync(join(dir, f), '');
  for (const k of Object.keys(process.env)) if (/^(https?|all|no)_proxy$/i.test(k)) delete process.env[k];
  Object.assign(process.env, {
    GITHUB_REPOSITORY: 'acme/community',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_API_URL: url,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    'INPUT_GITHUB-TOKEN': 't',
    GOVERNANCE_ACTIONS_WRITE_INTERVAL_MS: '0',
    GOVERNANCE_ACTIONS_RETRY_UNIT_MS: '0',
    ...extra,
  });
  return { ...process.env };
}

const definition: ActionDefinition = {
  name: 'test-action',
  events: ['schedule'],
  run: async () => emptyPlan('test-action'),
};

/** The test action as an entry that counts its loads. */
function recordingEntry(): ActionEntry & { loads: number } {
  const entry = {
    ...definition,
    loads: 0,
    load: async () => {
      entry.loads++;
      return definition;
    },
  };
  return entry;
}

/** The run's stdout (workflow commands) while `body` runs. */
async function captured(body: () => Promise<void>): Promise<string> {
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof write;
  try {
    await body();
  } finally {
    process.stdout.write = write;
  }
  // a rejection left unhandled is reported after the current macrotask
  await new Promise((r) => setTimeout(r, 20));
  return out.join('');
}

/** A stand-in that holds its answer to the configuration query until `release()` (or 3 s). */
async function heldApi() {
  const order: string[] = [];
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  const port = await listen(
    createServer((req, res) => {
      order.push(`request ${req.method} ${req.url}`);
      void Promise.race([released, new Promise((r) => setTimeout(r, 3000).unref())]).then(() => {
        order.push('answer');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(CONFIG_ANSWER);
      });
    }),
  );
  return { url: `http://127.0.0.1:${port}`, order, release };
}

describe('runAction with an action loaded on demand', () => {
  it('loads the action once the configuration query is sent, before its answer', async () => {
    const api = await heldApi();
    const action: ActionEntry = {
      ...definition,
      load: async () => {
        api.order.push('load');
        api.release();
        return definition;
      },
    };
    const started = Date.now();
    await runAction(action, runnerEnv(api.url));
    expect(process.exitCode).toBeUndefined();
    // the answer waited for the load (released by it, not by the stand-in's 3 s timeout); in one
    // process the load may start before the stand-in's handler sees the request it was sent after
    expect(api.order.filter((e) => e !== 'load')).toEqual(['request POST /graphql', 'answer']);
    expect(api.order.filter((e) => e === 'load')).toHaveLength(1);
    expect(api.order.indexOf('load')).toBeLessThan(api.order.indexOf('answer'));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toContain('plan<<');
  });

  it('loads nothing and sends nothing for an event the action does not handle', async () => {
    const api = await heldApi();
    const action = recordingEntry();
    const out = await captured(() => runAction(action, runnerEnv(api.url, { GITHUB_EVENT_NAME: 'push' })));
    expect(out).toContain('::notice::test-action does not handle "push" events; nothing to do.');
    expect(action.loads).toBe(0);
    expect(api.order).toEqual([]);
    expect(process.exitCode).toBeUndefined();
  });
});

describe('runAction when the action’s code cannot be loaded', () => {
  it('names the bundle as the cause of a chunk that is missing', async () => {
    const { url } = await api();
    const missing = Object.assign(
      new Error("Cannot find module '/a/dist/970.index.js' imported from /a/dist/index.js"),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    const action: ActionEntry = { ...definition, load: () => Promise.reject(missing) };
    const out = await captured(() => runAction(action, runnerEnv(url)));
    expect(process.exitCode).toBe(1);
    expect(out).toContain(
      "::error::test-action: the action's code could not be loaded: Cannot find module '/a/dist/970.index.js'",
    );
    expect(out).toMatch(/every file of actions\/test-action\/dist[^\n]*one build/);
    expect(unhandled).toEqual([]);
  });

  it('names the bundle as the cause of a chunk from another build', async () => {
    const { url } = await api();
    // what webpack's require says when a chunk lacks a module the entry asks it for
    const action: ActionEntry = {
      ...definition,
      load: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'call')");
      },
    };
    const out = await captured(() => runAction(action, runnerEnv(url)));
    expect(process.exitCode).toBe(1);
    expect(out).toContain(
      "::error::test-action: the action's code could not be loaded: Cannot read properties of undefined (reading 'call')",
    );
  });

  it('does not blame the bundle for an error of the action’s own run', async () => {
    const { url } = await api();
    const action: ActionEntry = {
      ...definition,
      load: async () => ({
        ...definition,
        run: async () => {
          throw new Error('the sweep failed');
        },
      }),
    };
    const out = await captured(() => runAction(action, runnerEnv(url)));
    expect(out).toContain('::error::test-action: the sweep failed');
    expect(out).not.toContain('could not be loaded');
  });

  it('reports one error when the load fails after the configuration’s 401, and no unhandled rejection', async () => {
    const { url, answered } = await api(401);
    let loadFailed = false;
    const action: ActionEntry = {
      ...definition,
      load: async () => {
        await answered;
        await new Promise((r) => setTimeout(r, 10));
        loadFailed = true;
        throw new Error('chunk 970.index.js is missing');
      },
    };
    const out = await captured(() => runAction(action, runnerEnv(url)));
    await new Promise((r) => setTimeout(r, 50));
    expect(process.exitCode).toBe(1);
    // nothing runs without the code: its failure is the one reported
    expect(out).toMatch(/::error::test-action: the action's code could not be loaded: chunk 970/);
    expect(out.match(/::error::/g)).toHaveLength(1);
    expect(loadFailed).toBe(true);
    expect(unhandled).toEqual([]);
  });

  it('reports the configuration’s 401 once when the code loads', async () => {
    const { url } = await api(401);
    const out = await captured(() => runAction(recordingEntry(), runnerEnv(url)));
    expect(process.exitCode).toBe(1);
    expect(out).toMatch(
      /::error::test-action: the configuration \([^)]*\) could not be read: Bad credentials/,
    );
    expect(out.match(/::error::/g)).toHaveLength(1);
    expect(unhandled).toEqual([]);
  });

  it('ends when the configuration request cannot even be sent', async () => {
    // nothing is ever written to a connection: the load waits for the read to settle
    const action = recordingEntry();
    const out = await captured(() => runAction(action, runnerEnv('ftp://127.0.0.1:9')));
    expect(process.exitCode).toBe(1);
    expect(out).toMatch(/::error::test-action: the configuration \([^)]*\) could not be read: /);
    expect(action.loads).toBe(1);
    expect(unhandled).toEqual([]);
  });
});

describe('runAction behind a proxy', () => {
  it('loads the action after the answer, as undici sends the request', async () => {
    const target = await api();
    // an HTTP proxy that tunnels (CONNECT) every connection to the stand-in, as undici's ProxyAgent asks
    let tunnels = 0;
    const proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (_req, socket, head) => {
      tunnels++;
      const upstream = connect(target.port, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
      });
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    const proxyPort = await listen(proxy);
    const action = recordingEntry();
    const out = await captured(() =>
      runAction(
        action,
        // not a loopback host, or no proxy applies (@actions/http-client)
        runnerEnv('http://api.github.test', { HTTP_PROXY: `http://127.0.0.1:${proxyPort}` }),
      ),
    );
    expect(out).not.toContain('::error::');
    expect(process.exitCode).toBeUndefined();
    expect(tunnels).toBe(1);
    expect(action.loads).toBe(1);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toContain('plan<<');
  });
});
