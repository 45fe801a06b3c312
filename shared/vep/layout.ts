/**
 * Where proposals live: the `vep.layout` pattern (`veps/{sig}/{number}-{slug}/vep.md`) turned into
 * a classifier of changed paths. KubeVirt's README: "the proposal at
 * veps/<owning-sig>/<number>-<slug>/vep.md"; the owning SIG is the `{sig}` folder.
 *
 * A path belongs to a proposal when it is
 *  - the proposal document at its place in the layout, whatever the folder is called (so a badly
 *    named folder is reported instead of ignored), or the document one level up with no `{sig}`
 *    folder at all (a proposal outside any SIG folder), or
 *  - any other file inside a folder whose name matches `{number}-{slug}` (a beta addendum, an
 *    image): changing it changes that proposal.
 */
import { minimatch } from 'minimatch';
import { GovernanceError } from '../errors/governance-error.js';

const LAYOUT_KEY = 'vep.layout';
const SIG = '{sig}';
const NUMBER = '{number}';
const SLUG = '{slug}';
/** lowercase words of letters and digits joined by single hyphens */
const KEBAB = '[a-z0-9]+(?:-[a-z0-9]+)*';

export interface Layout {
  pattern: string;
  segments: string[];
  /** index of the `{sig}` segment */
  sigIndex: number;
  /** index of the segment holding `{number}` (the proposal's folder) */
  dirIndex: number;
  /** matches a proposal folder name, capturing number and slug */
  dirName: RegExp;
  /** the folder-name template with placeholders, for messages (`{number}-{slug}`) */
  dirTemplate: string;
  /** globs (`vep.ignore`) of paths that are never proposals, e.g. the template folder */
  ignore: string[];
}

export interface ProposalRef {
  /** the proposal's folder, e.g. `veps/sig-network/12-passt-binding` */
  dir: string;
  /** the `{sig}` folder name, or null when the proposal is not inside a SIG folder */
  sigFolder: string | null;
  /** the folder path holding the SIG's proposals (`veps/sig-network`), or null */
  sigDir: string | null;
  /** the proposal folder's own name, e.g. `12-passt-binding` */
  folderName: string;
  /** the number parsed from the folder name; null when the name does not match the layout */
  number: number | null;
  slug: string | null;
  /** the path of the proposal document (`.../vep.md`) */
  documentPath: string;
  /** changed paths of this proposal, in input order */
  paths: string[];
}

export function compileLayout(pattern: string, ignore: readonly string[] = []): Layout {
  const segments = pattern.split('/');
  const sigIndex = segments.indexOf(SIG);
  const dirIndex = segments.findIndex((s) => s.includes(NUMBER));
  const bad = (message: string) =>
    new GovernanceError(`${message} (found "${pattern}")`, {
      file: '.github/governance.yml',
      keyPath: LAYOUT_KEY,
    });
  if (sigIndex < 0) throw bad(`the layout needs a whole path segment "${SIG}" for the owning SIG's folder`);
  if (dirIndex < 0) throw bad(`the layout needs "${NUMBER}" in the proposal's folder name`);
  if (dirIndex <= sigIndex) throw bad(`"${NUMBER}" must come in a folder below "${SIG}"`);
  if (dirIndex !== segments.length - 2)
    throw bad(
      'the layout must end with the proposal folder and the document name, e.g. "{number}-{slug}/vep.md"',
    );
  if (segments.some((s, i) => i !== sigIndex && i !== dirIndex && /[{}]/.test(s))) {
    throw bad(
      `only the SIG folder may be "${SIG}" and only the proposal folder may hold "${NUMBER}" and "${SLUG}"`,
    );
  }
  const dirTemplate = segments[dirIndex];
  for (const placeholder of [NUMBER, SLUG])
    if (dirTemplate.split(placeholder).length > 2)
      throw bad(`"${placeholder}" may appear only once in the proposal's folder name`);
  const dirSource = dirTemplate
    .split(/(\{number\}|\{slug\})/)
    .map((part) =>
      part === NUMBER ? '(?<number>\\d+)' : part === SLUG ? `(?<slug>${KEBAB})` : escapeRegExp(part),
    )
    .join('');
  return {
    pattern,
    segments,
    sigIndex,
    dirIndex,
    dirName: new RegExp(`^${dirSource}$`),
    dirTemplate,
    ignore: [...ignore],
  };
}

/** The proposals that `paths` add or change, keyed by folder, in order of first appearance. */
export function proposalsTouched(layout: Layout, paths: readonly string[]): ProposalRef[] {
  const byDir = new Map<string, ProposalRef>();
  for (const path of paths) {
    if (layout.ignore.some((glob) => minimatch(path, glob, { dot: true }))) continue;
    const found = locate(layout, path);
    if (!found) continue;
    const existing = byDir.get(found.dir);
    if (existing) existing.paths.push(path);
    else byDir.set(found.dir, { ...found, paths: [path] });
  }
  return [...byDir.values()];
}

/** Parses a proposal folder name: `12-passt-binding` -> {number: 12, slug: 'passt-binding'}. */
export function parseFolderName(
  layout: Layout,
  name: string,
): { number: number; slug: string | null } | null {
  const m = layout.dirName.exec(name);
  if (!m?.groups) return null;
  return { number: Number(m.groups.number), slug: m.groups.slug ?? null };
}

/** A leading number even when the rest of the name is wrong (`12_Passt` -> 12), for messages and lookups. */
export function leadingNumber(name: string): number | null {
  const m = /^(\d+)(?=\D|$)/.exec(name);
  return m ? Number(m[1]) : null;
}

/** The path of the SIG folder's file `name` (e.g. OWNERS) for a SIG folder name. */
export function sigFilePath(layout: Layout, sigFolder: string, name: string): string {
  return [...layout.segments.slice(0, layout.sigIndex), sigFolder, name].join('/');
}

/** The document path a proposal with this SIG folder and folder name would have. */
export function documentPathFor(layout: Layout, sigFolder: string, folderName: string): string {
  return [
    ...layout.segments.slice(0, layout.sigIndex),
    sigFolder,
    ...layout.segments.slice(layout.sigIndex + 1, layout.dirIndex),
    folderName,
    documentName(layout),
  ].join('/');
}

export function documentName(layout: Layout): string {
  return layout.segments[layout.segments.length - 1];
}

type Located = Omit<ProposalRef, 'paths'>;

function locate(layout: Layout, path: string): Located | null {
  const parts = path.split('/');
  const { segments, sigIndex, dirIndex } = layout;
  const document = documentName(layout);
  const literalsMatch = (upTo: number) =>
    segments.slice(0, upTo).every((s, i) => i === sigIndex || s === parts[i]);

  // Inside a SIG folder: <prefix>/<sig>/<...>/<dir>/<rest...>
  if (parts.length > dirIndex + 1 && literalsMatch(dirIndex)) {
    const folderName = parts[dirIndex];
    const parsed = parseFolderName(layout, folderName);
    const isDocument = parts.length === dirIndex + 2 && parts[dirIndex + 1] === document;
    if (parsed || isDocument) {
      const dir = parts.slice(0, dirIndex + 1).join('/');
      return {
        dir,
        sigFolder: parts[sigIndex],
        sigDir: parts.slice(0, sigIndex + 1).join('/'),
        folderName,
        number: parsed?.number ?? null,
        slug: parsed?.slug ?? null,
        documentPath: `${dir}/${document}`,
      };
    }
  }

  // Outside any SIG folder: the layout without its {sig} segment, document only.
  const withoutSig = segments.filter((_, i) => i !== sigIndex);
  if (parts.length === withoutSig.length && parts[parts.length - 1] === document) {
    const dirAt = dirIndex - 1;
    const literalsOk = withoutSig.every(
      (s, i) => i === dirAt || i === withoutSig.length - 1 || s === parts[i],
    );
    if (literalsOk) {
      const folderName = parts[dirAt];
      const parsed = parseFolderName(layout, folderName);
      return {
        dir: parts.slice(0, dirAt + 1).join('/'),
        sigFolder: null,
        sigDir: null,
        folderName,
        number: parsed?.number ?? null,
        slug: parsed?.slug ?? null,
        documentPath: path,
      };
    }
  }
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
