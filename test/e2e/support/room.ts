/**
 * The room view's e2e tests on one tablet (roomLogFails, roomSteps): the app's server and Chromium for the file,
 * and for each test a fresh tablet with the demo session open in its room view.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { filesTablet, openDemo, type FilesTablet } from '../pages/files';
import { Room, stubShareSheet } from '../pages/Room';
import { launchBrowser } from './browser';
import { serveApp } from './server';

interface RoomOptions {
  /** The share sheet stubbed as Chromium's on Android (../pages/Room.ts); without it this Chromium has none. */
  shareSheet?: boolean;
  /** Runs on the tablet's browser context before the app first loads (init scripts of the test's own). */
  prepare?: (context: BrowserContext) => Promise<unknown>;
}

/**
 * Starts the app's server and Chromium before this file's tests and stops them after. `inRoom` runs `use` on a
 * fresh tablet (its own storage) with the demo session open in its room view, and closes the tablet after.
 */
export function roomTests(): {
  inRoom: (options: RoomOptions, use: (t: FilesTablet, room: Room) => Promise<void>) => Promise<void>;
} {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveApp>>;

  beforeAll(async () => {
    server = await serveApp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    inRoom: async ({ shareSheet = false, prepare }, use) => {
      const t = await filesTablet(browser);
      try {
        if (shareSheet) await stubShareSheet(t.context);
        if (prepare) await prepare(t.context);
        await openDemo(t.page, server.url);
        const room = new Room(t.page);
        await room.open();
        await use(t, room);
      } finally {
        await t.context.close();
      }
    },
  };
}
