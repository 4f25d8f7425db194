/**
 * The page's title (WCAG 2.4.2): it was always "Neighbourhood Co-design", in English, on every kiosk screen, so the
 * browser tab and a screen reader's "title" command could not say where a resident was. Each kiosk screen now puts
 * its heading first, in the turn's language: "Add your idea – Neighbourhood Co-design".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newTablet, openDemoDashboard } from './support/tablet';
import { Kiosk } from './pages/Kiosk';
import { LOCALES, loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

beforeAll(async () => {
  await loadLanguage('cy');
});

describe('the page title', () => {
  it('Given a resident’s turn, when they move between screens, then the page title names each screen, in English and in Welsh', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.changeSettings({ languages: [LOCALES.cy!.name] });
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Add your idea');
      await expect.poll(() => page.title()).toBe('Add your idea – Neighbourhood Co-design');
      await kiosk.backToMenu();
      await expect.poll(() => page.title()).toBe('What would you like to do? – Neighbourhood Co-design');
      await kiosk.finish();
      await kiosk.nextPerson();

      const cy = makeTranslator('cy');
      await kiosk.beginTurnIn('cy');
      await expect.poll(() => page.title()).toBe(`${cy('kiosk.hub.title')} – ${cy('app.name')}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
