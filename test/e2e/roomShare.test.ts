/**
 * Sending a session file to a nearby device from the room view through the system share sheet (Quick Share,
 * AirDrop), and receiving that same file through the app's share target. The share sheet is Chromium's as on
 * Android, stubbed (headless Chromium on Linux has none): it accepts only the file types on Chromium's list, so
 * the room must find one (text/plain, .codesign.txt) that the manifest's share target also accepts. A browser
 * with no share sheet (this Chromium, unstubbed) is told so in words, with "Save the file" and the camera.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilesSection, filesTablet, openDemo, sessionIdOf } from './pages/files';
import { Room, stubShareSheet, takeShared } from './pages/Room';
import { axeViolations } from './support/axe';
import { launchBrowser } from './support/browser';
import { serveApp } from './support/server';
import { installApp, shareTargetOf, shareToApp } from './support/shareTarget';
import { smallTargets } from './support/targets';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('room: send to a nearby device', () => {
  it('Given the room view on a tablet with a share sheet, when "Send to a nearby device" is tapped, then the sheet gets the session as text/plain .codesign.txt, and the share target adds it on another tablet', async () => {
    const server = await serveApp();
    const a = await filesTablet(browser);
    const b = await filesTablet(browser);
    try {
      await stubShareSheet(a.context);
      // Given: tablet A's demo session, its room view.
      const sessionId = await openDemo(a.page, server.url);
      const room = new Room(a.page);
      await room.open();
      expect(a.page.url()).toMatch(new RegExp(`#/session/${sessionId}/room$`));
      expect(await axeViolations(a.page)).toEqual([]);
      expect(await smallTargets(a.page, 44)).toEqual([]);

      // When: "Send to a nearby device".
      await room.share('Send this tablet’s ideas');

      // Then: the share sheet was given one session file in a form Chromium shares.
      const shared = await takeShared(a.page);
      expect(shared).toHaveLength(1);
      const [file] = shared;
      expect(file!.type).toBe('text/plain');
      expect(file!.name).toMatch(/^northmoor-\d{4}-\d{2}-\d{2}-\d{4}-tablet-[0-9a-f]{4}\.codesign\.txt$/);
      expect(Buffer.from(file!.bytes.slice(0, 33)).toString('latin1')).toBe(
        'neighbourhood-codesign-session 1\n',
      );
      // And the room's log says what went (written after the sheet resolved and read back: polled, not read once;
      // read once, it failed under load in a clean-clone CI run).
      await expect
        .poll(() => room.logLines(), { timeout: 30_000 })
        .toEqual([
          expect.stringMatching(/^\d{2}:\d{2}: sent by share sheet \(.+\) to the devices picked there\.$/),
        ]);

      // And the hand back step is just as usable, from the keyboard too: Tab to "2. Hand back", Enter.
      await room.step('1. Gather').focus();
      await a.page.keyboard.press('Tab');
      expect(await a.page.evaluate(() => document.activeElement?.textContent)).toBe('2. Hand back');
      await a.page.keyboard.press('Enter');
      expect(await room.step('2. Hand back').getAttribute('aria-pressed')).toBe('true');
      await a.page.keyboard.press('Tab');
      // The focused button reads "Getting the file ready…" until the step's file is made, then "Send to a nearby
      // device" (the same button): polled, since under load the file may not be ready yet.
      await expect
        .poll(() => a.page.evaluate(() => document.activeElement?.textContent), { timeout: 30_000 })
        .toBe('Send to a nearby device');
      await room
        .panel('Send the room’s ideas')
        .getByRole('button', { name: 'Send to a nearby device' })
        .waitFor();
      expect(await axeViolations(a.page)).toEqual([]);
      expect(await smallTargets(a.page, 44)).toEqual([]);

      // When: tablet B (the app installed, its service worker in control) receives the file through the share
      // target, as Android hands a shared file to the app: a multipart POST to the manifest's action.
      await installApp(b.page, server.url);
      const target = await shareTargetOf(server.url);
      // Android offers the app for a shared file only when the share target accepts its type or extension.
      expect(target.params.files[0]!.accept).toEqual(expect.arrayContaining(['text/plain', '.txt']));
      await shareToApp(b.page, target, file!);

      // Then: the home screen previews it as the new session and adds it.
      const home = new FilesSection(b.page, 'Import a session file');
      const [preview] = await home.preview();
      expect(preview).toMatch(/^A new session: “Northmoor: what should the pot pay for\?”/);
      await home.button('Add this session to the tablet').click();
      await b.page.getByRole('heading', { level: 1, name: 'Unlock facilitator mode' }).waitFor();
      expect(sessionIdOf(b.page.url())).toBe(sessionId);

      // And B's own room view (this Chromium has no share sheet) says so in words and offers the other ways.
      await b.page.getByLabel('Facilitator PIN', { exact: true }).fill('1234');
      await b.page.getByRole('button', { name: 'Unlock', exact: true }).click();
      const roomB = new Room(b.page);
      await roomB.open();
      // The room on B knows what came from A through the share target: A's copy, all of which B now has. The
      // room reads its log after it opens: polled, not read once.
      await expect
        .poll(() => roomB.logLines(), { timeout: 30_000 })
        .toEqual([
          expect.stringMatching(
            /^\d{2}:\d{2}: received from Tablet [0-9a-f]{4} by share sheet \(.+\), \d+ new records\.$/,
          ),
        ]);
      await expect
        .poll(async () => Object.values(await roomB.states()), { timeout: 30_000 })
        .toEqual(['upToDate']);
      const send = roomB.panel('Send this tablet’s ideas');
      await send.getByRole('button', { name: 'Save the file', exact: true }).waitFor();
      expect((await send.locator('[data-share-unavailable]').textContent())?.trim()).toBe(
        'This browser cannot send files to nearby devices. Save the file and move it another way (USB stick or cable), or send by camera.',
      );
      expect(await send.getByRole('button', { name: 'Send to a nearby device' }).count()).toBe(0);
      await send.getByRole('button', { name: 'Send by camera', exact: true }).waitFor();
      expect(await axeViolations(b.page)).toEqual([]);
      expect([...a.errors, ...b.errors]).toEqual([]);
    } finally {
      await a.context.close();
      await b.context.close();
      await server.close();
    }
  });
});
