/**
 * The runtime's two halves (shared/runtime/run-action.ts): an action given as a header and a
 * loader has its code loaded once the configuration query is on its way, so loading overlaps the
 * wait for the answer; an event it does not handle loads nothing and sends nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
let server: Server | undefined;
const saved = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'run-action-'));
});
afterEach(async () => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** A GitHub stand-in that holds its answer to the configuration query until `release()`. */
async function heldApi() {
  const order: string[] = [];
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  server = createServer((req, res) => {
    order.push(`request ${req.method} ${req.url}`);
    void Promise.race([released, new Promise((r) => setTimeout(r, 3000))]).then(() => {
      order.push('answer');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(CONFIG_ANSWER);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, order, release };
}

function runnerEnv(url: string, event: string): NodeJS.ProcessEnv {
  writeFileSync(join(dir, 'event.json'), '{}');
  for (const f of ['output', 'summary']) writeFileSync(join(dir, f), '');
  const env = {
    GITHUB_REPOSITORY: 'acme/community',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_API_URL: url,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    'INPUT_GITHUB-TOKEN': 't',
    GOVERNANCE_ACTIONS_WRITE_INTERVAL_MS: '0',
    GOVERNANCE_ACTIONS_RETRY_UNIT_MS: '0',
  };
  Object.assign(process.env, env);
  return { ...process.env };
}

describe('runAction with an action loaded on demand', () => {
  it('loads the action once the configuration query is sent, before its answer', async () => {
    const api = await heldApi();
    const loads: string[] = [];
    const action: ActionEntry = {
      name: 'test-action',
      events: ['schedule'],
      load: async () => {
        api.order.push('load');
        loads.push('load');
        api.release();
        return { name: 'test-action', events: ['schedule'], run: async () => emptyPlan('test-action') };
      },
    };
    const started = Date.now();
    await runAction(action, runnerEnv(api.url, 'schedule'));
    expect(process.exitCode).toBeUndefined();
    expect(loads).toEqual(['load']);
    // the answer waited for the load (released by it, not by the stand-in's 3 s timeout); in one
    // process the load may start before the stand-in's handler sees the request it was sent after
    expect(api.order.filter((e) => e !== 'load')).toEqual(['request POST /graphql', 'answer']);
    expect(api.order.indexOf('load')).toBeLessThan(api.order.indexOf('answer'));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toContain('plan<<');
  });

  it('loads nothing and sends nothing for an event the action does not handle', async () => {
    const api = await heldApi();
    let loaded = false;
    const action: ActionEntry = {
      name: 'test-action',
      events: ['schedule'],
      load: async (): Promise<ActionDefinition> => {
        loaded = true;
        throw new Error('not to be loaded');
      },
    };
    await runAction(action, runnerEnv(api.url, 'push'));
    expect(loaded).toBe(false);
    expect(api.order).toEqual([]);
    expect(process.exitCode).toBeUndefined();
  });

  it('fails the run with the loader’s error', async () => {
    const api = await heldApi();
    api.release();
    const action: ActionEntry = {
      name: 'test-action',
      events: ['schedule'],
      load: () => Promise.reject(new Error('chunk 970.index.js is missing')),
    };
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof write;
    try {
      await runAction(action, runnerEnv(api.url, 'schedule'));
    } finally {
      process.stdout.write = write;
    }
    expect(process.exitCode).toBe(1);
    expect(out.join('')).toContain(
      "::error::test-action: the action's code could not be loaded: chunk 970.index.js is missing",
    );
  });
});
