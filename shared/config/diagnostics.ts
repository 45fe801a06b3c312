/**
 * A finding about a configuration: an error (the run must not go ahead on it) or a warning (it
 * runs, but probably not as the maintainer meant). Rendered `file:line:col: severity: key: message`,
 * the form editors, compilers and GitHub annotations understand.
 */
import { describeAt, GovernanceError } from '../errors/governance-error.js';
import { formatKeyPath, type ParsedConfigFile } from './parse.js';

export type Severity = 'error' | 'warning';

export interface ConfigDiagnostic {
  severity: Severity;
  file: string;
  line: number;
  column: number;
  /** dotted key path, e.g. `dpl.people-file` */
  keyPath?: string;
  message: string;
  /** what kind of finding, for a later check that supersedes an earlier one */
  code?: string;
}

export function formatDiagnostic(d: ConfigDiagnostic): string {
  const key = d.keyPath ? `${d.keyPath}: ` : '';
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${key}${d.message}`;
}

/** A finding about the value at `path` of a parsed configuration file. */
export function diagnosticAt(
  parsed: ParsedConfigFile,
  path: (string | number)[],
  severity: Severity,
  message: string,
  opts: { key?: boolean; code?: string } = {},
): ConfigDiagnostic {
  return {
    severity,
    file: parsed.file,
    ...parsed.at(path, { key: opts.key }),
    keyPath: formatKeyPath(path),
    message,
    ...(opts.code ? { code: opts.code } : {}),
  };
}

/** A parser's error about another file (projects.yaml, an OWNERS file) as a finding. */
export function diagnosticFromError(error: GovernanceError, severity: Severity = 'error'): ConfigDiagnostic {
  const loc = error.location;
  return {
    severity,
    file: loc?.file ?? '',
    line: loc?.line ?? 1,
    column: loc?.column ?? 1,
    ...(loc?.keyPath ? { keyPath: loc.keyPath } : {}),
    message: error.message,
  };
}

/** The error that fails a run: the first error finding, as a GovernanceError with its location. */
export function toGovernanceError(d: ConfigDiagnostic): GovernanceError {
  return new GovernanceError(d.message, {
    file: d.file,
    line: d.line,
    column: d.column,
    ...(d.keyPath ? { keyPath: d.keyPath } : {}),
  });
}

/** One line for a log: `file:line:col: key: message`. */
export function describeDiagnostic(d: ConfigDiagnostic): string {
  return describeAt({ file: d.file, line: d.line, column: d.column, keyPath: d.keyPath }, d.message);
}
