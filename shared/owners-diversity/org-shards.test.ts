import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  coverSelection,
  MAX_SHARDS,
  parseOrgMode,
  readShards,
  shardRepositories,
  writeShard,
} from './org-shards.js';
import { parseRepositories } from './org-repositories.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `repo-${String(i).padStart(4, '0')}`);

describe('organisation shards', () => {
  it('slices the repositories, never into more than 256 shards', () => {
    expect(shardRepositories(names(300), 20)).toHaveLength(15);
    const wide = shardRepositories(names(10_000), 20);
    expect(wide.length).toBeLessThanOrEqual(MAX_SHARDS);
    expect(wide.flat()).toEqual(names(10_000));
    expect(() => shardRepositories(names(3), 0)).toThrow(/shard-size/);
    expect(() => parseOrgMode('matrix')).toThrow(/single, list, shard or merge/);
  });

  it('round-trips a shard and fails closed on what no shard reported or on foreign files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shards-'));
    writeShard(join(dir, 'a'), 'acme', [
      { name: 'api', files: new Map([['OWNERS', 'approvers: [ann]\n']]), unreadable: [] },
      { name: 'gone', files: new Map(), unreadable: [], error: 'GitHub answers 404' },
    ]);
    const read = readShards(dir, 'acme');
    expect(read.map((r) => [r.name, r.files.get('OWNERS') ?? null, r.error ?? null])).toEqual([
      ['api', 'approvers: [ann]\n', null],
      ['gone', null, 'GitHub answers 404'],
    ]);
    const covered = coverSelection(['api', 'cli', 'gone'], read);
    expect(covered.map((r) => r.error ?? 'ok')).toEqual([
      'ok',
      expect.stringMatching(/no shard reported it/),
      'GitHub answers 404',
    ]);
    expect(() => readShards(dir, 'other')).toThrow(/holds repositories of acme, not other/);
    writeFileSync(join(dir, 'shard-x.json'), '{"format": "something else"}');
    expect(() => readShards(dir, 'acme')).toThrow(/shard-x.json is not a shard/);
  });

  it('reads names and topics, and refuses other owners and bad names', () => {
    expect(parseRepositories('api, cli\ntopic:Governance owner/docs', 'owner')).toEqual({
      names: ['api', 'cli', 'docs'],
      topics: ['governance'],
    });
    expect(() => parseRepositories('other/api', 'owner')).toThrow(/not a repository of owner/);
    expect(() => parseRepositories('topic:', 'owner')).toThrow(/is no topic/);
    expect(() => parseRepositories(' , ', 'owner')).toThrow(/names no repository/);
  });
});
