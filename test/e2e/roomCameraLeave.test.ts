/**
 * Review of issue 13: the room's camera steps turn the camera off when the facilitator leaves the room with the
 * camera still on (the dashboard link, or the browser's Back), not only with Stop. The camera is a canvas stream
 * (getUserMedia replaced in the page) whose streams are kept, so the test can see their tracks ended.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesTablet, openDemo, type FilesTablet } from './pages/files';
import { Room } from './pages/Room';
import { launchBrowser } from './support/browser';
import { serveApp } from './support/server';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveApp>>;
const tablets: FilesTablet[] = [];

beforeAll(async () => {
  server = await serveApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const t of tablets) await t.context.close();
  await browser?.close();
  await server?.close();
});

/** A tablet in the demo session's room, with a camera that is a canvas and keeps every stream it gave. */
async function tabletInRoom(): Promise<FilesTablet> {
  const t = await filesTablet(browser);
  tablets.push(t);
  await t.context.addInitScript(() => {
    const kept: MediaStream[] = [];
    (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams = kept;
    navigator.mediaDevices.getUserMedia = () => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      canvas.getContext('2d')!.fillRect(0, 0, 640, 480);
      const stream = canvas.captureStream(10);
      kept.push(stream);
      return Promise.resolve(stream);
    };
  });
  await openDemo(t.page, server.url);
  await new Room(t.page).open();
  return t;
}

/** How many camera streams the page opened, and how many of their tracks are still live. */
function cameraUse(page: Page): Promise<{ opened: number; live: number }> {
  return page.evaluate(() => {
    const streams = (window as unknown as { cameraStreams?: MediaStream[] }).cameraStreams ?? [];
    return {
      opened: streams.length,
      live: streams.flatMap((s) => s.getTracks()).filter((track) => track.readyState === 'live').length,
    };
  });
}

describe('the room’s camera when the facilitator leaves', () => {
  it('Given "Send by camera" reading with the camera on, when the facilitator goes back to the dashboard, then the camera is off', async () => {
    const { page } = await tabletInRoom();
    const panel = page.getByRole('region', { name: 'Send this tablet’s ideas', exact: true });
    await panel.getByRole('button', { name: 'Send by camera', exact: true }).click();
    const step = panel.getByRole('region', { name: 'Send by camera', exact: true });
    await step.getByRole('button', { name: 'Start the camera', exact: true }).click();
    await step.getByRole('group', { name: 'Camera view' }).waitFor();
    await expect.poll(() => cameraUse(page)).toEqual({ opened: 1, live: 1 });

    await page.getByRole('link', { name: 'Back to the dashboard' }).click();
    await page.waitForURL(/#\/session\/[A-Za-z0-9-]+$/);
    await expect.poll(() => cameraUse(page)).toEqual({ opened: 1, live: 0 });
  }, 120_000);

  it('Given "Receive by camera" reading with the camera on, when the facilitator presses the browser’s Back, then the camera is off', async () => {
    const { page } = await tabletInRoom();
    const panel = page.getByRole('region', { name: 'Receive a tablet’s ideas', exact: true });
    await panel.getByRole('button', { name: 'Receive by camera', exact: true }).click();
    const step = panel.getByRole('region', { name: 'Receive by camera', exact: true });
    await step.getByRole('button', { name: 'Next: read the sending tablet’s codes' }).click();
    await step.getByRole('group', { name: 'Camera view' }).waitFor();
    await expect.poll(() => cameraUse(page)).toEqual({ opened: 1, live: 1 });

    await page.goBack();
    await page.waitForURL(/#\/session\/[A-Za-z0-9-]+$/);
    await expect.poll(() => cameraUse(page)).toEqual({ opened: 1, live: 0 });
  }, 120_000);
});
