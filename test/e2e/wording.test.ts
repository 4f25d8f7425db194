/**
 * A session's own words in each of its languages: the facilitator gives the consent wording and a question about
 * residents in Cymraeg as well as English; a resident who chooses Cymraeg agrees to and answers in Cymraeg (marked
 * lang="cy" for screen readers), and their answer is stored as the option as typed, so it counts with the English
 * ones. Before, every resident read the consent and the questions in the one language they were typed in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '../../src/ui/facilitator/messages';
import { loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { Dashboard } from './pages/Dashboard';
import { validSession } from './pages/SessionForm';
import { axeViolations } from './support/axe';
import { useBrowserAndApp } from './support/setup';
import { storedOccurrences } from './support/stored';
import { newTablet, openSessionForm } from './support/tablet';

const app = useBrowserAndApp();

beforeAll(async () => {
  await loadLanguage('cy');
  await loadLanguage('cy', 'staff');
});

const CONSENT_CY =
  'Defnyddir eich syniadau i gynllunio gwasanaethau Eastbrook. Nid ydym yn gofyn am eich enw.';

describe('the consent and the questions in the resident’s language', () => {
  it('Given a session in English and Cymraeg with its wording in Cymraeg, when a resident takes their turn in Cymraeg, then they agree to and answer the Cymraeg words, and the answer is stored as the option typed in English', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const form = await openSessionForm(page, app.url);
      const session = validSession('Eastbrook in two languages');
      await form.fill(session);
      await page.getByRole('checkbox', { name: 'Cymraeg', exact: true }).check();
      await page.getByRole('button', { name: 'Add a question' }).click();
      const question = page.getByRole('group', { name: 'Question 1', exact: true });
      await question.getByLabel('Question', { exact: true }).fill('How old are you?');
      await question
        .getByLabel('Answers to choose from', { exact: true })
        .fill('Under 18\n18 to 64\n65 or over');

      const welsh = page.getByRole('group', { name: /^Wording in Welsh/ });
      await welsh.getByLabel('What residents agree to, in Welsh').fill(CONSENT_CY);
      const welshQuestion = welsh.getByRole('group', { name: 'Question 1 in Welsh', exact: true });
      await welshQuestion.getByLabel('Question', { exact: true }).fill('Faint yw eich oed?');
      const answer = (option: string) => welshQuestion.getByLabel(`For “${option}”`, { exact: true });
      await answer('Under 18').fill('Dan 18');
      await answer('18 to 64').fill('18 i 64');
      // A label too long: refused by name, and what was typed stays.
      const tooLong = `65 neu hŷn ${'a'.repeat(80)}`;
      await answer('65 or over').fill(tooLong);
      await form.submit();
      await expect.poll(() => form.errorSummary.innerText()).toContain('Answer 3, Question 1 in Welsh');
      expect(await form.errorNextTo(answer('65 or over'))).toContain('80 characters');
      expect(await answer('65 or over').inputValue()).toBe(tooLong);
      expect(await answer('65 or over').getAttribute('lang')).toBe('cy');
      expect(await axeViolations(page)).toEqual([]);

      // The English answers put in another order: each Welsh label follows its own answer.
      await question
        .getByLabel('Answers to choose from', { exact: true })
        .fill('65 or over\nUnder 18\n18 to 64');
      expect(await answer('Under 18').inputValue()).toBe('Dan 18');
      await answer('65 or over').fill('65 neu hŷn');
      await form.submit();
      const dashboard = new Dashboard(page, session.title);
      await dashboard.waitUntilShown();
      await page.getByText('In every language of the session', { exact: true }).waitFor();
      const typedBefore = await storedOccurrences(page, '18 to 64');
      const welshBefore = await storedOccurrences(page, '18 i 64');
      await dashboard.startKiosk();

      const t = makeTranslator('cy');
      await page.getByRole('heading', { level: 1, name: 'Welcome', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await page.getByRole('button', { name: t('kiosk.welcome.start'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: t('kiosk.consent.title'), exact: true }).waitFor();
      const consent = page.locator('.kiosk-consent');
      expect(await consent.innerText()).toBe(CONSENT_CY);
      expect(await consent.getAttribute('lang')).toBe('cy');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: t('kiosk.consent.agree'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: t('kiosk.about.title'), exact: true }).waitFor();
      const asked = page.getByRole('group', { name: /^Faint yw eich oed\?/ });
      expect(
        await asked
          .getByRole('radio')
          .evaluateAll((els) => els.map((e) => e.closest('label')?.innerText.trim())),
      ).toEqual(['65 neu hŷn', 'Dan 18', '18 i 64', t('kiosk.about.preferNot')]);
      expect(await asked.locator('legend bdi').getAttribute('lang')).toBe('cy');
      expect(await axeViolations(page)).toEqual([]);
      await asked.getByRole('radio', { name: '18 i 64', exact: true }).check();
      await page.getByRole('button', { name: t('common.next'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: t('kiosk.hub.title'), exact: true }).waitFor();

      // The answer is the option as typed: one more stored "18 to 64", no more "18 i 64" than the wording holds.
      await expect.poll(() => storedOccurrences(page, '18 to 64')).toBeGreaterThan(typedBefore);
      expect(await storedOccurrences(page, '18 i 64')).toBe(welshBefore);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a facilitator on Welsh screens, when they open a new session form, then it offers Cymraeg and English, names English in Welsh, and has the English consent ready, so a new session greets English residents in English', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const cy = makeTranslator('cy');
      const en = makeTranslator('en');
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await page.getByRole('link', { name: cy('home.create'), exact: true }).click();
      await page
        .getByRole('heading', { level: 1, name: cy('fac.form.createHeading'), exact: true })
        .waitFor();
      const offered = page.getByRole('group', { name: cy('fac.form.languagesLegend'), exact: true });
      for (const name of ['Cymraeg', 'English']) {
        expect(await offered.getByRole('checkbox', { name, exact: true }).isChecked(), name).toBe(true);
      }
      // Chromium names no language in Welsh: the catalogue does ("Saesneg", not "English").
      const english = page.getByRole('group', {
        name: new RegExp(`^${cy('fac.form.wordingLegend', { inLanguage: 'yn Saesneg' })}`),
      });
      const consent = english.getByLabel(cy('fac.form.wordingConsent', { inLanguage: 'yn Saesneg' }), {
        exact: true,
      });
      expect(await consent.inputValue()).toBe(en('fac.form.consentDefault'));
      expect(await consent.getAttribute('lang')).toBe('en');
      // Welsh mutates a language's name after "yn": the words typed in Welsh are "yn Gymraeg", never "yn Cymraeg".
      expect(await english.locator('.field__hint').first().innerText()).toContain(
        'fel y’i teipiwyd, yn Gymraeg.',
      );
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
