/**
 * What GitHub requires of an action's metadata to list it (docs: "Metadata syntax for GitHub
 * Actions", `name`, `description`, `branding`) and to run it (`runs`). docs/releasing.md.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** `branding.color`: the colours GitHub accepts. */
const COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'];
/** A part of the Feather icon set (v4.28) that GitHub accepts for `branding.icon`. */
const FEATHER_ICONS = new Set([
  'activity',
  'alert-circle',
  'alert-triangle',
  'archive',
  'award',
  'bell',
  'book',
  'book-open',
  'bookmark',
  'box',
  'briefcase',
  'calendar',
  'check',
  'check-circle',
  'check-square',
  'clipboard',
  'clock',
  'code',
  'compass',
  'edit',
  'eye',
  'file',
  'file-text',
  'filter',
  'flag',
  'folder',
  'git-branch',
  'git-commit',
  'git-merge',
  'git-pull-request',
  'globe',
  'hash',
  'heart',
  'inbox',
  'info',
  'key',
  'layers',
  'list',
  'lock',
  'message-circle',
  'message-square',
  'package',
  'refresh-ccw',
  'refresh-cw',
  'repeat',
  'rotate-ccw',
  'rotate-cw',
  'search',
  'send',
  'settings',
  'shield',
  'star',
  'tag',
  'target',
  'thumbs-up',
  'tool',
  'user',
  'user-check',
  'users',
  'zap',
]);

const ACTIONS = readdirSync('actions').filter((a) => existsSync(join('actions', a, 'action.yml')));

interface Metadata {
  name?: unknown;
  description?: unknown;
  author?: unknown;
  branding?: { icon?: unknown; color?: unknown };
  runs?: { using?: unknown; main?: unknown };
}

const metadata = (action: string) =>
  parse(readFileSync(join('actions', action, 'action.yml'), 'utf8')) as Metadata;

describe('action.yml metadata', () => {
  it('there are the four actions', () => {
    expect(ACTIONS.sort()).toEqual([
      'dpl-reset',
      'lazy-consensus-timer',
      'owners-diversity-check',
      'vep-sig-label',
    ]);
  });

  it.each(ACTIONS)('%s: name, one-sentence description, author, branding, runs', (action) => {
    const m = metadata(action);
    expect(typeof m.name).toBe('string');
    expect(String(m.name).trim().length).toBeGreaterThan(0);
    expect(typeof m.description).toBe('string');
    const description = String(m.description);
    expect(description.length).toBeGreaterThan(20);
    expect(description).toMatch(/\.$/);
    expect(description).not.toMatch(/\n/);
    expect(typeof m.author).toBe('string');
    expect(COLORS).toContain(m.branding?.color);
    expect(FEATHER_ICONS.has(String(m.branding?.icon))).toBe(true);
    expect(m.runs?.using).toBe('node24');
    expect(m.runs?.main).toBe('dist/index.js');
    expect(existsSync(join('actions', action, 'dist', 'index.js'))).toBe(true);
  });

  it('names are distinct (a listing needs a unique name)', () => {
    const names = ACTIONS.map((a) => String(metadata(a).name).toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});
