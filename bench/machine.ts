/** The machine the figures come from. */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';

export interface Machine {
  nproc: string;
  cpu: string;
  memoryGiB: string;
  node: string;
  date: string;
  load: string;
}

export function machine(): Machine {
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // not every system has nproc; os.cpus() stands in
  }
  return {
    nproc,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: `${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start)`,
    node: process.version,
    date: new Date().toISOString(),
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
  };
}

export const currentLoad = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
