import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { REPO, startSandbox, type Started } from './test-helpers.js';

let sb: Started;
beforeEach(async () => {
  sb = await startSandbox();
  sb.state.createIssue({ title: 't', author: 'alice' });
});
afterEach(async () => {
  await sb.sandbox.stop();
});

describe('fault injection', () => {
  it.each([
    ['500', 500],
    ['502', 502],
    ['429', 429],
  ] as const)('answers %s on the matching request and then recovers', async (kind, status) => {
    sb.sandbox.faults.add({ method: 'GET', path: /\/issues\/1$/, kind });
    const failed = await sb.call('GET', `${REPO}/issues/1`);
    expect(failed.status).toBe(status);
    expect((await sb.call('GET', `${REPO}/issues/1`)).status).toBe(200);
    expect(sb.sandbox.log.entries[0]).toMatchObject({ status, fault: kind });
    if (kind === '429') expect(failed.headers.get('retry-after')).toBe('1');
  });

  it('answers a secondary rate limit as GitHub does', async () => {
    sb.sandbox.faults.add({
      path: '/repos/{owner}/{repo}/issues/{issue_number}',
      kind: 'secondary-rate-limit',
    });
    const res = await sb.call('GET', `${REPO}/issues/1`);
    expect(res.status).toBe(403);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.json.message).toMatch(/secondary rate limit/);
  });

  it('resets the connection', async () => {
    sb.sandbox.faults.add({ kind: 'reset' });
    await expect(sb.call('GET', `${REPO}/issues/1`)).rejects.toThrow();
    expect(sb.sandbox.log.entries[0]).toMatchObject({ status: 0, fault: 'reset' });
    expect((await sb.call('GET', `${REPO}/issues/1`)).status).toBe(200);
  });

  it('faults only the n-th matching request, `times` times, without changing state', async () => {
    sb.sandbox.faults.add({ method: 'POST', path: /\/comments$/, nth: 2, times: 2, kind: '500' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await sb.call('POST', `${REPO}/issues/1/comments`, { body: `c${i}` })).status);
    expect(statuses).toEqual([201, 500, 500, 201]);
    expect(sb.state.commentsOf(1).map((c) => c.body)).toEqual(['c0', 'c3']);
    expect(sb.sandbox.violations).toEqual([]);
  });

  it('delays a request and then answers it normally', async () => {
    sb.sandbox.faults.add({ kind: 'delay', delayMs: 300 });
    const started = Date.now();
    expect((await sb.call('GET', `${REPO}/issues/1`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('holds the requests of a barrier until the last one arrives, then answers them all', async () => {
    sb.sandbox.faults.add({ method: 'POST', path: /\/issues$/, kind: 'barrier', times: 2 });
    let firstAnswered = false;
    const first = sb.call('POST', `${REPO}/issues`, { title: 'a' }).then((r) => {
      firstAnswered = true;
      return r;
    });
    // the first request is held for as long as the second does not come
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(firstAnswered).toBe(false);
    expect(sb.state.issues.size).toBe(1);
    const second = await sb.call('POST', `${REPO}/issues`, { title: 'b' });
    expect([(await first).status, second.status]).toEqual([201, 201]);
    expect(sb.sandbox.faults.counts()[0]).toMatchObject({ fired: 2, timedOut: false });
  });

  it('lets the request of a barrier through after the timeout and says it timed out', async () => {
    sb.sandbox.faults.add({ kind: 'barrier', times: 2 });
    const rule = sb.sandbox.faults.pending()[0]!;
    expect(sb.sandbox.faults.take('GET', '/x')).toBe(rule);
    await sb.sandbox.faults.hold(rule, 50);
    expect(sb.sandbox.faults.counts()[0]).toMatchObject({ fired: 1, timedOut: true });
    expect(() => sb.sandbox.faults.add({ kind: 'barrier' })).toThrow(/times of 2 or more/);
  });
});

describe('tokens with options', () => {
  it('faults only the requests of the named client', async () => {
    const first = sb.sandbox.tokenFor('github-actions[bot]', { client: 'run-0' });
    const second = sb.sandbox.tokenFor('github-actions[bot]', { client: 'run-1' });
    expect(first).not.toBe(second);
    sb.sandbox.faults.add({ kind: '500', client: 'run-1', times: 5 });
    expect((await sb.call('GET', `${REPO}/issues/1`, undefined, first)).status).toBe(200);
    expect((await sb.call('GET', `${REPO}/issues/1`, undefined, second)).status).toBe(500);
    expect(sb.sandbox.log.entries.map((e) => [e.client, e.login])).toEqual([
      ['run-0', 'github-actions[bot]'],
      ['run-1', 'github-actions[bot]'],
    ]);
  });

  it('refuses every write of a read-only token as GitHub does for a fork pull request', async () => {
    const token = sb.sandbox.tokenFor('github-actions[bot]', { readOnly: true });
    expect((await sb.call('GET', `${REPO}/issues/1`, undefined, token)).status).toBe(200);
    const refused = await sb.call('POST', `${REPO}/issues/1/comments`, { body: 'hi' }, token);
    expect(refused.status).toBe(403);
    expect(refused.json.message).toBe('Resource not accessible by integration');
    expect((await sb.call('POST', `${REPO}/issues/1/labels`, { labels: ['bug'] }, token)).status).toBe(403);
    expect(sb.state.commentsOf(1)).toEqual([]);
    expect(sb.state.issues.get(1)!.labels).toEqual([]);
    // an invalid write is still one GitHub would reject for its shape
    expect((await sb.call('POST', `${REPO}/issues/1/comments`, { body: 42 }, token)).status).toBe(422);
    expect(sb.sandbox.violations).toHaveLength(1);
  });
});
