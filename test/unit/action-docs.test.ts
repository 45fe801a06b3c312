/**
 * The per-action README pages cannot drift from action.yml: each generated part is exactly what
 * `npm run docs` would write, and the generator keeps the hand-written text around it.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  END_MARKER,
  MissingMarkersError,
  pageStatuses,
  parseActionYml,
  renderGenerated,
  START_MARKER,
  updatePage,
} from '../../scripts/action-docs-pages.js';
import { ACTION_PERMISSIONS } from '../../scripts/action-permissions.js';

describe('actions/<name>/README.md', () => {
  const statuses = pageStatuses();

  it('there is one page per action', () => {
    expect(statuses.map((s) => s.action)).toEqual([
      'dpl-reset',
      'lazy-consensus-timer',
      'owners-diversity-check',
      'vep-sig-label',
    ]);
  });

  it.each(statuses)('$file matches its action.yml (run `npm run docs` when this fails)', (status) => {
    expect(status.state).toBe('current');
  });

  it.each(statuses)(
    '$file lists every input and output of action.yml and links the docs',
    ({ action, file }) => {
      const page = readFileSync(file, 'utf8');
      const meta = parseActionYml(readFileSync(`actions/${action}/action.yml`, 'utf8'));
      for (const name of [...Object.keys(meta.inputs), ...Object.keys(meta.outputs)])
        expect(page).toContain(`| \`${name}\` |`);
      expect(page).toContain(`(../../docs/${action}.md)`);
    },
  );
});

describe('the generator', () => {
  const yml = (extra = '') =>
    parseActionYml(
      `name: X\ndescription: d\ninputs:\n  a:\n    description: 'first | with a pipe, sig/<name>'\n    default: '1'\n${extra}outputs:\n  o:\n    description: out\n`,
    );
  const page = (generated: string) =>
    `# X\n\nhand-written intro\n\n${generated}\n\n## Notes\nhand-written end\n`;

  it('renders tables with escaped cells and the permissions', () => {
    const generated = renderGenerated(yml(), ACTION_PERMISSIONS['dpl-reset']);
    expect(generated.startsWith(START_MARKER) && generated.endsWith(END_MARKER)).toBe(true);
    expect(generated).toContain('| `a` | no | `1` | first \\| with a pipe, sig/&lt;name&gt; |');
    expect(generated).toContain('| `o` | out |');
    expect(generated).toContain('| `contents` | write |');
  });

  it('replaces only the generated part, and a changed action.yml makes the page stale', () => {
    const before = page(renderGenerated(yml(), undefined));
    const after = updatePage(before, renderGenerated(yml('  b:\n    description: new input\n'), undefined));
    expect(after).not.toBe(before);
    expect(after).toContain('| `b` | no |  | new input |');
    expect(after.startsWith('# X\n\nhand-written intro\n\n')).toBe(true);
    expect(after.endsWith('\n\n## Notes\nhand-written end\n')).toBe(true);
    expect(updatePage(before, renderGenerated(yml(), undefined))).toBe(before);
  });

  it('refuses a page without markers rather than overwrite hand-written text', () => {
    expect(() => updatePage('# X\n', renderGenerated(yml(), undefined))).toThrow(MissingMarkersError);
  });
});
