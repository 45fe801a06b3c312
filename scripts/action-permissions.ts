/**
 * The least-privilege `permissions:` each action's workflow needs, and why. One source for the
 * per-action README pages (scripts/action-docs.ts renders it) and for the example-workflow test
 * (test/unit/workflows.test.ts requires each example to grant exactly this, nothing more).
 */
export type PermissionLevel = 'read' | 'write';

export interface PermissionGrant {
  level: PermissionLevel;
  why: string;
}

export type ActionPermissions = Record<string, PermissionGrant>;

const READ_CONFIG: PermissionGrant = {
  level: 'read',
  why: 'read the configuration, OWNERS and other rule files from the default branch',
};
const ISSUES_WRITE: PermissionGrant = {
  level: 'write',
  why: 'labels (creating missing ones) and comments, on issues and pull requests alike',
};
const CHECKS_WRITE: PermissionGrant = {
  level: 'write',
  why: 'the check run on the head commit (without it the job status alone carries the verdict)',
};

export const ACTION_PERMISSIONS: Record<string, ActionPermissions> = {
  'vep-sig-label': {
    contents: READ_CONFIG,
    issues: ISSUES_WRITE,
    'pull-requests': { level: 'write', why: 'request shepherd reviews' },
    checks: CHECKS_WRITE,
  },
  'lazy-consensus-timer': {
    contents: READ_CONFIG,
    issues: ISSUES_WRITE,
    'pull-requests': {
      level: 'write',
      why: 'close accepted pull requests per `on-accept` (merging one also needs `contents: write`)',
    },
    checks: CHECKS_WRITE,
  },
  'dpl-reset': {
    contents: {
      level: 'write',
      why: 'push the reset branches, merge the resets at the deadline, delete merged branches',
    },
    issues: ISSUES_WRITE,
    'pull-requests': { level: 'write', why: 'open the reset pull requests and request liaison reviews' },
    checks: CHECKS_WRITE,
  },
  'owners-diversity-check': {
    contents: READ_CONFIG,
    issues: { level: 'write', why: 'the sticky comment and the audit issue' },
    'pull-requests': { level: 'write', why: 'comment on pull requests that change a leadership group' },
    checks: CHECKS_WRITE,
  },
};

/** `{scope: level}` as a workflow's `permissions:` block spells it. */
export function permissionLevels(perms: ActionPermissions): Record<string, PermissionLevel> {
  return Object.fromEntries(Object.entries(perms).map(([scope, grant]) => [scope, grant.level]));
}
