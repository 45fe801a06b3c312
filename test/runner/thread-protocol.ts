/** The messages between thread-runs.ts (the runner) and thread-host.ts (a worker thread). */

export interface ThreadRunMessage {
  /** actions/<name>/src/main.ts */
  main: string;
  env: Record<string, string | undefined>;
  maxCaptureBytes: number;
}

/** Posted by the thread, in order: started (modules loaded), output as it is written, the end. */
export type ThreadMessage =
  | { kind: 'started' }
  | { kind: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { kind: 'ended'; exitCode: number };
