/**
 * shared/runtime/actions-core.ts stands in for `@actions/core` in the bundles: each function must
 * write what `@actions/core` writes (stdout workflow commands, GITHUB_OUTPUT blocks, the summary).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import * as actions from '@actions/core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ours from '../../../shared/runtime/actions-core.js';

const ENV_KEYS = ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'INPUT_MY_INPUT', 'INPUT_FLAG'];
let dir: string;
let saved: Record<string, string | undefined>;

function captured(fn: () => void): string {
  const write = process.stdout.write;
  let out = '';
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'actions-core-'));
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const nasty = 'line 1\nline 2\r\n100% done: a,b ::error::x %0A';

describe('workflow commands as @actions/core writes them', () => {
  it.each([
    ['info', (c: typeof ours) => c.info(nasty)],
    ['debug', (c: typeof ours) => c.debug(nasty)],
    ['notice', (c: typeof ours) => c.notice(nasty)],
    ['warning', (c: typeof ours) => c.warning(nasty)],
    ['error', (c: typeof ours) => c.error(nasty)],
    ['error with an Error', (c: typeof ours) => c.error(new Error(nasty))],
    ['startGroup/endGroup', (c: typeof ours) => (c.startGroup(nasty), c.endGroup())],
    [
      'an annotation with properties (escaped, empty ones left out)',
      (c: typeof ours) =>
        c.warning(nasty, {
          title: 'a: b, c%\nd',
          file: 'x,y:z.yml',
          startLine: 3,
          startColumn: 0,
          endLine: 4,
        }),
    ],
    ['an annotation with no properties', (c: typeof ours) => c.error('m', {})],
    ['setOutput without GITHUB_OUTPUT (::set-output)', (c: typeof ours) => c.setOutput('plan', nasty)],
    ['setOutput of a non-string', (c: typeof ours) => c.setOutput('n', { a: [1, '%'] })],
  ])('%s', (_name, act) => {
    const want = captured(() => act(actions as unknown as typeof ours));
    expect(captured(() => act(ours))).toBe(want);
  });

  it('setFailed writes an error and sets exit code 1', () => {
    const want = captured(() => actions.setFailed(nasty));
    process.exitCode = undefined;
    expect(captured(() => ours.setFailed(nasty))).toBe(want);
    expect(process.exitCode).toBe(1);
  });
});

describe('inputs as @actions/core reads them', () => {
  it('reads INPUT_<NAME> trimmed, and fails a required empty one with its message', () => {
    process.env['INPUT_MY_INPUT'] = '  v  ';
    expect(ours.getInput('my input')).toBe(actions.getInput('my input'));
    expect(ours.getInput('my input', { trimWhitespace: false })).toBe('  v  ');
    expect(() => ours.getInput('absent', { required: true })).toThrow(
      (() => {
        try {
          actions.getInput('absent', { required: true });
        } catch (e) {
          return (e as Error).message;
        }
        return 'no error';
      })(),
    );
  });

  it.each(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'yes', ''])('getBooleanInput(%j)', (v) => {
    process.env['INPUT_FLAG'] = v;
    const answer = (c: typeof ours) => {
      try {
        return c.getBooleanInput('flag');
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    };
    expect(answer(ours)).toEqual(answer(actions as unknown as typeof ours));
  });
});

describe('GITHUB_OUTPUT file command', () => {
  it('appends name<<ghadelimiter_<uuid> blocks, a fresh delimiter each time', () => {
    const file = join(dir, 'output');
    writeFileSync(file, '');
    process.env['GITHUB_OUTPUT'] = file;
    ours.setOutput('plan', nasty);
    ours.setOutput('n', 3);
    const text = readFileSync(file, 'utf8');
    const blocks = [...text.matchAll(/^(\w+)<<(ghadelimiter_[0-9a-f-]{36})\n([\s\S]*?)\n\2\n/gm)];
    expect(blocks.map((b) => [b[1], b[3]])).toEqual([
      ['plan', nasty],
      ['n', '3'],
    ]);
    expect(blocks[0]![2]).not.toBe(blocks[1]![2]);
    expect(blocks.map((b) => b[0]).join('')).toBe(text);
  });

  it('refuses a missing file as @actions/core does', () => {
    process.env['GITHUB_OUTPUT'] = join(dir, 'absent');
    expect(() => ours.setOutput('a', 'b')).toThrow(`Missing file at path: ${join(dir, 'absent')}`);
  });

  it('refuses a value that contains the delimiter', () => {
    const spy = ours.prepareKeyValueMessage('k', 'v');
    const delimiter = spy.split('\n')[0]!.slice('k<<'.length);
    expect(delimiter).toMatch(/^ghadelimiter_[0-9a-f-]{36}$/);
    expect(spy).toBe(`k<<${delimiter}\nv\n${delimiter}`);
  });
});

describe('the job summary', () => {
  it('appends to GITHUB_STEP_SUMMARY and empties its buffer', async () => {
    const file = join(dir, 'summary');
    writeFileSync(file, 'before\n');
    process.env['GITHUB_STEP_SUMMARY'] = file;
    await ours.summary.addRaw('# one').write({ overwrite: false });
    await ours.summary.addRaw('two', true).write();
    expect(readFileSync(file, 'utf8')).toBe('before\n# onetwo\n');
    expect(ours.summary.stringify()).toBe('');
    await ours.summary.addRaw('three').write({ overwrite: true });
    expect(readFileSync(file, 'utf8')).toBe('three');
  });

  it('fails without GITHUB_STEP_SUMMARY or when the file cannot be written, with its messages', async () => {
    await expect(ours.summary.addRaw('x').write()).rejects.toThrow(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY',
    );
    ours.summary.emptyBuffer();
    const file = join(dir, 'readonly');
    writeFileSync(file, '');
    chmodSync(file, 0o400);
    process.env['GITHUB_STEP_SUMMARY'] = join(dir, 'absent');
    await expect(ours.summary.addRaw('x').write()).rejects.toThrow(
      `Unable to access summary file: '${join(dir, 'absent')}'`,
    );
    ours.summary.emptyBuffer();
  });
});
