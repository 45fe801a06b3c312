import { describe, expect, it } from '@jest/globals';
import { GovernanceError } from '../../../shared/errors/governance-error.js';
import { compileLayout, documentPathFor, proposalsTouched, sigFilePath } from '../../../shared/vep/layout.js';

const layout = compileLayout('veps/{sig}/{number}-{slug}/vep.md');

describe('proposalsTouched', () => {
  it('finds the proposal, its SIG folder, number and slug from the document path', () => {
    const [p] = proposalsTouched(layout, ['veps/sig-network/12-passt-binding/vep.md']);
    expect(p).toMatchObject({
      dir: 'veps/sig-network/12-passt-binding',
      sigFolder: 'sig-network',
      folderName: '12-passt-binding',
      number: 12,
      slug: 'passt-binding',
      documentPath: 'veps/sig-network/12-passt-binding/vep.md',
    });
  });

  it('counts other files of a well-named proposal folder as changing that proposal, once', () => {
    const found = proposalsTouched(layout, [
      'veps/sig-network/21-passt/passt-beta.md',
      'veps/sig-network/21-passt/vep.md',
      'veps/sig-network/21-passt/img/a.png',
    ]);
    expect(found).toHaveLength(1);
    expect(found[0].paths).toHaveLength(3);
    expect(found[0].documentPath).toBe('veps/sig-network/21-passt/vep.md');
  });

  it('ignores files that are not proposals: SIG OWNERS, READMEs, other trees', () => {
    expect(
      proposalsTouched(layout, [
        'veps/sig-network/OWNERS',
        'README.md',
        'docs/x/12-a/vep.md',
        'veps/sig-network/notes/x.md',
      ]),
    ).toEqual([]);
  });

  it('reports a badly named folder instead of ignoring it, when it holds the document', () => {
    const [p] = proposalsTouched(layout, ['veps/sig-network/Passt_Binding/vep.md']);
    expect(p).toMatchObject({
      sigFolder: 'sig-network',
      folderName: 'Passt_Binding',
      number: null,
      slug: null,
    });
  });

  it('recognises a proposal outside any SIG folder', () => {
    const [p] = proposalsTouched(layout, ['veps/12-passt/vep.md']);
    expect(p).toMatchObject({
      dir: 'veps/12-passt',
      sigFolder: null,
      number: 12,
      documentPath: 'veps/12-passt/vep.md',
    });
  });

  it('builds paths for messages and OWNERS lookups', () => {
    expect(documentPathFor(layout, 'sig-compute', '12-x')).toBe('veps/sig-compute/12-x/vep.md');
    expect(sigFilePath(layout, 'sig-compute', 'OWNERS')).toBe('veps/sig-compute/OWNERS');
  });

  it('follows another layout', () => {
    const other = compileLayout('enhancements/{sig}/vep-{number}/README.md');
    const [p] = proposalsTouched(other, ['enhancements/sig-a/vep-7/README.md']);
    expect(p).toMatchObject({ sigFolder: 'sig-a', number: 7, slug: null });
  });

  it('rejects a layout without the SIG folder or the number', () => {
    expect(() => compileLayout('veps/{number}-{slug}/vep.md')).toThrow(GovernanceError);
    expect(() => compileLayout('veps/{sig}/vep.md')).toThrow(/number/);
  });

  it('rejects a placeholder used twice in the folder name with a config error, not a crash', () => {
    expect(() => compileLayout('veps/{sig}/{number}{number}/vep.md')).toThrow(
      /"\{number\}" may appear only once/,
    );
    expect(() => compileLayout('veps/{sig}/{number}-{slug}-{slug}/vep.md')).toThrow(GovernanceError);
  });
});
