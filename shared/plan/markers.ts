/**
 * Hidden markers find the action's own comments and issues again. A marker only counts in a
 * comment written by a bot, so nobody can make the action edit their comment by pasting it.
 */
import { isBot } from '../github/permissions.js';

export function marker(action: string, key: string): string {
  return `<!-- governance-actions:${action}:${key} -->`;
}

export function withMarker(markerText: string, body: string): string {
  return `${markerText}\n${body}`;
}

export function findMarked<T extends { body: string; user: string; userType?: string }>(
  comments: T[],
  markerText: string,
): T | undefined {
  return comments.find((c) => isBot(c.user, c.userType) && c.body.includes(markerText));
}
