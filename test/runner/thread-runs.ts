/**
 * In-thread action runs: the action's exported `run()` (actions/<name>/src/main.ts, the
 * actions/typescript-action convention) called in a worker thread instead of a fresh
 * `node dist/index.js` process. A thread runs one action at a time with its own process.env, exit
 * code, job summary and output (thread-host.ts), and keeps the loaded modules for its next run:
 * a run costs what the action does, not a node start and a 2 MB bundle load. Threads are pooled
 * per process; idle ones do not hold it open.
 *
 * What only a process shows (a SIGKILL between two writes, the bundle itself) stays with child
 * processes: see `isolation` in run-action.ts. A thread also keeps the runner's working directory
 * (a worker cannot chdir): a run that writes files at relative paths (owners-diversity-check's
 * `shard-dir` in org-mode shard and merge) must run as a process.
 */
import { Worker } from 'node:worker_threads';
import type { ThreadMessage, ThreadRunMessage } from './thread-protocol.js';

const HOST = new URL('./thread-host.mjs', import.meta.url);
/** the most a thread may take to load an action's modules before its first run */
const LOAD_TIMEOUT_MS = 120_000;

export interface ThreadOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

const idle: Worker[] = [];

/**
 * Runs `main`'s `run()` in a pooled thread with `env` as its whole environment. `onStart` receives
 * a function that ends the run at once, as SIGKILL ends a process (the thread is then discarded).
 */
export function runInThread(
  main: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  maxCaptureBytes: number,
  onStart?: (kill: () => void) => void,
): Promise<ThreadOutcome> {
  const worker = idle.pop() ?? new Worker(HOST);
  worker.ref();
  const out = { stdout: [] as string[], stderr: [] as string[] };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (end: Pick<ThreadOutcome, 'exitCode' | 'signal' | 'timedOut'>, reusable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) {
        worker.unref();
        idle.push(worker);
      } else {
        void worker.terminate();
      }
      resolve({ ...end, stdout: out.stdout.join(''), stderr: out.stderr.join('') });
    };
    const killed = (timedOut: boolean) => finish({ exitCode: null, signal: 'SIGKILL', timedOut }, false);
    const onMessage = (m: ThreadMessage) => {
      if (m.kind === 'output') out[m.stream].push(m.text);
      else if (m.kind === 'ended') finish({ exitCode: m.exitCode, signal: null, timedOut: false }, true);
      else {
        clearTimeout(timer);
        timer = setTimeout(() => killed(true), timeoutMs);
      }
    };
    // an error nothing caught (e.g. an unhandled rejection) ends a process with exit code 1
    const onError = (e: Error) => {
      out.stderr.push(`${e.stack ?? String(e)}\n`);
      finish({ exitCode: 1, signal: null, timedOut: false }, false);
    };
    // process.exit() in the action ends the thread with that code
    const onExit = (code: number) => finish({ exitCode: code, signal: null, timedOut: false }, false);
    // the run's own timeout starts once the thread has its modules (slow to load on a busy machine)
    let timer = setTimeout(() => killed(true), LOAD_TIMEOUT_MS);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    onStart?.(() => killed(false));
    const msg: ThreadRunMessage = { main, env, maxCaptureBytes };
    worker.postMessage(msg);
  });
}
