/**
 * Hidden markers find the action's own comments and issues again. A marker counts only as the
 * whole first line of a text written by a bot: user text that quotes a marker (a file path, a
 * reason, another action's comment echoing either) is never taken for the action's own comment,
 * so nobody can make an action edit a comment by pasting its marker. The marker names the action
 * (and the item), so one action never claims another's comment.
 */
import { isBot } from '../github/permissions.js';
import { fitText, LIMITS } from './limits.js';

export function marker(action: string, key: string): string {
  return `<!-- governance-actions:${action}:${key} -->`;
}

export function withMarker(markerText: string, body: string): string {
  return `${markerText}\n${body}`;
}

/** The body a marked comment stores: the marker line, then the body, within GitHub's limit. */
export function storedCommentBody(markerText: string, body: string): string {
  return fitText(withMarker(markerText, body), LIMITS.body);
}

/** Whether `body` starts with `markerText` as its whole first line. */
export function isMarked(body: string, markerText: string): boolean {
  const end = body.indexOf('\n');
  const first = end === -1 ? body : body.slice(0, end);
  return first.trimEnd() === markerText;
}

export function findMarked<T extends { body: string; user: string; userType?: string }>(
  comments: T[],
  markerText: string,
): T | undefined {
  return comments.find((c) => isBot(c.user, c.userType) && isMarked(c.body, markerText));
}
