/**
 * The part of `@actions/core` the actions use, written out so the bundles do not carry its OIDC
 * client (and with it `@actions/http-client` and undici, ~40% of a bundle: docs/benchmarks.md,
 * start-up). Same wire format as `@actions/core` 3.x, which follows GitHub's "Workflow commands for
 * GitHub Actions": `::name key=value,...::message` on stdout with the same escaping, and the
 * GITHUB_OUTPUT file command as `name<<ghadelimiter_<uuid>` blocks. test/unit/runtime/actions-core
 * checks each function against `@actions/core` itself.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, constants, existsSync, promises as fsp } from 'node:fs';
import { EOL } from 'node:os';

/** Where an annotation points (the runner's IssueCommandProperties). */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface InputOptions {
  required?: boolean;
  trimWhitespace?: boolean;
}

/** null/undefined as '', strings as they are, anything else as JSON. */
export function toCommandValue(input: unknown): string {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string' || input instanceof String) return String(input);
  return JSON.stringify(input);
}

const escapeData = (s: unknown) =>
  toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

const escapeProperty = (s: unknown) =>
  toCommandValue(s)
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C');

/** `::command k=v,...::message`; properties with a falsy value are left out, as the runner expects. */
export function formatCommand(
  command: string,
  properties: Record<string, unknown>,
  message: unknown,
): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  return `::${command || 'missing.command'}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export function issueCommand(command: string, properties: Record<string, unknown>, message: unknown): void {
  process.stdout.write(formatCommand(command, properties, message) + EOL);
}

function toCommandProperties(p: AnnotationProperties): Record<string, unknown> {
  if (!Object.keys(p).length) return {};
  return {
    title: p.title,
    file: p.file,
    line: p.startLine,
    endLine: p.endLine,
    col: p.startColumn,
    endColumn: p.endColumn,
  };
}

/** A `name<<delimiter` block for a file command; the delimiter is random, and may not occur in it. */
export function prepareKeyValueMessage(key: string, value: unknown): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  const converted = toCommandValue(value);
  if (key.includes(delimiter))
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (converted.includes(delimiter))
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  return `${key}<<${delimiter}${EOL}${converted}${EOL}${delimiter}`;
}

export function issueFileCommand(command: string, message: unknown): void {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) throw new Error(`Unable to find environment variable for file command ${command}`);
  if (!existsSync(filePath)) throw new Error(`Missing file at path: ${filePath}`);
  appendFileSync(filePath, `${toCommandValue(message)}${EOL}`, { encoding: 'utf8' });
}

export function getInput(name: string, options?: InputOptions): string {
  const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
  if (options?.required && !val) throw new Error(`Input required and not supplied: ${name}`);
  return options?.trimWhitespace === false ? val : val.trim();
}

export function getBooleanInput(name: string, options?: InputOptions): boolean {
  const val = getInput(name, options);
  if (['true', 'True', 'TRUE'].includes(val)) return true;
  if (['false', 'False', 'FALSE'].includes(val)) return false;
  throw new TypeError(
    `Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
      `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``,
  );
}

export function setOutput(name: string, value: unknown): void {
  if (process.env['GITHUB_OUTPUT']) return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
  process.stdout.write(EOL);
  issueCommand('set-output', { name }, toCommandValue(value));
}

export function setFailed(message: string | Error): void {
  process.exitCode = 1;
  error(message);
}

const annotate =
  (kind: string) =>
  (message: string | Error, properties: AnnotationProperties = {}) =>
    issueCommand(
      kind,
      toCommandProperties(properties),
      message instanceof Error ? message.toString() : message,
    );

export const error = annotate('error');
export const warning = annotate('warning');
export const notice = annotate('notice');
export const debug = (message: string) => issueCommand('debug', {}, message);
export const info = (message: string) => void process.stdout.write(message + EOL);
export const startGroup = (name: string) => issueCommand('group', {}, name);
export const endGroup = () => issueCommand('endgroup', {}, '');

/**
 * The job summary: text collected, then appended to GITHUB_STEP_SUMMARY (which must exist and be
 * readable and writable, as `@actions/core` requires). The path is read at each write, not kept, so
 * one process can run several jobs (the test runner's threads).
 */
class Summary {
  private buffer = '';
  addRaw(text: string, addEOL = false): this {
    this.buffer += text + (addEOL ? EOL : '');
    return this;
  }
  stringify(): string {
    return this.buffer;
  }
  emptyBuffer(): this {
    this.buffer = '';
    return this;
  }
  async write(options?: { overwrite?: boolean }): Promise<this> {
    const path = process.env['GITHUB_STEP_SUMMARY'];
    if (!path)
      throw new Error(
        'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.',
      );
    try {
      await fsp.access(path, constants.R_OK | constants.W_OK);
    } catch {
      throw new Error(
        `Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`,
      );
    }
    await (options?.overwrite ? fsp.writeFile : fsp.appendFile)(path, this.buffer, { encoding: 'utf8' });
    return this.emptyBuffer();
  }
}

export const summary = new Summary();
