/**
 * GitHub's documented size limits on what a client writes, and the 422 answers it gives when a
 * write exceeds one (the `errors` entries are the ones api.github.com sends). A write over a limit
 * is the client's mistake: the sandbox records it as a violation, so a scenario fails on it.
 */
import { SandboxError } from './state.js';

/** issue, pull request and comment bodies ("body is too long (maximum is 65536 characters)") */
export const MAX_BODY_CHARS = 65_536;
/** issue and pull request titles */
export const MAX_TITLE_CHARS = 256;
export const MAX_LABEL_NAME_CHARS = 50;
/** check-run output title, summary and text: GitHub measures them in bytes */
export const MAX_CHECK_OUTPUT_BYTES = 65_535;
/** GitHub lists at most this many files of a pull request, in REST and in GraphQL `files` */
export const MAX_PULL_FILES = 3000;
export const LABEL_COLOR = /^[0-9a-fA-F]{6}$/;

const DOCS = 'https://docs.github.com/rest';

export interface FieldError {
  resource: string;
  code: string;
  field: string;
  message?: string;
}

/** A 422 "Validation Failed" with GitHub's `errors` list; `violation` marks a limit the client broke. */
export class ValidationFailed extends SandboxError {
  constructor(
    readonly errors: FieldError[],
    readonly documentationUrl = DOCS,
  ) {
    super(422, 'Validation Failed');
  }
  readonly violation = true;
}

/** Characters as GitHub counts them (code points, not UTF-16 units). */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function tooLong(text: unknown, max: number): boolean {
  // a string has at least as many UTF-16 units as code points: short strings need no count
  return typeof text === 'string' && text.length > max && charCount(text) > max;
}

/** Issue and pull request titles and bodies (POST/PATCH issues and pulls). */
export function checkIssueText(
  resource: 'Issue' | 'PullRequest',
  fields: { title?: unknown; body?: unknown },
): void {
  const errors: FieldError[] = [];
  if (tooLong(fields.title, MAX_TITLE_CHARS))
    errors.push({
      resource,
      code: 'custom',
      field: 'title',
      message: `title is too long (maximum is ${MAX_TITLE_CHARS} characters)`,
    });
  if (tooLong(fields.body, MAX_BODY_CHARS))
    errors.push({
      resource,
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${MAX_BODY_CHARS} characters)`,
    });
  if (errors.length)
    throw new ValidationFailed(errors, `${DOCS}/${resource === 'Issue' ? 'issues/issues' : 'pulls/pulls'}`);
}

/** Issue comments (create and edit) and review bodies. */
export function checkCommentBody(body: unknown, resource = 'IssueComment'): void {
  if (tooLong(body, MAX_BODY_CHARS))
    throw new ValidationFailed(
      [
        {
          resource,
          code: 'unprocessable',
          field: 'data',
          message: `Body is too long (maximum is ${MAX_BODY_CHARS} characters)`,
        },
      ],
      `${DOCS}/issues/comments#create-an-issue-comment`,
    );
}

/** A label's name and colour (create, update, and the labels an issue request creates). */
export function checkLabel(fields: { name?: unknown; color?: unknown }): void {
  const errors: FieldError[] = [];
  if (tooLong(fields.name, MAX_LABEL_NAME_CHARS))
    errors.push({
      resource: 'Label',
      code: 'custom',
      field: 'name',
      message: `name is too long (maximum is ${MAX_LABEL_NAME_CHARS} characters)`,
    });
  if (fields.color !== undefined && !LABEL_COLOR.test(String(fields.color).replace(/^#/, '')))
    errors.push({ resource: 'Label', code: 'invalid', field: 'color' });
  if (errors.length) throw new ValidationFailed(errors, `${DOCS}/issues/labels#create-a-label`);
}

/** A check run's output fields, each at most 65,535 bytes. */
export function checkCheckOutput(
  output: { title?: unknown; summary?: unknown; text?: unknown } | undefined,
): void {
  if (!output) return;
  const errors: FieldError[] = [];
  for (const field of ['title', 'summary', 'text'] as const) {
    const value = output[field];
    if (typeof value === 'string' && Buffer.byteLength(value, 'utf8') > MAX_CHECK_OUTPUT_BYTES)
      errors.push({
        resource: 'CheckRun',
        code: 'custom',
        field,
        message: `${field} exceeds a maximum bytesize of ${MAX_CHECK_OUTPUT_BYTES}`,
      });
  }
  if (errors.length) throw new ValidationFailed(errors, `${DOCS}/checks/runs#create-a-check-run`);
}

/** Any other limit a request broke (e.g. annotations per request), answered with GitHub's message. */
export class LimitExceeded extends SandboxError {
  readonly violation = true;
}

/** Whether an error answers a request that broke one of GitHub's limits (a client mistake). */
export function isLimitViolation(err: unknown): boolean {
  return err instanceof ValidationFailed || err instanceof LimitExceeded;
}
