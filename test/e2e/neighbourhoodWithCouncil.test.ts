/**
 * Issue 12 §5 in Chromium against the real server: once a session has synced with the council, the settings
 * form shows its neighbourhood read-only and says, in words, that moving it needs a council officer (the server
 * refuses the change from a facilitator's tablet: src/server/neighbourhoodRule.ts). Before the first sync the
 * field can be changed as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app';
import { createEnrolCode } from '../../src/server/devices';
import { axeViolations } from './support/axe';
import { launchBrowser } from './support/browser';
import { DIST } from './support/server';
import { newTablet, openDemoDashboard, type Tablet } from './support/tablet';

let browser: Browser;
let server: RunningServer;
let url: string;
let dataDir: string;
let tablet: Tablet | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'codesign-neighbourhood-e2e-'));
  server = await startServer({ port: 0, host: '127.0.0.1', distDir: DIST, dataDir, log: () => undefined });
  url = `http://127.0.0.1:${server.port}/`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await tablet?.context.close();
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function neighbourhood(page: Page) {
  return page.getByRole('textbox', { name: /^Neighbourhood/ });
}

describe('the neighbourhood of a session the council holds', () => {
  it('Given the demo before and after its first sync, Then its neighbourhood is editable before and read-only, with the reason in words, after', async () => {
    tablet = await newTablet(browser);
    const { page } = tablet;
    const { sessionId } = await openDemoDashboard(page, url);

    await page.goto(`${url}#/session/${sessionId}/edit`);
    expect(await neighbourhood(page).isEditable()).toBe(true);
    expect(await page.getByText(/needs a council officer/).count()).toBe(0);

    await page.goto(`${url}#/session/${sessionId}`);
    const sync = page.getByRole('region', { name: 'Council sync', exact: true });
    await sync.scrollIntoViewIfNeeded();
    await sync
      .getByRole('textbox', { name: /^Enrolment code/ })
      .fill(createEnrolCode(server.store!, 'facilitator', 'Tablet N').code);
    await sync.getByRole('button', { name: 'Enrol this device', exact: true }).click();
    await expect
      .poll(() => sync.getByRole('status').textContent(), { timeout: 15_000 })
      .toMatch(/^Synced at/);

    await page.goto(`${url}#/session/${sessionId}/edit`);
    await page.getByText(/moving it to another neighbourhood needs a council officer/).waitFor();
    expect(await neighbourhood(page).isEditable()).toBe(false);
    expect(await neighbourhood(page).inputValue()).toBe('Northmoor');
    expect(await axeViolations(page)).toEqual([]);
    expect(tablet.errors).toEqual([]);
  });
});
