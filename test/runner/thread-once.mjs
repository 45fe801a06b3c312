// Worker-thread entry for a single-use run (thread-runs.ts `runEntryInThread`): imports the entry
// a process would start (the bundle, or src/index.ts through tsx in source mode), which runs the
// action on import; the thread ends when the run does.
import { workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

if (workerData.entry.endsWith('.ts')) (await import('tsx/esm/api')).register();
await import(pathToFileURL(workerData.entry).href);
