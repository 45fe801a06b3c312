/**
 * A file read through GraphQL (`object(expression:)` or `file(path:)`), as one answer for every
 * reader: what cannot be read whole must never pass for the file. GitHub's GraphQL cuts
 * `Blob.text` at 512,000 bytes and sets `isTruncated` (the REST read has the whole file), and
 * gives no text for a binary file.
 */

/** The fields to select on the object. */
export const BLOB_FIELDS = '__typename ... on Blob { text isBinary isTruncated }';

export type BlobNode = {
  __typename?: string;
  text?: string | null;
  isBinary?: boolean;
  isTruncated?: boolean;
} | null;

export type BlobRead =
  | { kind: 'missing' }
  | { kind: 'text'; text: string }
  /** a directory or a submodule at that path */
  | { kind: 'not-a-file'; type: string }
  | { kind: 'binary' }
  /** over GraphQL's text limit: read it over REST, or fail */
  | { kind: 'truncated' };

export function readBlob(node: BlobNode | undefined): BlobRead {
  if (!node) return { kind: 'missing' };
  if (node.__typename !== undefined && node.__typename !== 'Blob')
    return { kind: 'not-a-file', type: node.__typename };
  if (node.isBinary) return { kind: 'binary' };
  if (node.isTruncated || typeof node.text !== 'string') return { kind: 'truncated' };
  return { kind: 'text', text: node.text };
}
