/**
 * GitHub lists at most 3,000 files of a pull request, through REST (`pulls/{n}/files`) and
 * GraphQL (`PullRequest.files`) alike; `changed_files` / `changedFiles` still count them all.
 * A list that reaches the cap may be partial: a decision that depends on which files a pull
 * request changes must then compare the trees instead, or fail with a message; never decide on
 * the partial list (docs/reliability.md "Decision integrity").
 */
export const PULL_FILES_LISTED_CAP = 3000;

/** Whether a listed file set may be missing files: at the cap, or fewer than GitHub counts. */
export function mayBePartial(listed: number, total?: number | null): boolean {
  return listed >= PULL_FILES_LISTED_CAP || (typeof total === 'number' && total > listed);
}

export function partialListMessage(number: number, listed: number): string {
  return `pull request #${number} changes more files than GitHub lists (${listed} listed, at most ${PULL_FILES_LISTED_CAP}): the change cannot be read completely, so it is not judged; split it into smaller pull requests`;
}
