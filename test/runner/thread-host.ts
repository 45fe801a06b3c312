/**
 * One worker thread that runs actions' exported `run()` one at a time (thread-runs.ts is the other
 * side). Per run it sets what a fresh `node dist/index.js` would start with: the run's environment
 * (a thread has its own process.env), no exit code and an empty job-summary buffer; what the run
 * writes to stdout and stderr goes to the runner as it is written.
 */
import { parentPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { summary } from '../../shared/runtime/actions-core.js';
import type { ThreadMessage, ThreadRunMessage } from './thread-protocol.js';

const port = parentPort!;
const post = (m: ThreadMessage) => port.postMessage(m);

/** bytes the current run may still write (the runner keeps at most this much of each stream) */
const room = { stdout: 0, stderr: 0 };

for (const name of ['stdout', 'stderr'] as const) {
  const stream = process[name];
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const bytes = Buffer.byteLength(text);
    if (bytes <= room[name]) {
      room[name] -= bytes;
      post({ kind: 'output', stream: name, text });
    } else room[name] = 0;
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof stream.write;
}

/** The job-summary buffer is a module singleton (shared/runtime/actions-core.ts): start each run without it. */
function resetSummary(): void {
  summary.emptyBuffer();
}

async function runOnce(msg: ThreadRunMessage): Promise<number> {
  // loading a thread's modules the first time is a node start's work, not the run's: the run's
  // timeout starts after it
  const { run } = (await import(pathToFileURL(msg.main).href)) as { run: () => Promise<void> };
  for (const k of Object.keys(process.env)) delete process.env[k];
  for (const [k, v] of Object.entries(msg.env)) if (v !== undefined) process.env[k] = v;
  process.exitCode = undefined;
  resetSummary();
  room.stdout = room.stderr = msg.maxCaptureBytes;
  post({ kind: 'started' });
  try {
    await run();
    return Number(process.exitCode ?? 0);
  } catch (e) {
    // what node prints for an uncaught error before it exits with 1
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  } finally {
    room.stdout = room.stderr = 0;
  }
}

port.on('message', (msg: ThreadRunMessage) => {
  void runOnce(msg).then((exitCode) => post({ kind: 'ended', exitCode }));
});
