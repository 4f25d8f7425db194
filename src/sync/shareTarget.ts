/**
 * The Web Share Target for session files: on platforms that offer it (Android Chrome with the app installed),
 * "Share" a .codesign file to Neighbourhood Co-design. The service worker receives the POST, keeps the files in
 * a cache and opens the home screen, which offers them for import like chosen files. Shared by the service
 * worker (src/sw/sw.ts) and the app (src/ui/facilitator/files/sharedFiles.ts), so no DOM or worker types here.
 */
export const SHARE_TARGET_PATH = 'share-target';
export const SHARED_FILES_CACHE = 'codesign-shared-files';
/** The form field the manifest's share_target names for files. */
export const SHARED_FILES_FIELD = 'files';
/** The hash the service worker opens after a share; the home screen looks for it. */
export const SHARED_HASH = '#/?shared=1';
/** At most this many files are kept from one share; more is not a real workshop. */
export const MAX_SHARED_FILES = 60;
export const FILE_NAME_HEADER = 'X-File-Name';

/**
 * Throws away files kept from a share. A tablet in kiosk mode refuses shared files: the import screen is the
 * facilitator's, so files shared to a kiosk are never held for later.
 */
export async function discardSharedFiles(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(SHARED_FILES_CACHE);
}
