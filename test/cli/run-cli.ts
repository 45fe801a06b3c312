/**
 * The CLI two ways: `runCli` calls `main` in this process (the tests' default: no tsx start-up and
 * compile per case), `spawnCli` runs the published entry `node cli/governance-actions.mjs` as a
 * maintainer does (kept for the cases where the process boundary is what is tested: the exit code,
 * the real stdout and stderr, the environment).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../cli/governance-actions.js';

export const CLI_ENTRY = join('cli', 'governance-actions.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** This process's environment with `overrides` (undefined unsets) and without jest's NODE_OPTIONS. */
export function cliEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  for (const k of Object.keys(env)) if (env[k] === undefined || k === 'NODE_OPTIONS') delete env[k];
  return env;
}

const text = (chunk: string | Uint8Array): string =>
  typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');

/** The action's writes and queries unpaced: the local sandbox has no secondary limit to respect. */
export const UNPACED = { GOVERNANCE_ACTIONS_WRITE_INTERVAL_MS: '0', GOVERNANCE_ACTIONS_RETRY_UNIT_MS: '0' };

export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = cliEnv(),
  cwd?: string,
  bundleEnv?: NodeJS.ProcessEnv,
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (chunk) => (stdout += text(chunk)) },
    stderr: { write: (chunk) => (stderr += text(chunk)) },
    env,
    cwd,
    ...(bundleEnv ? { bundleEnv } : {}),
  });
  return { code, stdout, stderr };
}

/** Async, not spawnSync: a sandbox the CLI talks to answers from this process's event loop. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += String(b)));
    child.stderr.on('data', (b: Buffer) => (stderr += String(b)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
