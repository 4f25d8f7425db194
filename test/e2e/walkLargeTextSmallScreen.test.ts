/**
 * Larger text on a small screen (WCAG 1.4.4 and 1.4.10): a 1024x768 tablet at 200% zoom is 512x384 CSS px, a phone
 * is 320x640. The "Still there?" warning was centred in a fixed overlay that did not scroll: at 512x384 with larger
 * text it stood 608 px tall in a 384 px window, its heading above the top and its button half below the bottom, out
 * of reach. Now the overlay scrolls and the warning starts at its top when it does not fit. In a Polish turn at
 * 320 px with larger text, "A little about you" scrolled sideways: "(nieobowiązkowe)" in each question's heading
 * could not wrap.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newTablet, openDemoDashboard } from './support/tablet';
import { axeViolations } from './support/axe';
import { settleLayout } from './support/layout';
import { Kiosk } from './pages/Kiosk';
import { LOCALES, loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

beforeAll(async () => {
  await loadLanguage('pl');
});

/** Where the warning's heading and button are, and whether scrolling the overlay brings each fully into view. */
async function warningReach(page: Page): Promise<{
  heading: { top: number; bottom: number };
  button: { top: number; bottom: number };
  viewport: number;
  overlayScrolls: boolean;
}> {
  return page.evaluate(() => {
    const overlay = document.querySelector<HTMLElement>('.kiosk-overlay')!;
    const dialog = overlay.querySelector<HTMLElement>('[role="alertdialog"]')!;
    const box = (el: Element): { top: number; bottom: number } => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    };
    // Scroll the overlay as a finger would, to each end, and measure there: what cannot be reached stays outside.
    overlay.scrollTop = 0;
    const heading = box(dialog.querySelector('h2')!);
    overlay.scrollTop = overlay.scrollHeight;
    const button = box(dialog.querySelector('button')!);
    overlay.scrollTop = 0;
    const { overflowY } = getComputedStyle(overlay);
    return {
      heading,
      button,
      viewport: window.innerHeight,
      overlayScrolls: overflowY === 'auto' || overflowY === 'scroll',
    };
  });
}

describe('larger text on a small screen', () => {
  it.each([
    { width: 512, height: 384 },
    { width: 320, height: 640 },
  ])(
    'Given a resident with larger text on “Add your idea” at $width x $height, when the “Still there?” warning shows, then its heading and its button can each be scrolled fully into view, and axe finds nothing',
    async (viewport) => {
      const { context, page, errors } = await newTablet(app.browser);
      try {
        await page.clock.install();
        const { dashboard } = await openDemoDashboard(page, app.url);
        await dashboard.startKiosk();
        const kiosk = new Kiosk(page);
        await page.setViewportSize(viewport);
        await kiosk.beginTurnIn('en', true);
        await kiosk.openFromMenu('Add your idea');
        // Nothing typed: on a small screen the field is below the fold, and the scroll that typing into it makes
        // arrives in a real frame, maybe after the clock has stopped, where it counts as the resident's activity.

        await kiosk.stopTime();
        await kiosk.idleUntilWarning();
        // Attached, not "visible": with the page's clock stopped, a wait for visibility does not answer here.
        await kiosk.idleDialog.waitFor({ state: 'attached' });

        // Taking focus scrolls the warning to its button: that is not the resident's answer, it stays open.
        await page.clock.runFor(200);
        expect(await kiosk.idleDialog.count()).toBe(1);
        const reach = await warningReach(page);
        expect(reach.heading.top, 'the heading’s top').toBeGreaterThanOrEqual(0);
        expect(reach.heading.bottom, 'the heading’s bottom').toBeLessThanOrEqual(reach.viewport);
        expect(reach.button.top, 'the button’s top').toBeGreaterThanOrEqual(0);
        expect(reach.button.bottom, 'the button’s bottom').toBeLessThanOrEqual(reach.viewport);
        expect(reach.overlayScrolls).toBe(true);
        expect(await axeViolations(page, { clockStopped: true })).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('Given a Polish turn with larger text on a 320 px phone, when “A little about you” shows, then the page does not scroll sideways, and axe finds nothing', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.changeSettings({ languages: [LOCALES.pl!.name] });
      await dashboard.startKiosk();
      await page.setViewportSize({ width: 320, height: 640 });
      const kiosk = new Kiosk(page);
      const t = makeTranslator('pl');
      await kiosk.waitFor('Welcome');
      await kiosk.tap(LOCALES.pl!.name, t('kiosk.welcome.title'));
      await kiosk.tap(t('kiosk.welcome.largeText'));
      await kiosk.tap(t('kiosk.welcome.start'));
      await kiosk.tap(t('kiosk.consent.agree'), t('kiosk.about.title'));
      await settleLayout(page);

      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
