/// <reference lib="webworker" />
/**
 * The service worker: precache the whole built app so that after one online visit it starts and works with no
 * network. A new version waits until the facilitator applies it between residents (see src/ui/swBridge.ts);
 * it never takes over on its own.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import {
  FILE_NAME_HEADER,
  MAX_SHARED_FILES,
  SHARE_TARGET_PATH,
  SHARED_FILES_CACHE,
  SHARED_FILES_FIELD,
  SHARED_HASH,
} from '../sync/shareTarget';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

// Files shared to the app (the manifest's share_target): keep them for the home screen to import. Registered
// before Workbox's routes so this POST is answered here.
self.addEventListener('fetch', (event: FetchEvent) => {
  const url = new URL(event.request.url);
  if (
    event.request.method !== 'POST' ||
    url.pathname !== new URL(SHARE_TARGET_PATH, self.registration.scope).pathname
  ) {
    return;
  }
  event.respondWith(
    (async () => {
      const form = await event.request.formData();
      const files = form.getAll(SHARED_FILES_FIELD).filter((f): f is File => f instanceof File);
      const cache = await caches.open(SHARED_FILES_CACHE);
      for (const key of await cache.keys()) await cache.delete(key);
      let i = 0;
      for (const file of files.slice(0, MAX_SHARED_FILES)) {
        await cache.put(
          new URL(`shared-file/${i++}`, self.registration.scope).href,
          new Response(file, { headers: { [FILE_NAME_HEADER]: encodeURIComponent(file.name) } }),
        );
      }
      return Response.redirect(new URL(SHARED_HASH, self.registration.scope).href, 303);
    })(),
  );
});

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// Every page address opens the app shell; the app's own router takes it from there. The sync server's paths
// are left to the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
