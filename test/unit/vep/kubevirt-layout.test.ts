import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../../../shared/config/defaults.js';
import { FIXTURE_ROOT, classifyKubevirtLayout } from './kubevirt-layout.js';

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
    const owned = results.filter((r) => r.problems.length === 0);
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
    expect(codes('veps/meta-VEPs/282-vep-proposal-governance')).toEqual(['unknown-sig']);
    expect(codes('veps/sig-release/233-release-branch-eol-policy')).toEqual(['unknown-sig']);
    expect(codes('veps/sig-observability/143-monitoring-stack-separation')).toEqual(['unknown-sig']);
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
