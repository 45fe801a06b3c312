import { describe, expect, it } from '@jest/globals';
import { authoredHistory, authoredTextAt, commandsOverTime, othersEditsNote } from './authored-history.js';
import { parseCommands } from './commands.js';

const T = (h: number) => `2026-03-0${1 + Math.floor(h / 24)}T${String(h % 24).padStart(2, '0')}:00:00Z`;
// GitHub lists edits newest first; the oldest is the created version
const edits = (...versions: [string | null, number, string | null][]) =>
  versions.map(([editor, h, body]) => ({ editor, editedAt: T(h), body })).reverse();
const objections = (body: string) => parseCommands(body, ['/object', '/withdraw']);

describe('authoredHistory', () => {
  it('an unedited comment is one version, at its creation', () => {
    expect(
      authoredHistory({ author: 'carol', createdAt: T(1), body: '/object x', edits: [] }).versions,
    ).toEqual([{ at: T(1), body: '/object x' }]);
  });

  it("keeps only the author's versions, oldest first, and lists others' edits", () => {
    const h = authoredHistory({
      author: 'carol',
      createdAt: T(1),
      body: 'LGTM',
      edits: edits(['carol', 1, '/object x'], ['Carol', 5, '/object y'], ['bob', 6, 'LGTM']),
    });
    expect(h.versions).toEqual([
      { at: T(1), body: '/object x' },
      { at: T(5), body: '/object y' },
    ]);
    expect(h.othersEdits).toEqual([{ editor: 'bob', at: T(6) }]);
    expect(authoredTextAt(h, T(0))).toBeNull();
    expect(authoredTextAt(h, T(7))).toBe('/object y');
    expect(othersEditsNote('carol', h)).toMatch(/edited by `bob`, not by its author `carol`/);
  });

  it('a hidden version (deleted from the history) leaves the previous one standing', () => {
    const h = authoredHistory({
      author: 'carol',
      createdAt: T(1),
      body: 'done',
      edits: edits(['carol', 1, '/object x'], ['carol', 3, null], ['carol', 9, 'done']),
    });
    expect(h.versions.map((v) => v.at)).toEqual([T(1), T(9)]);
  });
});

describe('commandsOverTime', () => {
  it('a command counts from when it was first written; a typo fixed in its reason does not move it', () => {
    const h = authoredHistory({
      author: 'carol',
      createdAt: T(1),
      body: '/object the plan',
      edits: edits(['carol', 1, '/object teh plan'], ['carol', 80, '/object the plan']),
    });
    const timed = commandsOverTime(h, objections, (c) => c.name);
    expect(timed).toHaveLength(1);
    expect(timed[0]).toMatchObject({ since: T(1), removedAt: null, command: { args: 'teh plan' } });
  });

  it('a command edited away is withdrawn at that edit; one added later counts from its edit', () => {
    const h = authoredHistory({
      author: 'carol',
      createdAt: T(1),
      body: '/withdraw',
      edits: edits(['carol', 1, 'hmm\n/object a'], ['carol', 4, 'fine'], ['carol', 6, '/withdraw']),
    });
    const timed = commandsOverTime(h, objections, (c) => c.name);
    expect(timed.map((t) => [t.command.name, t.since, t.removedAt])).toEqual([
      ['/object', T(1), T(4)],
      ['/withdraw', T(6), null],
    ]);
  });

  it('an edit by someone else neither removes nor adds a command', () => {
    const h = authoredHistory({
      author: 'carol',
      createdAt: T(1),
      body: '/withdraw',
      edits: edits(['carol', 1, '/object a'], ['bob', 2, '/withdraw']),
    });
    expect(commandsOverTime(h, objections, (c) => c.name).map((t) => [t.command.name, t.removedAt])).toEqual([
      ['/object', null],
    ]);
  });
});
