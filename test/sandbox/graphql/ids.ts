/**
 * Global node ids: opaque to callers, stable for the life of the repository model.
 * `base64("Issue:12")`; the key after the first colon may itself hold colons.
 */
export function encodeNodeId(typename: string, key: string | number): string {
  return Buffer.from(`${typename}:${key}`, 'utf8').toString('base64');
}

export function decodeNodeId(id: string): { typename: string; key: string } | undefined {
  if (!/^[A-Za-z0-9+/]+=*$/.test(id)) return undefined;
  const text = Buffer.from(id, 'base64').toString('utf8');
  const m = /^([A-Z][A-Za-z]*):(.+)$/s.exec(text);
  return m ? { typename: m[1], key: m[2] } : undefined;
}

/**
 * The key of a node in another repository the token may write (other-repos.ts): its ids name that
 * repository, as GitHub's ids are global, so `node(id:)` finds it again. The sandbox's own keys stay as they are.
 */
export function scopedKey(state: { nodeScope?: string }, key: string | number): string | number {
  return state.nodeScope ? `${state.nodeScope}~${key}` : key;
}

/** `@<repository id>~<key>` back to the repository id and the key; undefined for the own repository's keys. */
export function unscopeKey(key: string): { repoId: number; key: string } | undefined {
  const m = /^@(\d+)~(.*)$/s.exec(key);
  return m ? { repoId: Number(m[1]), key: m[2]! } : undefined;
}
