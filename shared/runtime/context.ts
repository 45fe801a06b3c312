import type { GovernanceConfig, ConfigOrigin } from '../config/types.js';
import type { PermissionLookup } from '../github/permissions.js';
import type { RepoClient } from '../github/repo.js';
import type { Plan } from '../plan/effects.js';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

/** A webhook payload as delivered in GITHUB_EVENT_PATH; each action narrows what it reads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventPayload = Record<string, any>;

/** Everything an action's run needs; built at the edge, so the library never reads the environment. */
export interface ActionContext {
  gh: RepoClient;
  permissions: PermissionLookup;
  event: { name: string; payload: EventPayload };
  now: Date;
  config: GovernanceConfig;
  configOrigin: ConfigOrigin;
  defaultBranch: string;
  /** an action-specific input's raw value ('' when unset) */
  input(name: string): string;
  log: Logger;
}

/** What the runtime needs of an action before its code is loaded (action-headers.ts). */
export interface ActionHeader {
  /** the action's folder name, e.g. lazy-consensus-timer */
  name: string;
  /** event names it handles; any other event is a no-op with a notice */
  events: readonly string[];
  /** true when the action reads the input `repositories` itself (owners-diversity-check's organisation audit) */
  handlesRepositories?: boolean;
}

export interface ActionDefinition extends ActionHeader {
  /** gather a snapshot and decide; returns the plan the runtime applies */
  run(ctx: ActionContext): Promise<Plan>;
}

/**
 * An action whose code is loaded once its first request is on its way (run-action.ts): the
 * bundle's entry holds only the header, the rest is a chunk file beside it.
 */
export interface ActionEntry extends ActionHeader {
  load(): Promise<ActionDefinition>;
}
