import { describe, expect, it } from '@jest/globals';
import { buildConfig } from '../../../shared/config/load.js';
import { parseConfigText } from '../../../shared/config/parse.js';
import { GovernanceError } from '../../../shared/errors/governance-error.js';

function errorOf(text: string, file = '.github/governance.yml'): GovernanceError {
  try {
    parseConfigText(text, file);
  } catch (e) {
    if (e instanceof GovernanceError) return e;
    throw e;
  }
  throw new Error('expected a GovernanceError');
}

describe('config parsing', () => {
  it('applies the documented defaults to an empty file', () => {
    const { config, origin } = buildConfig([{ name: 'g.yml', text: 'version: 1\n' }]);
    expect(config['lazy-consensus'].notice).toEqual({
      low: '72h',
      medium: '5 business days',
      high: '10 business days',
    });
    expect(config.vep['sig-label']).toBe('sig/{name}');
    expect(config.dpl['keep-commands']).toEqual(['-1', '/keep-dpl']);
    expect(config['owners-diversity']['unknown-affiliation']).toBe('fail');
    expect(origin).toEqual({ files: ['g.yml'], defaultsOnly: false });
  });

  it('a missing file means defaults only', () => {
    const { config, origin } = buildConfig([{ name: 'g.yml', text: null }]);
    expect(origin.defaultsOnly).toBe(true);
    expect(config.calendar.timezone).toBe('UTC');
  });

  it('merges org defaults under the repository file key by key; lists replace', () => {
    const org =
      'lazy-consensus:\n  notice: {low: 24h}\n  objection-commands: [/object, /nack]\nvep:\n  sigs: [sig-a]\n';
    const repo = 'lazy-consensus:\n  notice: {high: 3w}\n  objection-commands: [/veto]\n';
    const { config, origin } = buildConfig([
      { name: 'acme/.github:g.yml', text: org },
      { name: 'g.yml', text: repo },
    ]);
    expect(config['lazy-consensus'].notice).toEqual({ low: '24h', medium: '5 business days', high: '3w' });
    expect(config['lazy-consensus']['objection-commands']).toEqual(['/veto']);
    expect(config.vep.sigs).toEqual(['sig-a']);
    expect(origin.files).toEqual(['acme/.github:g.yml', 'g.yml']);
  });

  it('fills rule defaults inside list items', () => {
    const { config } = buildConfig([
      {
        name: 'g.yml',
        text: 'owners-diversity:\n  rules:\n    - {groups: "committees/*", max-org-share: 1/3}\n',
      },
    ]);
    expect(config['owners-diversity'].rules[0]).toEqual({
      groups: 'committees/*',
      'min-members': 0,
      'max-members': 0,
      'min-orgs': 0,
      'max-org-share': '1/3',
    });
  });

  it('accepts the schema comment and every documented example value', () => {
    const text = [
      '# yaml-language-server: $schema=https://example.org/governance.schema.json',
      'version: 1',
      'calendar: {timezone: Europe/Berlin, holidays: [2026-12-25, 2027-01-01]}',
      'lazy-consensus:',
      '  who-can-object: {users: [alice], teams: [steering]}',
      '  notice: {low: 90m, medium: 1d 12h, high: 10 business days}',
      'dpl:',
      '  cycles:',
      '    - {name: "2027.1", nominations-open: 2026-12-01T00:00:00Z}',
      'owners-diversity:',
      '  affiliations:',
      '    - gitdm: ["affiliations/developers_affiliations*.txt"]',
      '    - yaml: affiliations.yaml',
      '  rules:',
      '    - {groups: "*", min-members: 2, max-members: 3, min-orgs: 2}',
      '    - {groups: "**", max-org-share: 0.33}',
    ].join('\n');
    expect(() => parseConfigText(text, 'g.yml')).not.toThrow();
  });

  it.each([
    [
      'an unknown key, with a suggestion',
      'lazy-consensus:\n  trigger-lable: x\n',
      2,
      3,
      'lazy-consensus.trigger-lable',
      /unknown key "trigger-lable".*did you mean "trigger-label"/,
    ],
    [
      'a bad duration',
      'lazy-consensus:\n  notice:\n    low: 3 fortnights\n',
      3,
      10,
      'lazy-consensus.notice.low',
      /not a duration/,
    ],
    ['a wrong type', 'vep:\n  shepherd: {count: two}\n', 2, 21, 'vep.shepherd.count', /integer/],
    [
      'an enum value',
      'lazy-consensus:\n  on-withdraw: later\n',
      2,
      16,
      'lazy-consensus.on-withdraw',
      /restart.*resume/,
    ],
    [
      'an unknown key in a source',
      'owners-diversity:\n  sources:\n    - {kind: owners, pathz: [x]}\n',
      3,
      22,
      'owners-diversity.sources[0].pathz',
      /unknown key "pathz".*did you mean "paths"/,
    ],
    [
      'an unknown source kind',
      'owners-diversity:\n  sources:\n    - {kind: codeowners}\n',
      3,
      14,
      'owners-diversity.sources[0].kind',
      /kind/,
    ],
    ['an unknown time zone', 'calendar:\n  timezone: Mars/Olympus\n', 2, 13, 'calendar.timezone', /IANA/],
    [
      'a bad share',
      'owners-diversity:\n  rules:\n    - {groups: "**", max-org-share: one third}\n',
      3,
      37,
      'owners-diversity.rules[0].max-org-share',
      /allowed forms/,
    ],
    [
      'an unknown top-level section',
      'lazy-concensus: {}\n',
      1,
      1,
      'lazy-concensus',
      /did you mean "lazy-consensus"/,
    ],
    ['a wrong version', 'version: 2\n', 1, 10, 'version', /must be 1/],
  ])('rejects %s with file, line, column and key path', (_what, text, line, column, keyPath, message) => {
    const e = errorOf(text);
    expect(e.location).toEqual({ file: '.github/governance.yml', line, column, keyPath });
    expect(e.message).toMatch(message);
  });

  it('rejects invalid YAML with its position', () => {
    const e = errorOf('lazy-consensus:\n  notice: {low: 72h\n');
    expect(e.location?.file).toBe('.github/governance.yml');
    expect(e.location?.line).toBeGreaterThanOrEqual(2);
    expect(e.message).toMatch(/invalid YAML/);
  });

  it('rejects duplicate keys', () => {
    expect(errorOf('vep: {}\nvep: {}\n').message).toMatch(/invalid YAML/);
  });

  it('rejects a document that is not a mapping', () => {
    expect(errorOf('- a\n- b\n').message).toMatch(/mapping/);
  });
});
