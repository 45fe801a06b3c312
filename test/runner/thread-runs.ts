/**
 * In-thread action runs: the action's exported `run()` (actions/<name>/src/main.ts, the
 * actions/typescript-action convention) called in a worker thread instead of a fresh
 * `node dist/index.js` process. A thread runs one action at a time with its own process.env, exit
 * code, job summary and output (thread-host.ts), and keeps the loaded modules for its next run:
 * a run costs what the action does, not a node start and a 2 MB bundle load. Threads are pooled
 * per process; idle ones do not hold it open.
 *
 * A run killed mid-way (`kill-after-write`, the timeout) ends its thread with `terminate()`, as
 * SIGKILL ends a process, and the thread is discarded: the sandbox's write trap
 * (test/sandbox/write-trap.ts) already drops every request the run makes after its N-th write, so
 * the repository is the same however fast the thread stops. A real SIGKILL stays with child
 * processes: see `isolation` in run-action.ts. A thread also keeps the runner's working directory
 * (a worker cannot chdir): a run that writes files at relative paths (owners-diversity-check's
 * `shard-dir` in org-mode shard and merge) must run as a process.
 */
import { Worker } from 'node:worker_threads';
import type { ThreadMessage, ThreadRunMessage } from './thread-protocol.js';

const HOST = new URL('./thread-host.mjs', import.meta.url);
const ONCE = new URL('./thread-once.mjs', import.meta.url);
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
      const result = () => ({ ...end, stdout: out.stdout.join(''), stderr: out.stderr.join('') });
      if (reusable) {
        worker.unref();
        idle.push(worker);
        resolve(result());
        return;
      }
      // discarded, never reused: a killed run's modules and pending work are in an unknown state.
      // The run ends once the thread is gone, as a killed process's run ends at its exit: nothing
      // it would still do (write GITHUB_OUTPUT, print) happens after the runner reads the results.
      const gone = worker.terminate();
      gone.then(
        () => resolve(result()),
        () => resolve(result()),
      );
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

/**
 * Runs an action's entry (what a process would start: the bundle, or src/index.ts in source mode)
 * in a thread of its own, for a run that is killed mid-way (`kill-after-write`). A killed thread is
 * never reused, so such a run gains nothing from a pooled thread's loaded modules, and a fresh
 * thread loads the bundle in a fifth of the CPU time it takes to load the sources through tsx.
 * Ends like a process: exit code (process.exitCode or process.exit), 1 on an uncaught error, and
 * `onStart`'s function ends it at once as SIGKILL does, the run's results read once it is gone.
 */
export function runEntryInThread(
  entry: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  maxCaptureBytes: number,
  onStart?: (kill: () => void) => void,
): Promise<ThreadOutcome> {
  const worker = new Worker(ONCE, { workerData: { entry }, env, stdout: true, stderr: true });
  const out = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  for (const name of ['stdout', 'stderr'] as const) {
    let bytes = 0;
    worker[name].on('data', (b: Buffer) => {
      if ((bytes += b.length) <= maxCaptureBytes) out[name].push(b);
    });
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (end: Pick<ThreadOutcome, 'exitCode' | 'signal' | 'timedOut'>, gone: Promise<unknown>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const result = () =>
        resolve({
          ...end,
          stdout: Buffer.concat(out.stdout).toString('utf8'),
          stderr: Buffer.concat(out.stderr).toString('utf8'),
        });
      gone.then(result, result);
    };
    const killed = (timedOut: boolean) =>
      finish({ exitCode: null, signal: 'SIGKILL', timedOut }, worker.terminate());
    const timer = setTimeout(() => killed(true), timeoutMs);
    // an error nothing caught ends a process with exit code 1 (the thread then exits)
    worker.on('error', (e) => {
      out.stderr.push(Buffer.from(`${e.stack ?? String(e)}\n`));
      finish({ exitCode: 1, signal: null, timedOut: false }, worker.terminate());
    });
    // what the thread printed last is read once its streams end
    const ended = (s: NodeJS.ReadableStream) => new Promise((r) => s.once('end', r).once('close', r));
    worker.on('exit', (code) =>
      finish(
        { exitCode: code, signal: null, timedOut: false },
        Promise.all([ended(worker.stdout), ended(worker.stderr)]),
      ),
    );
    onStart?.(() => killed(false));
  });
}
