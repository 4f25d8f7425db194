/**
 * Sharing a session file to the installed app (the manifest's share target): the service worker takes the
 * POST, keeps the files, opens the home screen, and the home screen offers them for import like chosen files.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilesDashboard, FilesSection, filesTablet, openDemo, sessionIdOf } from './pages/files';
import { launchBrowser } from './support/browser';
import { serveApp } from './support/server';
import { installApp, shareTargetOf, shareToApp } from './support/shareTarget';

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'codesign-share-'));
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('share target', () => {
  it('Given a session file shared from another app, when the app opens, then the home screen offers it and adds the session', async () => {
    const server = await serveApp();
    const a = await filesTablet(browser);
    const b = await filesTablet(browser);
    try {
      // Given: a session file saved on tablet A.
      const sessionId = await openDemo(a.page, server.url);
      const file = join(dir, 'shared.codesign');
      await new FilesDashboard(a.page).saveFile(file);

      // And tablet B has the app installed (its service worker controls the page).
      await installApp(b.page, server.url);
      const target = await shareTargetOf(server.url);

      // When: the platform shares the file: a multipart POST to the manifest's share_target action.
      await shareToApp(b.page, target, { name: 'shared.codesign', bytes: [...readFileSync(file)] });

      // Then: the home screen previews it as a new session and adds it.
      const home = new FilesSection(b.page, 'Import a session file');
      const [preview] = await home.preview();
      expect(preview).toMatch(/^A new session: “Northmoor: what should the pot pay for\?”/);
      expect(await b.page.evaluate(() => location.hash)).toBe('#/');
      await home.button('Add this session to the tablet').click();
      await b.page.getByRole('heading', { level: 1, name: 'Unlock facilitator mode' }).waitFor();
      expect(sessionIdOf(b.page.url())).toBe(sessionId);
      // The shared copy does not linger on the tablet (let go after the import: polled, not read once).
      await expect
        .poll(() =>
          b.page.evaluate(async () => (await (await caches.open('codesign-shared-files')).keys()).length),
        )
        .toBe(0);
      expect(target.method).toBe('POST');
      expect([...a.errors, ...b.errors]).toEqual([]);
    } finally {
      await a.context.close();
      await b.context.close();
      await server.close();
    }
  });
});
