import { describe, it, expect } from '@jest/globals';
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { KeepTally } from './keep-votes.js';
import type { TeamMember } from './people.js';
import { resetBody, statusBody } from './render.js';

// Names, roles and `github:` values come from projects.yaml and the people file: anyone who can
// propose a change to them writes text the bot renders (docs/security.md "User text").
const member = (name: string, login: string | undefined, roles: string[]): TeamMember => ({
  key: name,
  name,
  ...(login === undefined ? {} : { login }),
  roles,
  line: 1,
});

const HOSTILE = [
  member('Ann\n| forged | row | here |\n<!-- hidden -->', 'ann', ['release']),
  member('Bob', 'openstack/tc-members', ['security\n# heading']),
  member('Cy', 'cy\n\n<img src=x>', ['tact-sig']),
];

/** The table's rows: every line from the header to the first blank line. */
function tableRows(body: string, header: string): string[] {
  const lines = body.split('\n');
  const start = lines.indexOf(header);
  expect(start).toBeGreaterThan(-1);
  const end = lines.indexOf('', start);
  return lines.slice(start + 2, end);
}

function expectInert(body: string): void {
  expect(body).not.toMatch(/<!--|<img/);
  // a mention needs a name right after `@`; a team mention is `@org/team`
  expect(body).not.toMatch(/@openstack\/tc-members/);
  expect(body).not.toMatch(/^#\s*heading/m);
}

describe('DPL texts with user-controlled names, roles and logins', () => {
  it('the reset body keeps one table row per liaison and renders nothing they wrote', () => {
    const body = resetBody({
      team: 'alpha\n<!-- x -->',
      cycle: '2027.1',
      voters: HOSTILE,
      removedRoles: ['old<!--\nrole'],
      config: DEFAULT_CONFIG.dpl,
    });
    expect(tableRows(body, '| Liaison | Roles | GitHub |')).toHaveLength(3);
    expectInert(body);
    // a well-formed login is still mentioned, so the liaison hears about the vote
    expect(body).toContain('@ann');
    expect(body).not.toContain('@cy');
  });

  it('the status comment keeps one table row per liaison and renders nothing they wrote', () => {
    const tally: KeepTally = {
      liaisons: HOSTILE.map((liaison) => ({ liaison })),
      keeping: [],
      unanimousKeep: false,
      ignored: [],
      late: [],
    } as unknown as KeepTally;
    const body = statusBody({
      team: 'alpha\n<!-- x -->',
      cycle: '2027.1',
      tally,
      outcome: 'open',
      config: DEFAULT_CONFIG.dpl,
    });
    expect(tableRows(body, '| Liaison | Roles | Vote |')).toHaveLength(3);
    expect(body.split('\n')[0]).toMatch(/^### DPL reset of alpha/);
    expectInert(body);
  });
});
