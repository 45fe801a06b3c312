/**
 * A configuration error tells the maintainer what to write instead: the allowed keys, values or
 * forms, never the regular expression the schema happens to use.
 */
import { describe, expect, it } from '@jest/globals';
import { GovernanceError } from '../../../shared/errors/governance-error.js';
import { parseConfigText } from '../../../shared/config/parse.js';

function errorOf(text: string): GovernanceError {
  try {
    parseConfigText(text, '.github/governance.yml');
  } catch (e) {
    if (e instanceof GovernanceError) return e;
    throw e;
  }
  throw new Error('expected a configuration error');
}

/** Characters that only a regular expression would show. */
const REGEX_SYNTAX = /\\[dsSw]|\^|\(\?:|\[\w-\w\]|\{\d+\}/;

describe('configuration error messages list what is allowed', () => {
  it.each([
    ['an unknown notice tier', 'lazy-consensus:\n  notice: {critical: 1d}\n', /allowed: low, medium, high/],
    [
      'who-can-object in no allowed form',
      'lazy-consensus:\n  who-can-object: maintainers\n',
      /anyone.*read, triage, write, maintain, admin.*users.*teams/,
    ],
    ['a holiday that is not a date', 'calendar:\n  holidays: [Dec 25]\n', /YYYY-MM-DD.*2026-12-25/],
    [
      'nominations-open that is not a time',
      'dpl:\n  cycles:\n    - {name: "2027.1", nominations-open: next week}\n',
      /2026-12-01T00:00:00Z/,
    ],
    [
      'a command with a space',
      'lazy-consensus:\n  start-command: /lazy consensus\n',
      /one word.*\/lazy-consensus/,
    ],
    ['a layout without {number}', 'vep:\n  layout: "veps/{sig}/vep.md"\n', /\{number\}/],
    ['a sig-label without {name}', 'vep:\n  sig-label: "sig"\n', /\{name\}/],
    [
      'a share in no allowed form',
      'owners-diversity:\n  rules:\n    - {groups: "**", max-org-share: half}\n',
      /1\/3.*0 and 1/,
    ],
    ['an unknown section', 'lazy-concensus: {}\n', /did you mean "lazy-consensus"/],
    ['a time zone abbreviation', 'calendar:\n  timezone: PST\n', /America\/Los_Angeles/],
    ['an unknown time zone', 'calendar:\n  timezone: Mars/Olympus\n', /IANA.*Europe\/Berlin/],
  ])('%s', (_what, text, expected) => {
    const e = errorOf(text);
    expect(e.message).toMatch(expected);
    expect(e.message).not.toMatch(REGEX_SYNTAX);
  });

  it('an unknown key lists the allowed keys when no key is close', () => {
    expect(errorOf('calendar:\n  zone: UTC\n').message).toMatch(/allowed: timezone, holidays/);
  });
});
