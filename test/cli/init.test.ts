/**
 * `governance-actions init --dir CHECKOUT`: a starting configuration from what a checkout holds
 * (VEP folders, OWNERS files, sigs.yaml, a working-groups table, projects.yaml), with the example
 * workflows it needs; the file it writes passes `validate --dir` on the same checkout. The CLI's
 * `main` runs in-process; the refusal to overwrite is checked through the published entry as a
 * real process.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli, spawnCli, type CliResult } from './run-cli.js';

const FIXTURES = join('test', 'fixtures');

const shape = (run: CliResult) => ({ code: run.code, out: run.stdout, err: run.stderr });
const cli = async (...args: string[]) => shape(await runCli(args));
/** the published entry `node cli/governance-actions.mjs`, as a real process */
const cliProcess = async (...args: string[]) => shape(await spawnCli(args));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'init-'));
  cpSync(join(FIXTURES, 'kubevirt-enhancements', 'veps'), join(dir, 'veps'), { recursive: true });
  cpSync(join(FIXTURES, 'kubernetes-community', 'sigs.yaml'), join(dir, 'sigs.yaml'));
  cpSync(join(FIXTURES, 'istio-community', 'WORKING-GROUPS.md'), join(dir, 'WORKING-GROUPS.md'));
  mkdirSync(join(dir, 'reference'));
  cpSync(
    join(FIXTURES, 'openstack-governance', 'reference', 'projects.yaml'),
    join(dir, 'reference', 'projects.yaml'),
  );
  writeFileSync(join(dir, 'OWNERS'), 'approvers: [alice, bob]\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('governance-actions init --dir', () => {
  it('writes a configuration with the detected values and the workflows it needs', async () => {
    const run = await cli('init', '--dir', dir);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const text = readFileSync(join(dir, '.github', 'governance.yml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    const config = parse(text) as Record<string, Record<string, unknown>>;
    expect(config.version).toBe(1);
    expect(config.vep.sigs).toEqual([
      'sig-compute',
      'sig-network',
      'sig-observability',
      'sig-release',
      'sig-storage',
    ]);
    expect(config.dpl['projects-file']).toBe('reference/projects.yaml');
    const sources = config['owners-diversity'].sources as { kind: string; path?: string }[];
    expect(sources.map((s) => s.kind)).toEqual(['owners', 'sigs-yaml', 'markdown-table']);
    expect(sources.find((s) => s.kind === 'markdown-table')?.path).toBe('WORKING-GROUPS.md');
    for (const w of ['vep.yml', 'dpl-reset.yml', 'owners-diversity.yml'])
      expect(existsSync(join(dir, '.github', 'workflows', w))).toBe(true);
    expect(run.out).toMatch(/wrote \.github\/governance\.yml/);
  });

  it('the configuration it wrote has no error under validate --dir', async () => {
    const run = await cli('validate', '--dir', dir);
    expect(run.out).not.toMatch(/: error: /);
    expect(run.code).toBe(0);
  });

  it('never overwrites an existing configuration', async () => {
    const before = readFileSync(join(dir, '.github', 'governance.yml'), 'utf8');
    const run = await cliProcess('init', '--dir', dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/already exists/);
    expect(readFileSync(join(dir, '.github', 'governance.yml'), 'utf8')).toBe(before);
  });
});
