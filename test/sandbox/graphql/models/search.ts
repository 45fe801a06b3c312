/**
 * `search(type: ISSUE)`: GitHub's issue search syntax over the model's single repository.
 * Supported: repo:/org:/user:, is:/type:/state:, label: (repeated = all of them, `a,b` = either),
 * no:label|assignee, author:/assignee:/commenter:/mentions:/involves: (logins in any casing),
 * base:/head:, draft:,
 * review-requested:/reviewed-by:, created:/updated:/closed:/merged: with >, >=, <, <=, a..b,
 * sort:{created,updated,comments}-{asc,desc}, in:title|body|comments, `-` to negate a qualifier,
 * and free-text words. GitHub caps results at 1,000 while `issueCount` tells the full count.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { sameLogin, type Issue } from '../../state.js';
import { Connection, type PageArgs } from '../pagination.js';
import type { Ctx } from '../context.js';
import { issueOrPullModel, stateOf } from './issues.js';

const MAX_SEARCH_RESULTS = 1000;
const DAY_MS = 86_400_000;
const BOT_APP_PREFIX = 'app/';

type Predicate = (issue: Issue) => boolean;

interface ParsedQuery {
  predicates: Predicate[];
  /** a repo:/org: qualifier naming another repository: nothing matches */
  otherRepository: boolean;
  sort: { key: 'createdAt' | 'updatedAt' | 'comments'; direction: 'asc' | 'desc' };
}

/** `label:"needs review"`, `-label:x`, `"free text"`, `word` */
const TOKEN = /(-?)([a-zA-Z-]+):("[^"]*"|\S+)|"([^"]*)"|(\S+)/g;
const unquote = (v: string) => v.replace(/^"(.*)"$/, '$1');

export function parseSearchQuery(ctx: Ctx, query: string): ParsedQuery {
  const { state } = ctx;
  const parsed: ParsedQuery = {
    predicates: [],
    otherRepository: false,
    sort: { key: 'createdAt', direction: 'desc' },
  };
  const words: string[] = [];
  const scopes = new Set<string>();
  for (const m of query.matchAll(TOKEN)) {
    const [, neg, rawKey, rawValue, phrase, word] = m;
    if (phrase !== undefined || word !== undefined) {
      words.push((phrase ?? word).toLowerCase());
      continue;
    }
    const key = rawKey.toLowerCase();
    const value = unquote(rawValue);
    if (key === 'repo') {
      if (value.toLowerCase() !== `${state.owner}/${state.name}`.toLowerCase()) parsed.otherRepository = true;
      continue;
    }
    if (key === 'org' || key === 'user') {
      if (value.toLowerCase() !== state.owner.toLowerCase()) parsed.otherRepository = true;
      continue;
    }
    if (key === 'sort') {
      const s = /^(created|updated|comments)(?:-(asc|desc))?$/.exec(value);
      if (s)
        parsed.sort = {
          key: s[1] === 'comments' ? 'comments' : (`${s[1]}At` as 'createdAt' | 'updatedAt'),
          direction: (s[2] as 'asc' | 'desc') ?? 'desc',
        };
      continue;
    }
    if (key === 'in') {
      for (const scope of value.toLowerCase().split(',')) scopes.add(scope);
      continue;
    }
    const predicate = qualifier(ctx, key, value);
    if (!predicate) {
      words.push(`${rawKey}:${value}`.toLowerCase());
      continue;
    }
    parsed.predicates.push(neg ? (i) => !predicate(i) : predicate);
  }
  if (words.length) {
    const searchIn = scopes.size ? scopes : new Set(['title', 'body', 'comments']);
    parsed.predicates.push((i) => {
      const texts = [
        ...(searchIn.has('title') ? [i.title] : []),
        ...(searchIn.has('body') ? [i.body] : []),
        ...(searchIn.has('comments') ? state.commentsOf(i.number).map((c) => c.body) : []),
      ].map((t) => t.toLowerCase());
      return words.every((w) => texts.some((t) => t.includes(w)));
    });
  }
  return parsed;
}

/** `app/dependabot` names the bot `dependabot[bot]` */
const restLogin = (login: string) =>
  login.startsWith(BOT_APP_PREFIX) ? `${login.slice(BOT_APP_PREFIX.length)}[bot]` : login;

/** `@login` as a mention: any casing, not inside a longer login or an e-mail address */
function mentionPattern(login: string): RegExp {
  const escaped = login.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.-])@${escaped}(?![\\w-])`, 'i');
}

function qualifier(ctx: Ctx, key: string, value: string): Predicate | undefined {
  const { state } = ctx;
  const lower = value.toLowerCase();
  const hasLabel = (i: Issue, name: string) => i.labels.some((l) => l.toLowerCase() === name.toLowerCase());
  switch (key) {
    case 'is':
    case 'type':
    case 'state':
      return isQualifier(lower);
    case 'label': {
      const anyOf = value.split(',').map(unquote);
      return (i) => anyOf.some((name) => hasLabel(i, name));
    }
    case 'no':
      if (lower === 'label') return (i) => i.labels.length === 0;
      if (lower === 'assignee') return (i) => i.assignees.length === 0;
      return undefined;
    // logins are case-insensitive on GitHub
    case 'author':
      return (i) => sameLogin(i.user, restLogin(value));
    case 'assignee':
      return (i) => i.assignees.some((a) => sameLogin(a, restLogin(value)));
    case 'commenter':
      return (i) => state.commentsOf(i.number).some((c) => sameLogin(c.user, restLogin(value)));
    case 'mentions': {
      const mention = mentionPattern(restLogin(value));
      return (i) => mention.test(i.body) || state.commentsOf(i.number).some((c) => mention.test(c.body));
    }
    case 'involves': {
      const login = restLogin(value);
      const mention = mentionPattern(login);
      return (i) =>
        sameLogin(i.user, login) ||
        i.assignees.some((a) => sameLogin(a, login)) ||
        mention.test(i.body) ||
        state.commentsOf(i.number).some((c) => sameLogin(c.user, login) || mention.test(c.body));
    }
    case 'base':
      return (i) => i.pull?.base === value;
    case 'head':
      return (i) => i.pull?.head === value;
    case 'draft':
      return (i) => !!i.pull && i.pull.draft === (lower === 'true');
    case 'review-requested':
      return (i) => !!i.pull?.requestedReviewers.some((r) => sameLogin(r, restLogin(value)));
    case 'reviewed-by':
      return (i) => state.reviewsOf(i.number).some((r) => sameLogin(r.user, restLogin(value)));
    case 'created':
    case 'updated':
    case 'closed':
    case 'merged': {
      const range = dateRange(value);
      if (!range) return undefined;
      const field = (i: Issue) =>
        key === 'created'
          ? i.createdAt
          : key === 'updated'
            ? i.updatedAt
            : key === 'closed'
              ? i.closedAt
              : (i.pull?.mergedAt ?? null);
      return (i) => {
        const at = field(i);
        if (at === null) return false;
        const t = Date.parse(at);
        return t >= range[0] && t < range[1];
      };
    }
    default:
      return undefined;
  }
}

function isQualifier(value: string): Predicate | undefined {
  switch (value) {
    case 'open':
      return (i) => i.state === 'open';
    case 'closed':
      return (i) => i.state === 'closed';
    case 'issue':
      return (i) => !i.pull;
    case 'pr':
    case 'pull-request':
      return (i) => !!i.pull;
    case 'merged':
      return (i) => stateOf(i) === 'MERGED';
    case 'unmerged':
      return (i) => !!i.pull && stateOf(i) !== 'MERGED';
    case 'draft':
      return (i) => !!i.pull?.draft;
    case 'public':
      return () => true;
    default:
      return undefined;
  }
}

/** The half-open span [start, end) a date or date-time covers; a bare date is its whole day. */
function span(value: string): [number, number] | undefined {
  if (value === '*') return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t)) return undefined;
  return [t, dateOnly ? t + DAY_MS : t + 1000];
}

/** `>=D`, `>D`, `<=D`, `<D`, `A..B` (either may be `*`) or `D` -> [from, to) in ms */
function dateRange(value: string): [number, number] | undefined {
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) {
    const [from, to] = [span(range[1]), span(range[2])];
    if ((!from && range[1] !== '*') || (!to && range[2] !== '*')) return undefined;
    return [from?.[0] ?? -Infinity, to?.[1] ?? Infinity];
  }
  const cmp = /^(>=|<=|>|<)?(.+)$/.exec(value)!;
  const s = span(cmp[2]);
  if (!s) return undefined;
  switch (cmp[1]) {
    case '>=':
      return [s[0], Infinity];
    case '>':
      return [s[1], Infinity];
    case '<=':
      return [-Infinity, s[1]];
    case '<':
      return [-Infinity, s[0]];
    default:
      return s;
  }
}

class SearchConnection<T> extends Connection<T> {
  constructor(
    name: string,
    items: T[],
    args: PageArgs,
    protected readonly _counts: { issueCount: number },
  ) {
    super(name, items, args);
  }
  issueCount() {
    return this._counts.issueCount;
  }
  codeCount() {
    return 0;
  }
  discussionCount() {
    return 0;
  }
  repositoryCount() {
    return 0;
  }
  userCount() {
    return 0;
  }
  wikiCount() {
    return 0;
  }
}

export function search(ctx: Ctx, args: PageArgs & { query: string; type: string }, info: GraphQLResolveInfo) {
  if (args.type !== 'ISSUE') return new SearchConnection(info.fieldName, [], args, { issueCount: 0 });
  const q = parseSearchQuery(ctx, args.query);
  const matches = q.otherRepository
    ? []
    : [...ctx.state.issues.values()].filter((i) => q.predicates.every((p) => p(i)));
  const key = (i: Issue) =>
    q.sort.key === 'comments' ? ctx.state.commentsOf(i.number).length : Date.parse(i[q.sort.key]);
  const sign = q.sort.direction === 'asc' ? 1 : -1;
  matches.sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
  const shown = matches.slice(0, MAX_SEARCH_RESULTS).map((i) => issueOrPullModel(ctx, i));
  return new SearchConnection(info.fieldName, shown, args, { issueCount: matches.length });
}
