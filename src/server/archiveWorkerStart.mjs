// @ts-check
/**
 * The entry of the archive worker thread (archiveWorker.ts, started by archiveJobs.ts). The server runs its
 * TypeScript through tsx; a worker thread inherits tsx's hooks from `node --import tsx`, but not from the test
 * runner, whose transform is not node's. So the TypeScript module is imported as it is, and only when node cannot
 * load it are tsx's hooks registered in this thread first.
 */
const entry = new URL('./archiveWorker.ts', import.meta.url).href;
try {
  await import(entry);
} catch (e) {
  const code = /** @type {{ code?: unknown }} */ (e).code;
  if (code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
  const { register } = await import('tsx/esm/api');
  register();
  // Under another URL: node keeps the failed import of the first, and would give its error again.
  await import(`${entry}?tsx`);
}
