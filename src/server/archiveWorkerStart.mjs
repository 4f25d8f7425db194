// @ts-check
/**
 * The entry of the archive worker thread (archiveWorker.ts, started by archiveJobs.ts). The server runs its
 * TypeScript through tsx; a worker thread inherits tsx's hooks from `node --import tsx`, but not from the test
 * runner, whose transform is not node's. So the TypeScript module is imported as it is, and only when node cannot
 * load it are tsx's hooks registered in this thread first.
 *
 * "Cannot load it" is more than one error: node 20 does not know .ts at all (ERR_UNKNOWN_FILE_EXTENSION); node
 * 22.18 and later strip the types themselves, load the file, and then fail on its imports without an extension
 * (ERR_MODULE_NOT_FOUND) or on TypeScript they cannot strip (`readonly` constructor parameters, compaction.ts).
 */
const NODE_CANNOT_LOAD = new Set([
  'ERR_UNKNOWN_FILE_EXTENSION',
  'ERR_MODULE_NOT_FOUND',
  'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX',
  'ERR_INVALID_TYPESCRIPT_SYNTAX',
  'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING',
]);
const entry = new URL('./archiveWorker.ts', import.meta.url).href;
try {
  await import(entry);
} catch (e) {
  const code = /** @type {{ code?: unknown }} */ (e).code;
  // A module that is really missing is missing under tsx too: the second import below then says so.
  if (typeof code !== 'string' || !NODE_CANNOT_LOAD.has(code)) throw e;
  const { register } = await import('tsx/esm/api');
  register();
  // Under another URL: node keeps the failed import of the first, and would give its error again.
  await import(`${entry}?tsx`);
}
