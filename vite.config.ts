import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

// One config for the app build and both test projects (unit in Node, e2e driving Chromium).
export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json,woff2}'],
        maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  // Dexie's own ES-module build rather than its package entry, which wraps the UMD file (dexie/import-wrapper.mjs)
  // to guard against two copies in one page: the app bundles one copy, and the module file minifies 1.9 KB gzip
  // smaller in the resident's first download (the same Dexie 4 release, built for ES2018+; our target is ES2022).
  resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
  // The officer view's counting worker (src/ui/officer/counting/) is a module worker.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      output: {
        // Each language's catalogue is named by its language and part (i18n-ur-resident-….js), so the precache,
        // the offline test and the bench can tell them apart.
        chunkFileNames: (chunk) => {
          const m = /i18n\/(\w+)\/(resident|staff)\.ts$/.exec(chunk.facadeModuleId ?? '');
          return m ? `assets/i18n-${m[1]}-${m[2]}-[hash].js` : 'assets/[name]-[hash].js';
        },
        codeSplitting: {
          // Everything the first screen imports statically in one file. Left to itself rolldown 1.2/1.3 moves
          // preact, the core catalogues and a few domain modules out of the entry into common chunks as soon as
          // enough lazy chunks share them (rolldown/rolldown#10731): five files to fetch and run instead of one.
          // '$initial' marks exactly the modules statically reachable from the entry, so lazy chunks stay lazy.
          // The kiosk's later steps (src/ui/kiosk/laterSteps.ts) come as one file with the small modules they
          // share with staff screens (a field, money, text limits), not one chunk for each of those.
          groups: [
            { name: 'index', tags: ['$initial'], priority: 2 },
            { name: 'laterSteps', test: /src[\\/]ui[\\/]kiosk[\\/]laterSteps\.ts$/, priority: 1 },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/unit/setup.ts'],
          // The files run one after another in one worker that keeps its imports (Yjs, the server, the
          // catalogues); vitest gives a 2-core machine one worker anyway. Quiet machine, whole project: 284-293 s
          // CPU, 228-259 s wall (three runs, every test passing) against 415 s CPU, 383 s wall isolated. Each file
          // still opens its own servers, SQLite files and IndexedDB factories; no unit file mocks modules.
          isolate: false,
          // Generous, so a busy 2-core machine never fails a right test; speed goals live in `npm run bench`.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // The files run one after another in one worker that keeps its imports (the app's server, Yjs, the
          // catalogues): re-importing them for each file cost about 1.5 s of CPU a file, a fifth of a small file's
          // run. Each file still starts its own browser and servers; no e2e file mocks modules (vi.mock) or keeps
          // state in a shared module, and the server's once-per-process patches (src/server/stateCache.ts, log.ts)
          // are made for many servers in one process.
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A screen that updates is polled until it shows the figure; vitest's default 1 s would make a busy
          // 2-core machine fail a test that is right. Polls still end as soon as the figure is there.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
