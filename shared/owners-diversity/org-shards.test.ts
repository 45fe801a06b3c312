import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  coverSelection,
  MAX_SHARDS,
  notSelectedNote,
  parseOrgMode,
  readShards,
  shardRepositories,
  writeShard,
} from './org-shards.js';
import { parseRepositories } from '../github/org-repositories.js';

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
    // a repository a shard could not read is the audit's finding; one no shard reported fails the merge
    expect(coverSelection(['api', 'gone'], read).map((r) => r.error ?? 'ok')).toEqual([
      'ok',
      'GitHub answers 404',
    ]);
    expect(() => coverSelection(['api', 'cli', 'gone'], read)).toThrow(
      /no shard reported 1 of the 3 selected repositories \(cli\): re-run the failed shard jobs/,
    );
    // one a shard lists that the selection no longer holds (a topic removed since the list job):
    // left out of the audit, with a note naming it
    expect(coverSelection(['API'], read).map((r) => r.name)).toEqual(['api']);
    expect(notSelectedNote(['API'], read)).toBe(
      '1 repository a shard read is no longer selected and is left out of this audit: gone',
    );
    expect(notSelectedNote(['api', 'gone'], read)).toBeUndefined();
    expect(() => readShards(dir, 'other')).toThrow(/holds repositories of acme, not other/);
    writeFileSync(join(dir, 'shard-x.json'), '{"format": "something else"}');
    expect(() => readShards(dir, 'acme')).toThrow(/shard-x.json is not a shard/);
  });

  it('refuses a malformed shard field by field, a repository in two shards, and a file as the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shards-'));
    const shard = (repos: unknown, owner: unknown = 'acme') =>
      writeFileSync(
        join(dir, 'shard-a.json'),
        JSON.stringify({ format: 'governance-actions/owners-diversity-shard@1', owner, repos }),
      );
    const cases: [unknown, RegExp][] = [
      [[null], /repos\[0\]\.name is not a string/],
      [[{ name: 'api', unreadable: [] }], /repos\[0\]\.files is not a list/],
      [
        [{ name: 'api', files: [['OWNERS', 3]], unreadable: [] }],
        /files is not a list of \[path, text\] pairs/,
      ],
      [[{ name: 'api', files: [] }], /repos\[0\]\.unreadable is not a list/],
      [[{ name: 'api', files: [], unreadable: [{ path: 'OWNERS' }] }], /unreadable is not a list of/],
      [[{ name: 'api', files: [], unreadable: [], error: 404 }], /error is not a string/],
    ];
    for (const [repos, message] of cases) {
      shard(repos);
      expect(() => readShards(dir, 'acme')).toThrow(message);
    }
    shard([], null);
    expect(() => readShards(dir, 'acme')).toThrow(/holds repositories of null, not acme/);
    shard([{ name: 'api', files: [], unreadable: [] }]);
    writeShard(join(dir, 'copy'), 'acme', [{ name: 'API', files: new Map(), unreadable: [] }]);
    expect(() => readShards(dir, 'acme')).toThrow(
      /repository api is in two shards: copy\/shard-API.json and shard-a.json/,
    );
    // nothing downloaded: every selected repository is missing
    expect(readShards(join(dir, 'nowhere'), 'acme')).toEqual([]);
    writeFileSync(join(dir, 'a-file'), '');
    expect(() => readShards(join(dir, 'a-file'), 'acme')).toThrow(/shard-dir .*a-file cannot be read/);
  });

  it('reads names and topics, and refuses other owners and bad names', () => {
    expect(parseRepositories('api, cli\ntopic:Governance owner/docs', 'owner')).toEqual({
      names: ['api', 'cli', 'docs'],
      topics: ['governance'],
    });
    expect(() => parseRepositories('other/api', 'owner')).toThrow(/not a repository of owner/);
    expect(() => parseRepositories('topic:', 'owner')).toThrow(/is no topic/);
    expect(() => parseRepositories(' , ', 'owner')).toThrow(/names no repository/);
    // GitHub's names are case-insensitive; `.` and `..` are reserved
    expect(parseRepositories('api API owner/Api', 'owner').names).toEqual(['api']);
    expect(() => parseRepositories('..', 'owner')).toThrow(/is no repository name/);
    expect(() => parseRepositories('owner/.', 'owner')).toThrow(/is no repository name/);
  });
});
