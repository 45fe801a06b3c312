/**
 * `--show`: what a maintainer reads before trusting the actions: for each run, its job summary
 * and the full text of every comment, issue or pull request body, check-run output and annotation
 * it wrote or changed, in order.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { playScenario, REPO_ROOT, type PlayResult } from './play.js';
import { formatShow } from './report.js';

let result: PlayResult;
let shown: string;

beforeAll(async () => {
  // from the sources, in a worker thread: what a run wrote does not depend on how it was started
  result = await playScenario(join(REPO_ROOT, 'test', 'scenarios', 'vep-fix-after-failure.yml'), {
    isolation: 'thread',
  });
  shown = formatShow(result);
}, 120_000);

describe('formatShow', () => {
  it('plays the scenario as before', () => {
    expect(result.failures).toEqual([]);
  });

  it('prints every text a run wrote, in full, with the run it belongs to', () => {
    const first = result.timeline[0].runs[0];
    expect(first.texts.length).toBeGreaterThan(0);
    const comment = first.texts.find((t) => t.what.startsWith('comment on #31'));
    expect(comment).toBeDefined();
    // the whole comment, not its first line: both problems are in it
    expect(comment!.text.split('\n').length).toBeGreaterThan(3);
    expect(comment!.text).toContain('Start the pull request title with `VEP-30: `');
    expect(comment!.text).toContain('set `vep-number: 30`');
    expect(shown).toContain(comment!.text);
    expect(shown.indexOf('vep-sig-label')).toBeLessThan(shown.indexOf(comment!.text));
  });

  it('prints the job summary and the check run output with its annotations', () => {
    const first = result.timeline[0].runs[0];
    expect(first.jobSummary.length).toBeGreaterThan(0);
    expect(shown).toContain(first.jobSummary.trim().split('\n')[0]);
    const check = first.texts.find((t) => t.what.startsWith('check run vep on #31'));
    expect(check).toBeDefined();
    expect(check!.text).toMatch(/failure/);
    expect(check!.text).toMatch(/veps\/sig-network\/30-thing\/vep\.md:\d+: failure: /);
  });

  it('a later run that edits the sticky comment shows the new text as an edit', () => {
    const edits = result.timeline.flatMap((t) => t.runs).flatMap((r) => r.texts);
    expect(edits.some((t) => t.what.startsWith('comment on #31 edited'))).toBe(true);
  });
});
