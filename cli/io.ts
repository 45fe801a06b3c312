/**
 * Where a CLI command reads its environment and working folder and writes its output: the
 * process's own by default, or a caller's (the tests run `main` in-process with their own).
 */
import { isAbsolute, resolve } from 'node:path';

export interface Writer {
  write(chunk: string | Uint8Array): unknown;
}

export interface CliIo {
  stdout: Writer;
  stderr: Writer;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Variables for the action's process beyond what it takes from `env` (run-bundle.ts drops the
   * runner's and this suite's own from there): the tests unpace writes against the local sandbox.
   */
  bundleEnv?: NodeJS.ProcessEnv;
}

export function cliIo(io: Partial<CliIo> = {}): CliIo {
  return {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: resolve(io.cwd ?? process.cwd()),
    ...(io.bundleEnv ? { bundleEnv: io.bundleEnv } : {}),
  };
}

/** A path the user gave, resolved against the command's working folder. */
export function fromCwd(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}

/**
 * A path to hand on as the user wrote it (it may be printed back): unchanged when the command
 * runs in the process's own folder or the path is absolute, else resolved against `io.cwd`.
 */
export function asGiven(io: CliIo, path: string): string {
  return isAbsolute(path) || io.cwd === process.cwd() ? path : resolve(io.cwd, path);
}
