/** Every REST handler, keyed by its OpenAPI operation (`METHOD /template`). */
import { activityRoutes } from './activity.js';
import { checkRoutes } from './checks.js';
import type { RouteHandler } from './context.js';
import { gitRoutes } from './git.js';
import { issueRoutes } from './issues.js';
import { pullRoutes } from './pulls.js';
import { repoRoutes } from './repos.js';

export const ROUTES: Record<string, RouteHandler> = {
  ...repoRoutes,
  ...issueRoutes,
  ...pullRoutes,
  ...checkRoutes,
  ...gitRoutes,
  ...activityRoutes,
};
