/**
 * The GitHub App behind a check run. Only apps write check runs: a workflow's GITHUB_TOKEN writes
 * as GitHub Actions (app 15368, `github-actions`), an installation token as its app (`<slug>[bot]`).
 */
import { createHash } from 'node:crypto';

export interface CheckApp {
  id: number;
  slug: string;
  name: string;
}

export const GITHUB_ACTIONS_APP: CheckApp = { id: 15368, slug: 'github-actions', name: 'GitHub Actions' };

/** The app of the token that wrote a check run (its login, as the sandbox records it). */
export function checkRunApp(createdBy: string): CheckApp {
  const slug = createdBy.replace(/\[bot\]$/i, '');
  if (slug.toLowerCase() === GITHUB_ACTIONS_APP.slug) return GITHUB_ACTIONS_APP;
  // a stable id per slug, away from GitHub Actions'
  const id = 100_000 + (createHash('sha1').update(slug).digest().readUInt32BE(0) % 900_000);
  return { id, slug, name: slug };
}
