/**
 * SIG names in their three spellings: the folder (`sig-network`, as listed in `vep.sigs`), the
 * label (`vep.sig-label`, `sig/{name}` with name = folder without `sig-`), and the name people
 * type in `/sig network` (Prow's spelling, which also accepts the folder name).
 */
const SIG_PREFIX = 'sig-';
const NAME_PLACEHOLDER = '{name}';

/** `sig-network` -> `network`. */
export function sigName(folder: string): string {
  return folder.toLowerCase().startsWith(SIG_PREFIX) ? folder.slice(SIG_PREFIX.length) : folder;
}

/** The label of a SIG folder, e.g. `sig/network` for `sig-network` with `sig/{name}`. */
export function sigLabel(template: string, folder: string): string {
  return template.split(NAME_PLACEHOLDER).join(sigName(folder));
}

/** Every SIG label the configuration can produce, to recognise SIG labels on an issue. */
export function sigLabels(template: string, sigs: readonly string[]): Map<string, string> {
  return new Map(sigs.map((folder) => [sigLabel(template, folder).toLowerCase(), folder]));
}

/** True when `label` has the shape of a SIG label (`sig/...` for `sig/{name}`), known SIG or not. */
export function looksLikeSigLabel(template: string, label: string): boolean {
  const [before, after = ''] = template.split(NAME_PLACEHOLDER);
  const l = label.toLowerCase();
  return (
    l.length > before.length + after.length &&
    l.startsWith(before.toLowerCase()) &&
    l.endsWith(after.toLowerCase())
  );
}

/** The configured folder a typed name means (`network`, `sig-network`, `Network`), or null. */
export function sigFolderOf(typed: string, sigs: readonly string[]): string | null {
  const t = typed.trim().toLowerCase();
  return sigs.find((folder) => folder.toLowerCase() === t || sigName(folder).toLowerCase() === t) ?? null;
}

/** The known SIG folder closest to `name` by edit distance (ties: the first listed). */
export function closestSig(name: string, sigs: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const n = name.toLowerCase();
  for (const folder of sigs) {
    const d = Math.min(
      editDistance(n, folder.toLowerCase()),
      editDistance(sigName(n), sigName(folder).toLowerCase()),
    );
    if (d < bestDistance) {
      best = folder;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
