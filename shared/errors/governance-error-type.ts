/**
 * The one error type that the shared parsers and the configuration loader throw for bad input, and
 * how it renders its location. Apart from the YAML helpers of governance-error.ts (which re-exports
 * it), so that the runtime can tell bad input from a bug without loading a YAML parser before its
 * first request (run-action.ts).
 *
 * `message` says what is wrong; `location` says where (file, 1-based line and column, and the
 * key path inside a YAML document). `describe()` renders both as `file:line:column: keyPath: message`,
 * the form editors and GitHub annotations understand. Callers that fail a run print
 * `describe()`; an error of any other type is a bug, not bad input.
 */
export interface ErrorLocation {
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** Dotted path of the YAML key, e.g. `lazy-consensus.notice.low` or `filters.".*".approvers[2]`. */
  keyPath?: string;
}

export class GovernanceError extends Error {
  override readonly name = 'GovernanceError';

  constructor(
    message: string,
    readonly location?: ErrorLocation,
  ) {
    super(message);
  }

  /** `file:line:column: keyPath: message`, leaving out the parts that are unknown. */
  describe(): string {
    return describeAt(this.location, this.message);
  }

  override toString(): string {
    return this.describe();
  }
}

/** Renders a message with an optional location, the same way for errors and warnings. */
export function describeAt(location: ErrorLocation | undefined, message: string): string {
  if (!location) return message;
  let where = location.file;
  if (location.line !== undefined) {
    where += `:${location.line}`;
    if (location.column !== undefined) where += `:${location.column}`;
  }
  const prefix = where ? `${where}: ` : '';
  const key = location.keyPath ? `${location.keyPath}: ` : '';
  return `${prefix}${key}${message}`;
}
