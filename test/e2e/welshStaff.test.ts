/**
 * Issue 10: Welsh on staff screens (Welsh Language Standards: no less favourably than English). A facilitator
 * switches to Cymraeg once; the home, PIN, dashboard, session form and officer screens are then in Welsh (no
 * English of ours left, 0 axe violations), the choice is kept on the device, and the session form marks draft
 * translations. A Welsh-first session opens its kiosk in Welsh; large text is offered on the welcome screen and
 * lasts one turn; the back arrow turns round in right-to-left languages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';
import { axeViolations } from './support/axe';
import { englishCatalogue, englishFragments, englishOnScreen } from './support/catalogue';
import { LOCALES, loadLanguage, makeTranslator, type Translator } from '../../src/ui/i18n';
import type { Message } from '../../src/ui/i18n/types';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();
let english: Record<string, Message> = {};

beforeAll(async () => {
  await Promise.all([loadLanguage('cy'), loadLanguage('cy', 'staff'), loadLanguage('ar')]);
  english = await englishCatalogue();
});

async function screenProblems(page: Page, fragments: string[]): Promise<string[]> {
  const lang = await page.evaluate(() => document.documentElement.lang);
  return [
    ...(lang === 'cy' ? [] : [`<html lang> is ${lang}`]),
    ...(await englishOnScreen(page, fragments)).map((f) => `English left: "${f}"`),
    ...(await axeViolations(page)),
  ];
}

describe('staff screens in Welsh', () => {
  it('Given a facilitator chooses Cymraeg, then home, PIN, dashboard, session form and officer screens are in Welsh, drafts are marked, and the choice is kept', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    const t: Translator = makeTranslator('cy');
    const fragments = englishFragments(english, LOCALES.cy!.messages);
    const problems: Record<string, string[]> = {};
    const check = async (name: string): Promise<void> => {
      const found = await screenProblems(page, fragments);
      if (found.length > 0) problems[name] = found;
    };
    try {
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      const demo = page.getByRole('button', { name: t('home.demoOpen'), exact: true });
      await demo.waitFor();
      expect(
        await page.getByRole('button', { name: 'Cymraeg', exact: true }).getAttribute('aria-pressed'),
      ).toBe('true');
      await check('home');

      await demo.click();
      await page.getByRole('heading', { level: 1, name: t('fac.gate.heading') }).waitFor();
      await check('pin');
      await page.getByLabel(t('fac.gate.pinLabel'), { exact: true }).fill(DEMO.pin);
      await page.getByRole('button', { name: t('fac.gate.unlock'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: DEMO.title }).waitFor();
      await page.getByRole('button', { name: t('fac.dash.startKiosk') }).waitFor();
      await check('dashboard');
      // Chromium has no Welsh date data (Intl answers "November 24, 2026"): the session's date is written from
      // our own Welsh month names instead.
      const dashboardText = await page.locator('main').innerText();
      expect(dashboardText).toContain('24 Tachwedd 2026');
      expect(dashboardText).not.toMatch(/November|\bPM\b/);

      await page.getByRole('link', { name: t('fac.dash.edit') }).click();
      await page.getByRole('heading', { level: 1, name: t('fac.form.editHeading') }).waitFor();
      // Every language but English is a draft today: each says so where a facilitator turns it on.
      for (const code of ['cy', 'pl', 'ur', 'ar']) {
        const box = page.getByRole('checkbox', { name: LOCALES[code]!.name, exact: true });
        expect(await box.evaluate((el) => el.getAttribute('aria-describedby'))).toBeTruthy();
        const hint = await box.evaluate(
          (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
        );
        expect(hint, code).toBe(t('fac.form.languageDraft'));
      }
      await check('session form');

      // The choice is kept on this device: a reload stays in Welsh.
      await page.goto(`${app.url}/#/officer`);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: t('officer.heading') }).waitFor();
      await check('officer');

      expect(problems).toEqual({});
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the session’s first language, large text and direction on the kiosk', () => {
  it('Given Welsh is put first, when the kiosk opens, then it greets in Welsh; large text lasts one turn; the back arrow turns round only right to left', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    const cy = makeTranslator('cy');
    const ar = makeTranslator('ar');
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.openEditForm();
      for (const code of ['cy', 'ar']) {
        await page.getByRole('checkbox', { name: LOCALES[code]!.name, exact: true }).check();
      }
      await page
        .getByRole('group', { name: 'Language the welcome screen shows first' })
        .getByRole('radio', { name: 'Cymraeg', exact: true })
        .check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.locator('[data-save-state="saved"]').waitFor();
      await page.getByRole('link', { name: 'Back to the session' }).click();
      await dashboard.waitUntilShown();
      await dashboard.startKiosk();

      const welcome = page.getByRole('heading', { level: 1, name: cy('kiosk.welcome.title'), exact: true });
      await welcome.waitFor();
      const languages = await page.locator('.kiosk-languages__button').allInnerTexts();
      expect(languages.map((l) => l.replace('✓', '').trim())).toEqual(['Cymraeg', 'English', 'العربية']);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');

      const rootSize = (): Promise<number> =>
        page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      const usual = await rootSize();
      const large = page.getByRole('button', { name: cy('kiosk.welcome.largeText') });
      await large.click();
      await expect.poll(() => large.getAttribute('aria-pressed')).toBe('true');
      await expect.poll(rootSize).toBeGreaterThanOrEqual(usual * 1.5);

      // Arabic: the back arrow (a way to go) is mirrored; in Welsh it is not.
      await page.getByRole('button', { name: 'العربية', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: ar('kiosk.welcome.title'), exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await page.getByRole('button', { name: ar('kiosk.welcome.start'), exact: true }).click();
      await page.getByRole('button', { name: ar('kiosk.consent.agree'), exact: true }).click();
      const aboutOrHub = page.getByRole('heading', { level: 1, name: ar('kiosk.about.title'), exact: true });
      const hub = page.getByRole('heading', { level: 1, name: ar('kiosk.hub.title'), exact: true });
      await aboutOrHub.or(hub).waitFor();
      if (await aboutOrHub.isVisible())
        await page.getByRole('button', { name: ar('kiosk.about.skip') }).click();
      await page.getByRole('button', { name: ar('kiosk.hub.addIdea'), exact: true }).click();
      const arrow = page.locator('.kiosk-back__arrow');
      const transform = (): Promise<string> => arrow.evaluate((el) => getComputedStyle(el).transform);
      expect(await transform()).toBe('matrix(-1, 0, 0, 1, 0, 0)');
      expect(await rootSize()).toBeGreaterThanOrEqual(usual * 1.5);

      // The turn ends: the next resident starts in Welsh, usual size.
      await page.getByRole('button', { name: ar('kiosk.back.hub') }).click();
      await page.getByRole('button', { name: ar('kiosk.hub.finish'), exact: true }).click();
      // No priorities were set: the gentle reminder, then finish anyway.
      await page.getByRole('button', { name: ar('kiosk.prioritiesReminder.finish'), exact: true }).click();
      await page.getByRole('button', { name: ar('kiosk.thanks.next'), exact: true }).click();
      await welcome.waitFor();
      expect(await rootSize()).toBe(usual);
      await page.getByRole('button', { name: cy('kiosk.welcome.start'), exact: true }).click();
      await page.getByRole('button', { name: cy('kiosk.consent.agree'), exact: true }).click();
      const cyAbout = page.getByRole('heading', { level: 1, name: cy('kiosk.about.title'), exact: true });
      const cyHub = page.getByRole('heading', { level: 1, name: cy('kiosk.hub.title'), exact: true });
      await cyAbout.or(cyHub).waitFor();
      if (await cyAbout.isVisible()) await page.getByRole('button', { name: cy('kiosk.about.skip') }).click();
      await page.getByRole('button', { name: cy('kiosk.hub.addIdea'), exact: true }).click();
      expect(await transform()).toBe('none');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
