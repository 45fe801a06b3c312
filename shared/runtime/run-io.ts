/** What both halves of a run (run-action.ts, run-with-config.ts) log and read through the runner. */
import * as core from './actions-core.js';
import { inertLine, inertLog } from '../plan/inert.js';
import type { Logger } from './context.js';

/** GitHub shows at most 10 error annotations per step: the rest of the failed items go to the log */
export const MAX_ERROR_ANNOTATIONS = 10;

/** Every message may carry user text (paths, titles, logins): shown inert, never a command. */
export const log: Logger = {
  info: (m) => core.info(inertLog(m)),
  warning: (m) => core.warning(inertLine(m)),
  debug: (m) => core.debug(inertLine(m)),
};

/** A boolean input; empty means the default (action.yml defaults are absent when run outside Actions). */
export function booleanInput(name: string, fallback: boolean): boolean {
  return core.getInput(name) === '' ? fallback : core.getBooleanInput(name);
}
