/**
 * The browser and server most e2e files share for all their tests: started in a beforeAll, closed in an afterAll.
 * Call one of these at the top of a test file; its own beforeAll hooks run after (so the server is up when they
 * seed it) and its own afterAll hooks run before (so its tablets close before the browser does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/app';
import { launchBrowser } from './browser';
import { DIST, serveApp } from './server';

/** What a test reads once the file's beforeAll has run. */
export interface BrowserAndApp {
  readonly browser: Browser;
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
}

export interface BrowserAndCouncil extends BrowserAndApp {
  /** The in-process council server (its store, for enrolment codes and checks). */
  readonly server: RunningServer;
  /** The council's temp data directory (its SQLite file), removed after the file's tests. */
  readonly dataDir: string;
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`No ${what} yet: it is started in the test file's beforeAll.`);
  return value;
}

/** Chromium and the built app served as `npm start` does, with no data directory (no council sync). */
export function useBrowserAndApp(): BrowserAndApp {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveApp>> | undefined;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      return started(browser, 'browser');
    },
    get url() {
      return started(server, 'app server').url;
    },
  };
}

/**
 * Chromium and a real council server (the built app and /sync on one port) on a real SQLite file in a temp
 * directory named `<prefix>…`, removed after.
 */
export function useBrowserAndCouncil(prefix: string): BrowserAndCouncil {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dataDir = dir;
    [browser, server] = await Promise.all([
      launchBrowser(),
      startServer({ port: 0, host: '127.0.0.1', distDir: DIST, dataDir: dir, log: () => undefined }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get browser() {
      return started(browser, 'browser');
    },
    get server() {
      return started(server, 'council server');
    },
    get url() {
      return `http://127.0.0.1:${started(server, 'council server').port}/`;
    },
    get dataDir() {
      return started(dataDir, 'data directory');
    },
  };
}
