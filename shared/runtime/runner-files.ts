/**
 * The files a runner hands a step (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT) are missing on some
 * runners (older GitHub Enterprise Server, Gitea and Forgejo runners). They are checked before the
 * action writes anything, so a run whose GitHub writes succeeded never fails afterwards for want
 * of a file: the summary then goes to the log, and outputs use the older `::set-output` command.
 */
import { accessSync, constants } from 'node:fs';

export interface RunnerFiles {
  /** the job summary file, when the runner gave a writable one */
  summary: string | null;
  /** outputs go to the GITHUB_OUTPUT file, or through the `::set-output` log command */
  outputs: 'file' | 'command';
  /** what is missing, in words, for a warning */
  missing: string[];
}

export function checkRunnerFiles(env: NodeJS.ProcessEnv): RunnerFiles {
  const missing: string[] = [];
  const writable = (name: string): string | null => {
    const path = env[name];
    if (!path) {
      missing.push(`${name} is not set`);
      return null;
    }
    try {
      accessSync(path, constants.W_OK);
      return path;
    } catch {
      missing.push(`${name} (${path}) cannot be written`);
      return null;
    }
  };
  const summary = writable('GITHUB_STEP_SUMMARY');
  const output = writable('GITHUB_OUTPUT');
  return { summary, outputs: output ? 'file' : 'command', missing };
}
