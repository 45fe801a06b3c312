/**
 * Relay cursor connections as GitHub serves them: `first`/`after`, `last`/`before`, at most 100
 * records a page, `totalCount` without a page size, `nodes`/`edges` only with one.
 */
import { ErrorType, GithubGraphqlError } from './errors.js';

export const MAX_PAGE_SIZE = 100;
const CURSOR_PREFIX = 'cursor:v2:';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  /** skips this many records after the cursor window (timeline connections) */
  skip?: number | null;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const offset = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isInteger(offset) || offset < 0)
    throw new GithubGraphqlError(
      ErrorType.INVALID_CURSOR_ARGUMENTS,
      `\`${cursor}\` does not appear to be a valid cursor.`,
    );
  return offset;
}

/** The argument checks GitHub applies to every connection, whatever is selected from it. */
export function checkPageArgs(connection: string, args: PageArgs): void {
  for (const bound of ['first', 'last'] as const) {
    const n = args[bound];
    if (n == null) continue;
    if (n < 0)
      throw new GithubGraphqlError(
        ErrorType.INVALID_ARGUMENTS,
        `\`${bound}\` on the \`${connection}\` connection cannot be less than zero.`,
      );
    if (n > MAX_PAGE_SIZE)
      throw new GithubGraphqlError(
        ErrorType.EXCESSIVE_PAGINATION,
        `Requesting ${n} records on the \`${connection}\` connection exceeds the \`${bound}\` limit of ${MAX_PAGE_SIZE} records.`,
      );
  }
  if (args.first != null && args.last != null)
    throw new GithubGraphqlError(
      ErrorType.INVALID_ARGUMENTS,
      `Passing both \`first\` and \`last\` to paginate the \`${connection}\` connection is not supported.`,
    );
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/**
 * A connection over an already filtered and ordered list. Cursors are offsets into that list, so
 * they stay valid while the list does not change between pages (as within one action run).
 */
export class Connection<T> {
  private window?: { start: number; end: number };

  constructor(
    protected readonly _name: string,
    protected readonly _items: T[],
    protected readonly _args: PageArgs,
  ) {
    checkPageArgs(_name, _args);
  }

  totalCount(): number {
    return this._items.length;
  }

  nodes(): T[] {
    const { start, end } = this.page();
    return this._items.slice(start, end);
  }

  edges(): { cursor: string; node: T }[] {
    const { start, end } = this.page();
    return this._items.slice(start, end).map((node, i) => ({ cursor: encodeCursor(start + i), node }));
  }

  pageInfo(): PageInfo {
    const { start, end } = this.page();
    const empty = end <= start;
    return {
      hasNextPage: end < this._items.length,
      hasPreviousPage: start > 0,
      startCursor: empty ? null : encodeCursor(start),
      endCursor: empty ? null : encodeCursor(end - 1),
    };
  }

  /** the records between the `after` and `before` cursors */
  protected cursorRange(): { start: number; end: number } {
    const { after, before } = this._args;
    let start = 0;
    let end = this._items.length;
    if (after != null) start = Math.min(end, decodeCursor(after) + 1);
    if (before != null) end = Math.min(end, decodeCursor(before));
    return { start, end: Math.max(start, end) };
  }

  protected page(): { start: number; end: number } {
    if (this.window) return this.window;
    const { first, last, skip } = this._args;
    if (first == null && last == null)
      throw new GithubGraphqlError(
        ErrorType.MISSING_PAGINATION_BOUNDARIES,
        `You must provide a \`first\` or \`last\` value to properly paginate the \`${this._name}\` connection.`,
      );
    let { start, end } = this.cursorRange();
    if (skip) start = Math.min(end, start + skip);
    if (first != null) end = Math.min(end, start + first);
    if (last != null) start = Math.max(start, end - last);
    this.window = { start, end };
    return this.window;
  }
}
