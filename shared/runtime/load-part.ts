/**
 * A part of a run that the bundle keeps in a chunk file beside dist/index.js (the action's code,
 * the second half of the runtime, the organisation-wide run): loaded on demand (run-action.ts).
 * A chunk that is missing (a copy of index.js alone) or from another build fails in Node's or
 * webpack's words ("Cannot find module …/970.index.js", "reading 'call'"): the job's message says
 * that the bundle is the cause and how to mend it.
 */
export async function loadPart<T>(actionName: string, part: () => Promise<T>): Promise<T> {
  try {
    return await part();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `the action's code could not be loaded: ${reason} (every file of actions/${actionName}/dist, ` +
        'index.js and the chunk files beside it, must come from one build: use the action by its ' +
        'release tag or commit, or commit all that `npm run build` writes)',
      { cause: error },
    );
  }
}
