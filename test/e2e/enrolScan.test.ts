/**
 * Enrolling a tablet by scanning the admin's QR code, in Chromium against the real server on 127.0.0.1 (a free
 * port, a temporary DATA_DIR). The QR codes are real: made with uqr (as the admin CLI does) from real enrolment
 * codes, played to Chromium as its fake camera (a Y4M video) or handed over as a photo (a PNG). This Chromium has
 * no BarcodeDetector, so the JavaScript decoder is the one tested. Every getUserMedia stream the page opens is
 * recorded, to check the camera is turned off.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app';
import { createEnrolCode, listDevices } from '../../src/server/devices';
import { loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { Home } from './pages/Home';
import { axeViolations } from './support/axe';
import { launchBrowser } from './support/browser';
import { launchWithCamera, qrPng, writeQrVideo } from './support/qrPictures';
import { DIST } from './support/server';
import { smallTargets } from './support/targets';
import { newTablet, openNewSessionDashboard, type Tablet } from './support/tablet';

let server: RunningServer;
let url: string;
let dataDir: string;
let cameraCode: string;
/** Its camera shows the QR code of `cameraCode`. */
let qrCamera: Browser;
/** Its camera shows a blank page. */
let blankCamera: Browser;
/** Its camera shows a poster's QR code: a web address, not an enrolment code. */
let posterCamera: Browser;
/** Its camera prompt is answered "block". */
let blockedCamera: Browser;
/** No camera flags: photos only. */
let plain: Browser;
const tablets: Tablet[] = [];

function code(name: string): string {
  return createEnrolCode(server.store!, 'facilitator', name).code;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'codesign-scan-e2e-'));
  await loadLanguage('cy', 'staff');
  server = await startServer({ port: 0, host: '127.0.0.1', distDir: DIST, dataDir, log: () => undefined });
  url = `http://127.0.0.1:${server.port}/`;
  cameraCode = code('Camera tablet');
  writeQrVideo(join(dataDir, 'qr.y4m'), cameraCode);
  writeQrVideo(join(dataDir, 'blank.y4m'), null);
  writeQrVideo(join(dataDir, 'poster.y4m'), 'https://council.example/consultation');
  [qrCamera, blankCamera, posterCamera, blockedCamera, plain] = await Promise.all([
    launchWithCamera(join(dataDir, 'qr.y4m')),
    launchWithCamera(join(dataDir, 'blank.y4m')),
    launchWithCamera(join(dataDir, 'poster.y4m')),
    launchWithCamera(join(dataDir, 'blank.y4m'), { refuse: true }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  for (const t of tablets) await t.context.close();
  for (const b of [qrCamera, blankCamera, posterCamera, blockedCamera, plain]) await b?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function tablet(browser: Browser): Promise<Tablet> {
  const t = await newTablet(browser);
  tablets.push(t);
  // An edge probe, not a mock: the real stream is returned and also kept, so a test can see its tracks ended.
  await t.page.addInitScript(() => {
    const media = navigator.mediaDevices;
    if (!media) return;
    const open = media.getUserMedia.bind(media);
    const kept: MediaStream[] = [];
    (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams = kept;
    media.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      kept.push(stream);
      return stream;
    };
  });
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

function codeField(region: Locator): Locator {
  return region.getByRole('textbox', { name: /^Enrolment code/ });
}

/** What the scanner says in its live region. */
function scanWords(region: Locator): Locator {
  return region.locator('.sync-scan__words');
}

async function homeCouncil(page: Page): Promise<Locator> {
  await new Home(page).goto(url);
  const council = page.getByRole('region', { name: 'Sessions from the council', exact: true });
  await codeField(council).waitFor();
  return council;
}

async function choosePhoto(region: Locator, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await region.locator('input[type=file][name=enrolCodePhoto]').setInputFiles({ name, mimeType, buffer });
}

describe('scanning the enrolment code', () => {
  it('Given a camera that sees no code, when the facilitator opens the scanner, then it says what to do, is accessible, and Stop turns the camera off and keeps what was typed', async () => {
    const { page, errors } = await tablet(blankCamera);
    const council = await homeCouncil(page);
    await codeField(council).fill('7K2M 9Q');
    await council.getByRole('button', { name: 'Scan the code', exact: true }).click();

    const view = council.getByRole('group', { name: 'Camera view', exact: true });
    await view.waitFor();
    await expect
      .poll(() => scanWords(council).textContent())
      .toBe('Point the camera at the code. Hold it still.');
    expect(await scanWords(council).getAttribute('aria-live')).toBe('polite');
    // The camera is on and its picture is shown.
    expect(await cameraUse(page)).toEqual({ opened: 1, live: 1 });
    await expect.poll(() => view.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(640);
    // The keyboard focus is on Stop, so the camera can be turned off at once (moved in an effect: polled).
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Stop');
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTargets(page, 44)).toEqual([]);

    await page.keyboard.press('Enter');
    await view.waitFor({ state: 'detached' });
    // What the scanner says and the camera's tracks ending may follow the view going: polled.
    await expect.poll(() => scanWords(council).textContent()).toBe('Camera stopped.');
    await expect.poll(() => cameraUse(page)).toEqual({ opened: 1, live: 0 });
    expect(await codeField(council).inputValue()).toBe('7K2M 9Q');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Scan the code');
    expect(listDevices(server.store!)).toEqual([]);
    // Staff switch to Cymraeg: the line says the same in Welsh (it stayed English before).
    await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
    await expect
      .poll(() => page.locator('.sync-scan__words').textContent())
      .toBe(makeTranslator('cy')('sync.scan.stopped'));
    expect(errors).toEqual([]);
  });

  it('Given another QR code in front of the camera, when the facilitator scans, then it says it is not an enrolment code and keeps looking', async () => {
    const { page, errors } = await tablet(posterCamera);
    const council = await homeCouncil(page);
    await codeField(council).fill('7K2M');
    await council.getByRole('button', { name: 'Scan the code', exact: true }).click();

    await expect
      .poll(() => scanWords(council).textContent())
      .toBe(
        'This QR code is not an enrolment code. Point the camera at the code your council admin gave you.',
      );
    // Still looking: the camera stays on, nothing was sent, the typed text is untouched.
    expect(await council.getByRole('group', { name: 'Camera view' }).count()).toBe(1);
    expect(await cameraUse(page)).toEqual({ opened: 1, live: 1 });
    expect(await codeField(council).inputValue()).toBe('7K2M');
    expect(await axeViolations(page)).toEqual([]);

    // Leaving the screen (to the demo's PIN screen, in the same page) turns the camera off.
    await new Home(page).openDemo();
    await council.waitFor({ state: 'detached' });
    await expect.poll(() => cameraUse(page)).toEqual({ opened: 1, live: 0 });
    expect(listDevices(server.store!)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('Given the admin’s QR code in front of the camera, when the facilitator scans it on the dashboard, then the code is read and the device is enrolled', async () => {
    const { page, errors } = await tablet(qrCamera);
    await openNewSessionDashboard(page, url);
    const sync = page.getByRole('region', { name: 'Council sync', exact: true });
    await codeField(sync).fill('typed before scanning');
    await sync.getByRole('button', { name: 'Scan the code', exact: true }).click();

    await expect
      .poll(() =>
        sync
          .locator('.sync-enrolled')
          .textContent()
          .catch(() => ''),
      )
      .toMatch(/^Enrolled with http:\/\/127\.0\.0\.1:\d+ as a facilitator device since /);
    const devices = listDevices(server.store!);
    expect(devices).toHaveLength(1);
    expect(devices[0]!.role).toBe('facilitator');
    await expect.poll(() => cameraUse(page)).toEqual({ opened: 1, live: 0 });
    expect(errors).toEqual([]);
  });

  it('Given a code already used, when another tablet scans it, then the field holds the scanned code and the refusal is said in words', async () => {
    const { page, errors } = await tablet(qrCamera);
    const council = await homeCouncil(page);
    await codeField(council).fill('ABC');
    await council.getByRole('button', { name: 'Scan the code', exact: true }).click();

    await expect
      .poll(() =>
        council
          .getByRole('alert')
          .textContent()
          .catch(() => ''),
      )
      .toBe('This code has already been used. Ask your council admin for a new one.');
    expect(await codeField(council).inputValue()).toBe(cameraCode);
    expect(await scanWords(council).textContent()).toBe('Code found.');
    await expect.poll(() => cameraUse(page)).toEqual({ opened: 1, live: 0 });
    expect(listDevices(server.store!)).toHaveLength(1);
    expect(await axeViolations(page)).toEqual([]);
    // The server's 400 answer is the one resource error Chromium logs.
    expect(errors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
  });

  it('Given the camera is blocked for this site, when the facilitator presses Scan, then it says so and what was typed stays', async () => {
    const { page, errors } = await tablet(blockedCamera);
    const council = await homeCouncil(page);
    await codeField(council).fill('7K2M');
    await council.getByRole('button', { name: 'Scan the code', exact: true }).click();

    await expect
      .poll(() =>
        council
          .getByRole('alert')
          .textContent()
          .catch(() => ''),
      )
      .toBe(
        'The camera is not allowed for this app. Allow the camera in the browser’s settings for this site, or use a photo of the code, or type it.',
      );
    expect(await codeField(council).inputValue()).toBe('7K2M');
    expect(await codeField(council).getAttribute('aria-invalid')).toBeNull();
    expect(await council.getByRole('group', { name: 'Camera view' }).count()).toBe(0);
    expect(await cameraUse(page)).toEqual({ opened: 0, live: 0 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Scan the code');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('Given photos, when one has no code, another an unrelated QR code, another is not a picture, then each is said in words and the typed text stays; a photo of the code enrols the device', async () => {
    const { page, errors } = await tablet(plain);
    const council = await homeCouncil(page);
    await codeField(council).fill('7K2M');
    const alert = council.getByRole('alert');

    await choosePhoto(council, 'blank.png', 'image/png', qrPng(null));
    await expect
      .poll(() => alert.textContent().catch(() => ''))
      .toBe(
        'No QR code was found in this photo. Take the photo again, closer and in good light, or type the code.',
      );
    expect(await codeField(council).inputValue()).toBe('7K2M');
    expect(await axeViolations(page)).toEqual([]);

    await choosePhoto(council, 'poster.png', 'image/png', qrPng('https://council.example/consultation'));
    await expect
      .poll(() => alert.textContent().catch(() => ''))
      .toBe(
        'The QR code in this photo is not an enrolment code. Use a photo of the code your council admin gave you, or type it.',
      );
    expect(await codeField(council).inputValue()).toBe('7K2M');

    await choosePhoto(council, 'notes.png', 'image/png', Buffer.from('not a picture at all'));
    await expect
      .poll(() => alert.textContent().catch(() => ''))
      .toBe(
        'This file could not be opened as a picture. Choose a photo of the code (JPEG or PNG), or type the code.',
      );
    expect(await codeField(council).inputValue()).toBe('7K2M');
    expect(listDevices(server.store!)).toHaveLength(1);

    const photoCode = code('Photo tablet');
    writeFileSync(join(dataDir, 'code.png'), qrPng(photoCode));
    await council.locator('input[type=file][name=enrolCodePhoto]').setInputFiles(join(dataDir, 'code.png'));
    await council.getByRole('button', { name: 'Get sessions from the council', exact: true }).waitFor();
    expect(listDevices(server.store!)).toHaveLength(2);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
