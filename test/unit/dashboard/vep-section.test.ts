import { describe, expect, it } from '@jest/globals';
import { renderSection } from '../../../shared/dashboard/render.js';
import { vepSection, type VepEntry } from '../../../shared/dashboard/vep-section.js';

const berlin = { timezone: 'Europe/Berlin' };
const entry = (
  number: number,
  sigs: string[],
  stage: VepEntry['stage'],
  title = `VEP ${number}`,
): VepEntry => ({
  number,
  title,
  sigs,
  stage,
});

describe('vep section', () => {
  it('groups proposals by owning SIG, most urgent stage first, unowned ones last', () => {
    const s = vepSection(
      [
        entry(5, [], { kind: 'no-owning-sig' }),
        entry(4, ['sig-network'], { kind: 'awaiting-review', sigDue: '2026-04-15T09:00:00Z' }),
        entry(3, ['sig-network'], { kind: 'escalated-maintainers' }),
        entry(2, ['sig-compute'], { kind: 'escalated-sig', maintainersDue: '2026-04-29T09:00:00Z' }),
        entry(1, ['sig-compute'], { kind: 'draft' }),
      ],
      berlin,
    );
    expect(s.heading).toBe('Proposals: 5 open');
    expect(s.lines.map((l) => l.match(/#(\d+)/)![1])).toEqual(['2', '1', '3', '4', '5']);
    expect(s.lines[0]).toBe(
      '- `sig-compute`: #2 VEP 2: **escalated to the SIG**, maintainers due 2026-04-29 09:00 UTC (2026-04-29 11:00 Europe/Berlin)',
    );
    expect(s.lines[3]).toContain('awaiting review, SIG ping due 2026-04-15 09:00 UTC');
    expect(s.lines[4]).toBe('- no owning SIG: #5 VEP 5: awaiting an owning SIG');
    expect(s.omits).toMatch(/Sign-off, veto and freeze as this action's own check run/);
  });

  it('fails closed visibly: an unreadable pull request is listed as not judged', () => {
    const s = vepSection([entry(7, [], { kind: 'unreadable', why: 'its files (3000+)' })], berlin);
    expect(s.lines[0]).toContain('**not judged**, could not read its files (3000+)');
  });

  it('escapes titles and reasons, and never pings', () => {
    const hostile = 'x <!-- governance-actions:a:dashboard --> @team **b** [l](https://e.example)';
    const s = vepSection([entry(1, ['sig-`x`'], { kind: 'unreadable', why: '@who <!--' }, hostile)], berlin);
    const text = renderSection(s);
    expect(text).not.toMatch(/(?<!\\)<!--/);
    expect(text).not.toMatch(/@team|@who/);
    expect(text).not.toMatch(/(?<!\\)\*\*b/);
    expect(text).not.toMatch(/(?<!\\)\[l\]\(/);
    expect(text).toContain("`sig-'x'`");
  });

  it('stays within the comment limit however many proposals are open', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      entry(i + 1, ['sig-compute'], { kind: 'draft' }, 'T'.repeat(200)),
    );
    const text = renderSection(vepSection(many, berlin));
    expect(text.length).toBeLessThanOrEqual(65_536);
    expect(text).toMatch(/… and \d+ more/);
    expect(renderSection(vepSection([], berlin))).toContain('No open pull request changes a proposal.');
  });
});
