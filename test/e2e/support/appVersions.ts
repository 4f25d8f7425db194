/**
 * A council upgrading its server, in one test: the built app served from a folder of its own, and each
 * `publishNext()` puts the next version of the app at the same address (the same server, as after
 * `git pull && systemctl restart`). A version is the build under test with its number in index.html
 * (`<meta name="app-version">`), so its sw.js differs (index.html's precache revision) and the browser's next
 * check for an update finds it; only those two files change, as only they would for a change of words.
 *
 * Chromium checks for a new version by itself about a second after a page it serves has loaded and gone quiet
 * (on every navigation). A test of the app's own checks publishes only once that check is over
 * (`navigateSettled`), so that what finds the new version is the app, not the browser's check racing the test.
 */
import type { IncomingMessage } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { goHome } from '../pages/files';
import { startServer, type RunningServer } from '../../../src/server/app';
import { DIST } from './server';
import type { BrowserAndCouncil } from './setup';

export class AppVersions {
  /** The version the server gives now, from 1. */
  version = 0;
  /** How many times the server has given sw.js: each is a check for a new version (or the first install). */
  swFetches = 0;

  private constructor(
    readonly browser: Browser,
    private readonly appDir: string,
    readonly dataDir: string,
    readonly server: RunningServer,
  ) {}

  /** The server with version 1 of the app and a council (enrolment and sync) on a temp data folder. */
  static async start(browser: Browser): Promise<AppVersions & BrowserAndCouncil> {
    const appDir = mkdtempSync(join(tmpdir(), 'codesign-versions-'));
    cpSync(DIST, appDir, { recursive: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'codesign-versions-data-'));
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      distDir: appDir,
      dataDir,
      log: () => undefined,
    });
    const versions = new AppVersions(browser, appDir, dataDir, server);
    // Beside the server's own handler: it only counts.
    server.server.on('request', (req: IncomingMessage) => {
      if (req.url === '/sw.js') versions.swFetches += 1;
    });
    versions.publishNext();
    return versions;
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.port}/`;
  }

  /**
   * Opens the home screen until the app's service worker controls the page (the first visit installs it; the
   * reload is the first page it serves), and waits for the browser's own check after that reload.
   */
  async install(page: Page): Promise<void> {
    await goHome(page, this.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await this.navigateSettled(() => goHome(page, this.url));
  }

  /**
   * Runs `navigate` (a load of a page the service worker serves) and waits until the browser's own check for a
   * new version after it has asked the server. Only the first visit fetches sw.js otherwise (register() of the
   * same script checks nothing), and it is over before the worker is ready.
   */
  async navigateSettled(navigate: () => Promise<unknown>): Promise<void> {
    const before = this.swFetches;
    await navigate();
    await expect.poll(() => this.swFetches).toBeGreaterThan(before);
  }

  /** The server gives the next version from now on. */
  publishNext(): number {
    this.version += 1;
    const marker = `<meta name="app-version" content="${this.version}" />`;
    const html = readFileSync(join(DIST, 'index.html'), 'utf8').replace('</head>', `${marker}\n</head>`);
    writeFileSync(join(this.appDir, 'index.html'), html);
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const revised = sw.replace(
      /("revision":")[0-9a-f]+(","url":"index\.html")/,
      `$1version-${this.version}$2`,
    );
    if (revised === sw) throw new Error('index.html is not in sw.js’s precache list as expected');
    writeFileSync(join(this.appDir, 'sw.js'), revised);
    return this.version;
  }

  async close(): Promise<void> {
    await this.server.close();
    rmSync(this.appDir, { recursive: true, force: true });
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The version of the app the page runs (the one its index.html came with). */
export function runningVersion(page: Page): Promise<number> {
  return page.evaluate(() =>
    Number(document.querySelector('meta[name="app-version"]')?.getAttribute('content') ?? 0),
  );
}

/** Waits until the browser has installed a new version that waits beside the one serving the page. */
export async function waitForWaitingVersion(page: Page): Promise<void> {
  // Polled from here: page.waitForFunction takes an async function's promise for a true answer.
  // Installing fetches what changed and checks the rest: seconds, several times that on a busy machine.
  await expect
    .poll(
      () =>
        page.evaluate(
          async () => ((await navigator.serviceWorker.getRegistration())?.waiting ?? null) !== null,
        ),
      { timeout: 60_000 },
    )
    .toBe(true);
}
