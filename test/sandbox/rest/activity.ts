/**
 * The repository activity log (`GET /repos/{o}/{r}/activity`): pushes, force pushes, branch
 * creations and deletions and merges, each with the time GitHub received it (not the commit's
 * own date, which its author writes). Newest first by default, cursor-paginated with
 * `before`/`after` as GitHub does (no `page`).
 */
import { SandboxError } from '../state.js';
import { type RouteHandler, DEFAULT_PER_PAGE, MAX_PER_PAGE, linkPath, ok } from './context.js';
import { Shapes } from './shapes.js';

const PERIOD_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, quarter: 90, year: 365 };

const cursorOf = (id: number) => Buffer.from(`activity:${id}`).toString('base64url');
function idOf(cursor: string): number {
  const m = /^activity:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new SandboxError(422, 'Invalid cursor');
  return Number(m[1]);
}

export const activityRoutes: Record<string, RouteHandler> = {
  'GET /repos/{owner}/{repo}/activity': (ctx) => {
    const q = ctx.query;
    const shapes = new Shapes(ctx.state, ctx.baseUrl);
    const ref = q.ref === undefined ? undefined : String(q.ref).replace(/^(refs\/heads\/)?/, 'refs/heads/');
    const since =
      q.time_period !== undefined
        ? Date.parse(ctx.state.now) - PERIOD_DAYS[String(q.time_period)]! * 86_400_000
        : undefined;
    let list = ctx.state.activity.filter(
      (a) =>
        (ref === undefined || a.ref === ref || a.ref === String(q.ref)) &&
        (q.activity_type === undefined || a.type === q.activity_type) &&
        (q.actor === undefined || a.actor.toLowerCase() === String(q.actor).toLowerCase()) &&
        (since === undefined || Date.parse(a.timestamp) >= since),
    );
    if (q.direction !== 'asc') list = [...list].reverse();
    const perPage = Math.min(Math.max(Number(q.per_page ?? DEFAULT_PER_PAGE), 1), MAX_PER_PAGE);
    // `after` continues past the entry it names; `before` goes back from it
    let start = 0;
    let end = list.length;
    if (q.after !== undefined) start = list.findIndex((a) => a.id === idOf(String(q.after))) + 1;
    if (q.before !== undefined)
      end = Math.max(
        list.findIndex((a) => a.id === idOf(String(q.before))),
        0,
      );
    const page =
      q.before !== undefined
        ? list.slice(Math.max(end - perPage, 0), end)
        : list.slice(start, start + perPage);
    const links: string[] = [];
    const link = (key: 'after' | 'before', id: number, rel: string) => {
      const u = new URL(linkPath(ctx) + ctx.url.search, ctx.baseUrl);
      u.searchParams.delete('after');
      u.searchParams.delete('before');
      u.searchParams.set(key, cursorOf(id));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const last = page[page.length - 1];
    if (last && list.indexOf(last) < list.length - 1) links.push(link('after', last.id, 'next'));
    if (page[0] && list.indexOf(page[0]) > 0) links.push(link('before', page[0].id, 'prev'));
    return ok(
      page.map((a) => ({
        id: a.id,
        node_id: Buffer.from(`RA_${a.id}`).toString('base64'),
        before: a.before,
        after: a.after,
        ref: a.ref,
        timestamp: a.timestamp,
        activity_type: a.type,
        actor: shapes.user(a.actor),
      })),
      links.length ? { link: links.join(', ') } : undefined,
    );
  },
};
