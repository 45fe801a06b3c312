/** A unified diff of two texts, as the `patch` field of GitHub's file lists. */

/** Above this many line pairs, a modified file is shown as all lines removed then added. */
const MAX_LCS_CELLS = 4_000_000;

export function unifiedPatch(
  before: string | null,
  after: string | null,
): { patch: string; additions: number; deletions: number } {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops =
    a.length * b.length > MAX_LCS_CELLS
      ? [...a.map((l) => '-' + l), ...b.map((l) => '+' + l)]
      : lineDiff(a, b);
  const additions = ops.filter((o) => o[0] === '+').length;
  const deletions = ops.filter((o) => o[0] === '-').length;
  if (!additions && !deletions) return { patch: '', additions, deletions };
  const header = `@@ -${a.length ? 1 : 0},${a.length} +${b.length ? 1 : 0},${b.length} @@`;
  return { patch: [header, ...ops].join('\n'), additions, deletions };
}

function splitLines(text: string | null): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Longest-common-subsequence line diff; returns lines prefixed ' ', '-' or '+'. */
function lineDiff(a: string[], b: string[]): string[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push(' ' + a[i]);
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push('-' + a[i++]);
    else out.push('+' + b[j++]);
  }
  while (i < n) out.push('-' + a[i++]);
  while (j < m) out.push('+' + b[j++]);
  return out;
}
