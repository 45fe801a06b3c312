import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import {
  FIXTURE_ROOT,
  FRONT_MATTER_TABLE_END,
  FRONT_MATTER_TABLE_START,
  classifyKubevirtLayout,
  renderFrontMatterRules,
} from './kubevirt-layout.js';

describe('the real kubevirt/enhancements layout', () => {
  const results = classifyKubevirtLayout();
  const byDir = new Map(results.map((r) => [r.ref.dir, r]));

  it('classifies every proposal folder that holds a vep.md', () => {
    const folders = readdirSync(`${FIXTURE_ROOT}/veps`, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((sig) =>
        readdirSync(`${FIXTURE_ROOT}/veps/${sig.name}`, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => `veps/${sig.name}/${d.name}`),
      );
    for (const dir of folders) expect(byDir.has(dir)).toBe(true);
    // the template is ignored by default (vep.ignore), so it is not judged as a proposal
    expect(byDir.has('veps/NNNN-vep-template')).toBe(false);
    expect(results).toHaveLength(folders.length);
  });

  it('passes the proposals of the three SIGs the process names, including #307 with front matter', () => {
    const owned = results.filter((r) => r.problems.length === 0 && !r.meta);
    expect(new Set(owned.map((r) => r.owningSig))).toEqual(
      new Set(['sig-compute', 'sig-network', 'sig-storage']),
    );
    expect(owned).toHaveLength(
      results.filter((r) => DEFAULT_CONFIG.vep.sigs.includes(r.ref.sigFolder ?? '')).length,
    );
    expect(byDir.get('veps/sig-network/307-vhostuser-binding-plugin')?.problems).toEqual([]);
  });

  it('flags the folders that are not a configured SIG', () => {
    const codes = (dir: string) => byDir.get(dir)?.problems.map((p) => p.code);
    expect(codes('veps/sig-release/233-release-branch-eol-policy')).toEqual(['unknown-sig']);
    expect(codes('veps/sig-observability/143-monitoring-stack-separation')).toEqual(['unknown-sig']);
  });

  it('owns the meta-VEPs by the maintainers (front-matter.meta-folders), with no SIG and no problem', () => {
    const meta = results.filter((r) => r.ref.sigFolder === 'meta-VEPs');
    expect(meta.map((r) => r.number)).toEqual([229, 282, 297]);
    for (const r of meta) expect(r).toMatchObject({ meta: true, owningSig: null, problems: [] });
  });

  it('counts the front matter rules: only #307 has front matter; as a new proposal `deferred` is no starting state', () => {
    const fresh = classifyKubevirtLayout(undefined, undefined, 'new');
    const moved = fresh.filter((r) => r.problems.some((p) => p.code === 'status-transition'));
    expect(moved.map((r) => r.number)).toEqual([307]);
    expect(results.filter((r) => r.problems.some((p) => p.code === 'status-transition'))).toEqual([]);
    expect(results.filter((r) => r.frontMatterParses).map((r) => r.number)).toEqual([307]);
  });

  it('docs/vep-sig-label.md shows the generated front matter rules table', () => {
    const doc = readFileSync('docs/vep-sig-label.md', 'utf8');
    const start = doc.indexOf(FRONT_MATTER_TABLE_START);
    const end = doc.indexOf(FRONT_MATTER_TABLE_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(doc.slice(start, end + FRONT_MATTER_TABLE_END.length)).toBe(renderFrontMatterRules());
  });

  it('without the default ignore, flags the template as outside any SIG folder', () => {
    const config = { ...structuredClone(DEFAULT_CONFIG.vep), ignore: [] };
    const all = classifyKubevirtLayout(config);
    const template = all.find((r) => r.ref.dir === 'veps/NNNN-vep-template');
    expect(template?.problems.map((p) => p.code)).toEqual(['outside-sig-folder', 'folder-name']);
  });

  it('with front matter required, flags every proposal but #307', () => {
    const config = structuredClone(DEFAULT_CONFIG.vep);
    config['front-matter'].required = true;
    const strict = classifyKubevirtLayout(config);
    const missing = strict.filter((r) => r.problems.some((p) => p.code === 'front-matter-missing'));
    expect(missing.map((r) => r.ref.dir)).not.toContain('veps/sig-network/307-vhostuser-binding-plugin');
    expect(missing).toHaveLength(strict.length - 1);
  });
});
