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
