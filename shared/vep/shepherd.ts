/**
 * Shepherds (docs/vep-sig-label.md): `shepherd.count` approvers of the owning SIG are asked to
 * review, never the author. Load spreads deterministically: the proposal number picks the starting
 * place in the approvers sorted by login, so consecutive proposals rotate through the SIG and a
 * re-run picks the same people. Approvers already asked, or who already reviewed, count toward
 * the number, so nobody is asked twice and a removed request is not forced back by the next push.
 */
export interface ShepherdInput {
  number: number;
  author: string;
  /** the SIG's approvers (aliases expanded); team references are left out by the caller */
  approvers: readonly string[];
  requested: readonly string[];
  reviewed: readonly string[];
  count: number;
}

export interface ShepherdChoice {
  /** approvers to ask now */
  request: string[];
  /** approvers already asked or already reviewing */
  engaged: string[];
}

export function chooseShepherds(input: ShepherdInput): ShepherdChoice {
  const lower = (s: string) => s.toLowerCase();
  const author = lower(input.author);
  const byLogin = new Map<string, string>();
  for (const a of input.approvers)
    if (lower(a) !== author && !byLogin.has(lower(a))) byLogin.set(lower(a), a);
  const candidates = [...byLogin.keys()].sort();
  const busy = new Set([...input.requested, ...input.reviewed].map(lower));
  const engaged = candidates.filter((c) => busy.has(c));
  const needed = Math.max(0, input.count - engaged.length);
  const request: string[] = [];
  if (candidates.length && needed) {
    const start = input.number % candidates.length;
    for (let k = 0; k < candidates.length && request.length < needed; k++) {
      const c = candidates[(start + k) % candidates.length];
      if (!busy.has(c)) request.push(byLogin.get(c)!);
    }
  }
  return { request, engaged: engaged.map((c) => byLogin.get(c)!) };
}
