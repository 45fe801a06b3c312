import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { REPO, startSandbox, type Started } from './test-helpers.js';

let sb: Started;
beforeEach(async () => {
  sb = await startSandbox({ files: { 'a.md': 'v1\n' } });
});
afterEach(async () => {
  await sb.sandbox.stop();
});

const nextLink = (link: string | null) => /<([^>]+)>; rel="next"/.exec(link ?? '')?.[1];

describe('repository activity (GET /repos/{o}/{r}/activity)', () => {
  it('times a push by its receipt, not by the date written in the commit', async () => {
    sb.state.now = '2026-03-02T09:00:00Z';
    const pr = sb.state.createPull({ title: 't', author: 'bob', head: 'bob/x', files: { 'a.md': 'v2\n' } });
    sb.state.now = '2026-03-04T10:00:00Z';
    const sha = sb.state.pushToPull(pr.number, { 'a.md': 'v3\n' }, 'bob', '2026-03-01T08:00:00Z');
    expect(sb.state.commits.get(sha)?.date).toBe('2026-03-01T08:00:00Z');

    const res = await sb.call('GET', `${REPO}/activity?ref=refs/heads/bob/x&direction=asc`);
    expect(res.status).toBe(200);
    expect(res.json.map((a: { activity_type: string }) => a.activity_type)).toEqual([
      'branch_creation',
      'push',
    ]);
    expect(res.json[1]).toMatchObject({
      after: sha,
      ref: 'refs/heads/bob/x',
      timestamp: '2026-03-04T10:00:00Z',
      actor: { login: 'bob' },
    });
    // a bare branch name means the same ref
    const bare = await sb.call('GET', `${REPO}/activity?ref=bob/x&activity_type=push`);
    expect(bare.json).toHaveLength(1);
  });

  it('pages newest first through `after` cursors in the Link header', async () => {
    const pr = sb.state.createPull({ title: 't', author: 'bob', head: 'bob/y', files: { 'a.md': '0\n' } });
    for (let i = 1; i <= 5; i++) sb.state.pushToPull(pr.number, { 'a.md': `${i}\n` }, 'bob');
    let url: string | undefined = `${REPO}/activity?ref=bob/y&per_page=2`;
    const afters: string[] = [];
    while (url) {
      const res = await sb.call('GET', url.startsWith('http') ? url.slice(sb.base.length) : url);
      afters.push(...res.json.map((a: { after: string }) => a.after));
      url = nextLink(res.headers.get('link'));
    }
    expect(afters).toHaveLength(6);
    expect(afters[0]).toBe(sb.state.issues.get(pr.number)!.pull!.headSha);
    expect(new Set(afters).size).toBe(6);
  });

  it('rejects what GitHub rejects: an unknown activity type', async () => {
    const res = await sb.call('GET', `${REPO}/activity?activity_type=rebase`);
    expect(res.status).toBe(422);
  });
});
