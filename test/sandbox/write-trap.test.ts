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

describe('write trap (kill-after-write)', () => {
  it('springs right after the N-th answered write and drops everything the client sends after', async () => {
    const token = sb.sandbox.tokenFor(sb.state.actor, { client: 'run-0' });
    let sprung = 0;
    const trap = sb.sandbox.armWriteTrap({ client: 'run-0', afterWrites: 2, onSprung: () => sprung++ });
    const comment = (body: string) => sb.call('POST', `${REPO}/issues/1/comments`, { body }, token);
    expect((await sb.call('GET', `${REPO}/issues/1`, undefined, token)).status).toBe(200); // reads do not count
    expect((await comment('one')).status).toBe(201);
    expect(sprung).toBe(0);
    expect((await comment('two')).status).toBe(201);
    expect(sprung).toBe(1);
    // a write and a read after the kill: never answered, never logged, nothing changed
    await expect(comment('three')).rejects.toThrow();
    await expect(sb.call('GET', `${REPO}/issues/1`, undefined, token)).rejects.toThrow();
    expect(sb.state.comments.map((c) => c.body)).toEqual(['one', 'two']);
    expect(sb.sandbox.log.entries.map((e) => e.method)).toEqual(['GET', 'POST', 'POST']);
    expect(trap.sprung).toBe(true);
    expect(sprung).toBe(1);
    // another client (a parallel run) is not the one killed
    expect((await sb.call('POST', `${REPO}/issues/1/comments`, { body: 'other' })).status).toBe(201);
    sb.sandbox.disarmWriteTrap();
    expect((await comment('after')).status).toBe(201);
  });

  it('counts a refused write too: the sandbox answered it', async () => {
    const token = sb.sandbox.tokenFor(sb.state.actor, { client: 'run-0' });
    const trap = sb.sandbox.armWriteTrap({ client: 'run-0', afterWrites: 1, onSprung: () => {} });
    expect((await sb.call('POST', `${REPO}/issues/9/comments`, { body: 'x' }, token)).status).toBe(404);
    expect(trap.sprung).toBe(true);
  });
});
