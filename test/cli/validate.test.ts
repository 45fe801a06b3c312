/**
 * `governance-actions validate`: a maintainer checks a configuration before enabling the actions,
 * without a token. Each mistake below was made by a maintainer adopting the actions (a people
 * file with the wrong extension, sources that do not exist, SIG names without their folder's
 * "sig-" prefix, no upcoming cycle, a time zone abbreviation, no version): each is reported as
 * `file:line:col: severity: message`, and any error makes the exit code 1. The CLI's `main` runs
 * in-process; a missing file is checked through the published entry as a real process.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cliEnv, runCli, spawnCli } from './run-cli.js';

const PROJECTS = `---
nova:
  leadership_type: distributed
  liaisons:
    release:
      - name: Ada Lovelace
        irc: ada
        email: ada@example.org
    security:
      - name: Grace Hopper
        irc: grace
        email: grace@example.org
        github: ghopper
    tact-sig:
      - name: Alan Turing
        irc: alan
        email: alan@example.org
    tc-liaison:
      - name: Alan Turing
        irc: alan
        email: alan@example.org
  deliverables: {}
`;

const CHECKOUT: Record<string, string> = {
  'reference/projects.yaml': PROJECTS,
  'reference/people.yaml': 'ada@example.org: alovelace\n',
  'veps/sig-compute/OWNERS': 'approvers: [alice]\n',
  'veps/sig-network/OWNERS': 'approvers: [bob]\n',
  'veps/sig-storage/OWNERS': 'approvers: [carol]\n',
  OWNERS: 'approvers: [alice, bob]\n',
  'sigs.yaml':
    'sigs:\n  - dir: sig-compute\n    name: Compute\n    leadership:\n      chairs:\n        - github: alice\n          name: Alice\n          company: Acme\n',
  'affiliations.yaml': 'alice: Acme\nbob: Initech\n',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'validate-'));
  for (const [path, text] of Object.entries(CHECKOUT)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function validate(config: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  const path = join(dir, '.github', 'governance.yml');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, config);
  const env = cliEnv({ GITHUB_TOKEN: undefined, GH_TOKEN: undefined });
  const run = await runCli(['validate', ...args], env);
  return { code: run.code, out: `${run.stdout}${run.stderr}` };
}

const withDir = (config: string) => validate(config, '--dir', dir);
const CONFIG_FILE = '.github/governance.yml';

describe('governance-actions validate --dir CHECKOUT', () => {
  it('a correct configuration: exit 0, no diagnostics', async () => {
    const run = await withDir(
      'version: 1\ndpl:\n  people-file: reference/people.yaml\n  cycles:\n    - {name: "2099.1", nominations-open: 2099-01-05T00:00:00Z}\n',
    );
    expect(run.out).not.toMatch(/: error:/);
    expect(run.code).toBe(0);
  });

  it('a people file that does not exist (people.yml for people.yaml) is an error at its key', async () => {
    const run = await withDir(
      'version: 1\ndpl:\n  people-file: reference/people.yml\n  cycles:\n    - {name: "2099.1", nominations-open: 2099-01-05T00:00:00Z}\n',
    );
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      `${CONFIG_FILE}:3:16: error: dpl.people-file: reference/people.yml does not exist (did you mean reference/people.yaml?)`,
    );
  });

  it('names the liaisons whose vote cannot count: no GitHub login', async () => {
    const run = await withDir(
      'version: 1\ndpl:\n  people-file: reference/people.yaml\n  cycles:\n    - {name: "2099.1", nominations-open: 2099-01-05T00:00:00Z}\n',
    );
    expect(run.out).toMatch(/reference\/projects\.yaml:\d+:\d+: warning: .*Alan Turing.*no GitHub login/);
    expect(run.out).not.toMatch(/Ada Lovelace.*no GitHub login/); // in the people file
    expect(run.out).not.toMatch(/Grace Hopper.*no GitHub login/); // her own github: key
  });

  it('sources that do not exist are errors, one per source, at the source', async () => {
    const run = await withDir(
      [
        'version: 1',
        'owners-diversity:',
        '  sources:',
        '    - {kind: owners, paths: ["**/OWNERS"]}',
        '    - {kind: sigs-yaml, path: community/sigs.yaml}',
        '    - {kind: markdown-table, path: WORKING-GROUPS.md}',
        '  affiliations:',
        '    - gitdm: ["affiliations/developers_affiliations*.txt"]',
        '    - yaml: affiliations.yaml',
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      `${CONFIG_FILE}:5:31: error: owners-diversity.sources[1].path: community/sigs.yaml does not exist (did you mean sigs.yaml?)`,
    );
    expect(run.out).toContain(
      `${CONFIG_FILE}:6:36: error: owners-diversity.sources[2].path: WORKING-GROUPS.md does not exist`,
    );
    expect(run.out).toMatch(
      new RegExp(
        `${CONFIG_FILE}:8:15: error: owners-diversity\\.affiliations\\[0\\]\\.gitdm\\[0\\]: .*matches no file`,
      ),
    );
    expect(run.out).not.toMatch(/sources\[0\]/); // **/OWNERS matches
    expect(run.out).not.toMatch(/affiliations\[1\]/);
  });

  it('SIG names without the "sig-" prefix of their folder are errors naming the folder', async () => {
    const run = await withDir('version: 1\nvep:\n  sigs: [compute, network]\n');
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      `${CONFIG_FILE}:3:10: error: vep.sigs[0]: veps/compute does not exist (did you mean sig-compute? veps/sig-compute exists)`,
    );
    expect(run.out).toMatch(
      new RegExp(`${CONFIG_FILE}:3:19: error: vep\\.sigs\\[1\\]: veps/network does not exist`),
    );
  });

  it('no upcoming cycle in dpl.cycles is a warning: the next resets would have no deadline', async () => {
    const run = await withDir(
      'version: 1\ndpl:\n  cycles:\n    - {name: "2020.1", nominations-open: 2020-01-05T00:00:00Z}\n',
    );
    expect(run.out).toMatch(
      new RegExp(`${CONFIG_FILE}:3:3: warning: dpl\\.cycles: no cycle's nominations-open is in the future`),
    );
  });

  it('a cycle name that no tag can match is an error', async () => {
    const run = await withDir(
      'version: 1\ndpl:\n  cycles:\n    - {name: "2099-1", nominations-open: 2099-01-05T00:00:00Z}\n',
    );
    expect(run.code).toBe(1);
    expect(run.out).toMatch(new RegExp(`${CONFIG_FILE}:4:14: error: dpl\\.cycles\\[0\\]\\.name: "2099-1" `));
  });
});

describe('governance-actions validate (no checkout, no token)', () => {
  it('timezone: PST is an error that names the IANA zone to write', async () => {
    const run = await validate(
      'version: 1\ncalendar:\n  timezone: PST\n',
      '--config',
      join(dir, CONFIG_FILE),
    );
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/governance\.yml:3:13: error: calendar\.timezone: .*PST.*America\/Los_Angeles/);
  });

  it('a missing version is a warning', async () => {
    const run = await validate('calendar:\n  timezone: UTC\n', '--config', join(dir, CONFIG_FILE));
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/governance\.yml:1:1: warning: version: .*version: 1/);
  });

  it('SIG names without "sig-" are a warning without a checkout', async () => {
    const run = await validate(
      'version: 1\nvep:\n  sigs: [compute, sig-network]\n',
      '--config',
      join(dir, CONFIG_FILE),
    );
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/governance\.yml:3:10: warning: vep\.sigs\[0\]: "compute" has no "sig-" prefix/);
    expect(run.out).not.toMatch(/sigs\[1\]/);
  });

  it('a schema error: exit 1 with its location; a missing file: exit 1', async () => {
    const run = await validate(
      'version: 1\nlazy-consensus:\n  notice: {critical: 1d}\n',
      '--config',
      join(dir, CONFIG_FILE),
    );
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /governance\.yml:3:12: error: lazy-consensus\.notice\.critical: unknown key "critical" \(allowed: low, medium, high\)/,
    );
    // the published entry, as a real process: its exit code and stderr
    const missing = await spawnCli(['validate', '--config', join(dir, 'nope.yml')], cliEnv());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.yml.*(does not exist|cannot read)/);
  });
  it('reads the configuration of the folder it runs in, relative paths from there', async () => {
    writeFileSync(join(dir, CONFIG_FILE), 'calendar:\n  timezone: UTC\n');
    const env = cliEnv({ GITHUB_TOKEN: undefined, GH_TOKEN: undefined });
    const run = await runCli(['validate'], env, dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\.github\/governance\.yml:1:1: warning: version: /);
    const relative = await runCli(['validate', '--config', CONFIG_FILE], env, dir);
    expect(relative.stdout).toBe(run.stdout);
  });
});
