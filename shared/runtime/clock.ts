/**
 * "Now" comes from one place. Actions decide from timestamps, so tests and the scenario runner pin
 * the clock with GOVERNANCE_ACTIONS_NOW (an ISO 8601 instant); unset, it is the real time.
 */
export const CLOCK_ENV = 'GOVERNANCE_ACTIONS_NOW';

export function nowFromEnv(env: NodeJS.ProcessEnv): Date {
  const pinned = env[CLOCK_ENV];
  if (!pinned) return new Date();
  const d = new Date(pinned);
  if (Number.isNaN(d.getTime())) throw new Error(`${CLOCK_ENV}="${pinned}" is not an ISO 8601 time`);
  return d;
}
