/**
 * The audit issue remembers what the last audit found (a hidden comment at the end of its body),
 * so the next audit can say what is new, worse, better or fixed: trends rather than a flapping
 * yes/no (OpenStack dropped its diversity tags in 2018 for flapping). Compressed, and left out
 * when it would not fit in the issue body.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Finding } from './evaluate.js';

const PREFIX = '<!-- owners-diversity-state:';
const SUFFIX = ' -->';
/** Past this size the state is written without messages, then not at all. */
const MAX_STATE_CHARS = 20_000;

type Saved = [
  key: string,
  kind: Finding['kind'],
  group: string,
  count: number | null,
  share: [string, string] | null,
  message: string,
  since: string | null,
];

export function encodeAuditState(findings: readonly Finding[]): string {
  for (const withMessages of [true, false]) {
    const saved: Saved[] = findings.map((f) => [
      f.key,
      f.kind,
      f.group,
      f.count ?? null,
      f.share ? [String(f.share.num), String(f.share.den)] : null,
      withMessages ? f.message : '',
      f.since ?? null,
    ]);
    const text = `${PREFIX}${deflateRawSync(JSON.stringify(saved)).toString('base64')}${SUFFIX}`;
    if (text.length <= MAX_STATE_CHARS) return text;
  }
  return '';
}

/** The findings recorded in an audit issue's body, or undefined when it has none (or unreadable). */
export function decodeAuditState(body: string): Finding[] | undefined {
  const start = body.lastIndexOf(PREFIX);
  if (start < 0) return undefined;
  const end = body.indexOf(SUFFIX, start);
  if (end < 0) return undefined;
  try {
    const json = inflateRawSync(Buffer.from(body.slice(start + PREFIX.length, end), 'base64')).toString(
      'utf8',
    );
    const saved = JSON.parse(json) as Saved[];
    return saved.map(([key, kind, group, count, share, message, since]) => ({
      key,
      kind,
      group,
      message: message || `${kind}`,
      severity: 'failure' as const,
      locations: [],
      ...(since ? { since } : {}),
      ...(count !== null ? { count } : {}),
      ...(share ? { share: { num: BigInt(share[0]), den: BigInt(share[1]) } } : {}),
    }));
  } catch {
    return undefined;
  }
}
