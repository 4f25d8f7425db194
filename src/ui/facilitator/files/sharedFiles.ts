/** Files the service worker kept from a share (see src/sync/shareTarget.ts); taking them empties the cache. */
import { FILE_NAME_HEADER, SHARED_FILES_CACHE, SHARED_HASH } from '../../../sync/shareTarget';

export function isSharedLaunch(hash: string = location.hash): boolean {
  return hash === SHARED_HASH;
}

export async function takeSharedFiles(): Promise<File[]> {
  if (typeof caches === 'undefined') return [];
  const cache = await caches.open(SHARED_FILES_CACHE);
  const files: File[] = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (response) {
      const name = decodeURIComponent(response.headers.get(FILE_NAME_HEADER) ?? 'shared.codesign');
      files.push(new File([await response.blob()], name));
    }
    await cache.delete(request);
  }
  return files;
}
