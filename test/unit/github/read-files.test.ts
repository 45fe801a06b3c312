/**
 * RepoClient.readFiles reads many files in one GraphQL query; what that query cannot give whole
 * must not pass for the file: a text GitHub cuts at 512,000 bytes is read whole over REST, and a
 * binary file is an error, never "missing".
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { RepoState } from '../../sandbox/state.js';
import type { Sandbox } from '../../sandbox/server.js';
import { startSandboxClient } from '../sandbox-client.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(files: Record<string, string>) {
  const started = await startSandboxClient(new RepoState({ files }), { graphql: true });
  sandbox = started.sandbox;
  return started;
}

describe('RepoClient.readFiles', () => {
  it('reads small files, and a missing one as null', async () => {
    const { gh } = await start({ 'a/OWNERS': 'approvers: [alice]\n' });
    const got = await gh.readFiles('main', ['a/OWNERS', 'b/OWNERS']);
    expect(Object.fromEntries(got)).toEqual({ 'a/OWNERS': 'approvers: [alice]\n', 'b/OWNERS': null });
  });

  it('reads a file over GraphQL’s 512,000-byte text limit whole', async () => {
    const big = `approvers:\n${'  - someone\n'.repeat(50_000)}  - last\n`;
    const { gh } = await start({ 'a/OWNERS': big });
    const got = await gh.readFiles('main', ['a/OWNERS']);
    expect(got.get('a/OWNERS')?.length).toBe(big.length);
  });

  it('fails on a binary file instead of calling it missing', async () => {
    const { gh } = await start({ 'a/OWNERS': 'approvers:\x00\x01\x02\n' });
    await expect(gh.readFiles('main', ['a/OWNERS'])).rejects.toThrow(/a\/OWNERS.*binary/);
  });
});
