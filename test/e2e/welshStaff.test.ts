/**
 * Issue 10: Welsh on staff screens (Welsh Language Standards: no less favourably than English). A facilitator
 * switches to Cymraeg once; the home, PIN, dashboard, session form and officer screens are then in Welsh (no
 * English of ours left, 0 axe violations), the choice is kept on the device, and the session form marks draft
 * translations. Errors already on screen (the session form's, the enrolment code's, a refused file's) turn Welsh
 * with the switch, and what was typed stays. A Welsh-first session opens its kiosk in Welsh; large text is offered
 * on the welcome screen and lasts one turn; the back arrow turns round in right-to-left languages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, newTablet, openDemoDashboard, openSessionForm } from './support/tablet';
import { axeViolations } from './support/axe';
import { englishCatalogue, englishFragments, englishOnScreen } from './support/catalogue';
import { LOCALES, loadLanguage, makeTranslator, type Translator } from '../../src/ui/i18n';
import type { Message } from '../../src/ui/i18n/types';
// The English of the staff screens' errors, for the test's own English translator.
import '../../src/ui/facilitator/messages';
import '../../src/ui/facilitator/files/messages';
import '../../src/ui/facilitator/sync/messages';
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

/** Switches the staff screens to Welsh and waits until they show it (the Welsh staff messages load first). */
async function switchToWelsh(page: Page, cy: Translator): Promise<void> {
  await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
  await page.getByRole('navigation', { name: cy('language.staffSwitch') }).waitFor();
}

describe('errors already on screen when staff switch to Welsh', () => {
  it('Given the session form sent with fields left empty, when staff switch to Cymraeg, then the errors and their summary read in Welsh, what was typed stays, and focus stays where it was', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    const en = makeTranslator('en');
    const cy = makeTranslator('cy');
    try {
      const form = await openSessionForm(page, app.url);
      await form.field('Session title').fill('Eastbrook: the pot');
      await form.submit();
      await form.errorSummary.waitFor();
      const neighbourhood = (t: Translator) => page.getByLabel(t('fac.form.neighbourhood'), { exact: true });
      const pin = (t: Translator) => page.getByLabel(t('fac.form.pin'), { exact: true });
      expect(await form.errorNextTo(neighbourhood(en))).toBe(en('error.required'));

      await switchToWelsh(page, cy);
      const summary = page
        .getByRole('alert')
        .filter({ has: page.getByRole('heading', { name: cy('fac.form.errorHeading'), exact: true }) });
      await summary.waitFor();
      await expect.poll(() => form.errorNextTo(neighbourhood(cy))).toBe(cy('error.required'));
      expect(await form.errorNextTo(pin(cy))).toBe(cy('error.required'));
      const item = (field: string, message: string) =>
        summary.getByRole('button', {
          name: cy('fac.form.errorItem', { label: field, message }),
          exact: true,
        });
      expect(await item(cy('fac.form.neighbourhood'), cy('error.required')).count()).toBe(1);
      expect(await item(cy('fac.form.pin'), cy('error.required')).count()).toBe(1);
      expect(await summary.innerText()).toContain(cy('common.fixErrors'));
      expect(await summary.innerText()).not.toContain(en('error.required'));
      // The summary took focus when the form was sent, not again now: focus stays on the language switch.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cymraeg');
      expect(await page.getByLabel(cy('fac.form.title'), { exact: true }).inputValue()).toBe(
        'Eastbrook: the pot',
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a mistyped enrolment code and two files that are not session files on the home screen, when staff switch to Cymraeg, then both problems read in Welsh and the code typed stays', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    const en = makeTranslator('en');
    const cy = makeTranslator('cy');
    try {
      await page.goto(app.url);
      const council = (t: Translator) =>
        page.getByRole('region', { name: t('sync.fetch.heading'), exact: true });
      const code = (t: Translator) => council(t).getByLabel(t('sync.enrol.code'), { exact: true });
      await code(en).fill('7K2M 9QX');
      await code(en).press('Enter');
      const wrongLength = (t: Translator) => t('sync.enrol.wrongLength', { count: 7, length: 10 });
      await council(en)
        .getByRole('alert')
        .filter({ hasText: wrongLength(en) })
        .waitFor();

      const imports = (t: Translator) =>
        page.getByRole('region', { name: t('files.home.heading'), exact: true });
      await imports(en)
        .locator('input[type=file]')
        .setInputFiles([
          { name: 'first.codesign', mimeType: 'application/octet-stream', buffer: Buffer.from('') },
          { name: 'second.codesign', mimeType: 'application/octet-stream', buffer: Buffer.from('') },
        ]);
      const refused = (t: Translator) => [
        t('files.refusedAll', { count: 2 }),
        ...['first.codesign', 'second.codesign'].map((fileName) =>
          t('fileError.notASessionFileNamed', { fileName, why: t('fileError.why.empty') }),
        ),
      ];
      const importAlert = (t: Translator) => imports(t).getByRole('alert').locator('p');
      await expect.poll(() => importAlert(en).allInnerTexts()).toEqual(refused(en));

      await switchToWelsh(page, cy);
      await expect.poll(() => council(cy).getByRole('alert').innerText()).toBe(wrongLength(cy));
      expect(await code(cy).inputValue()).toBe('7K2M 9QX');
      expect(await code(cy).getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => importAlert(cy).allInnerTexts()).toEqual(refused(cy));
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
