/** A browser that cannot store anything gets a plain explanation instead of an app that would lose data. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { launchBrowser } from './support/browser';
import { serveApp } from './support/server';
import { newTablet } from './support/tablet';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('no storage', () => {
  it('Given a browser without IndexedDB, when the app opens, then it says why it cannot be used and offers nothing to type into', async () => {
    const server = await serveApp();
    const { context, page, errors } = await newTablet(browser);
    try {
      await context.addInitScript(() => {
        Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
      });
      await page.goto(server.url);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toContain('This browser cannot store anything');
      expect(await page.locator('input, textarea, button').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
  });
});
