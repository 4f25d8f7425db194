/**
 * Issue 9 in a real browser: the trial's budget session (pot £50,000, at least 70%). With only ideas of £12,000
 * and £8,000 the ballot screen asks for no minimum and saves the £12,000 idea alone; once enough ideas are on
 * offer it asks for £35,000 "in all: any ideas you like".
 *
 * An idea costing more than the whole pot can never fit: found in a walk, it could be ticked with no hint, and
 * the resident learnt only from "more than the pot" that their ballot could not be saved. It is shown, not
 * chosen, and says why in plain words; it stays a 48 px target that a screen reader reaches and reads.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { description } from './support/describedBy';
import { smallTargets } from './support/targets';
import { newTablet } from './support/tablet';
import { Dashboard } from './pages/Dashboard';
import { Home } from './pages/Home';
import { Kiosk, STEP } from './pages/Kiosk';
import { SessionForm, validSession, type SessionValues } from './pages/SessionForm';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

/** Creates the budget session, starts its kiosk and a resident's turn; `addIdeas` puts ideas forward in it. */
async function budgetTurn(
  page: Page,
  session: SessionValues,
): Promise<{ kiosk: Kiosk; addIdeas: (ideas: { title: string; cost: string }[]) => Promise<void> }> {
  const home = new Home(page);
  const kiosk = new Kiosk(page);
  await home.goto(app.url);
  await home.openCreateForm();
  await new SessionForm(page).create(session);
  await new Dashboard(page, session.title).startKiosk();
  await kiosk.beginTurn();
  const addIdeas = async (ideas: { title: string; cost: string }[]): Promise<void> => {
    for (const idea of ideas) {
      await kiosk.addIdea({ ...idea, theme: 'Jobs and skills' });
      await kiosk.tap('Back to the ideas', STEP.ideas);
      await kiosk.backToMenu();
    }
  };
  return { kiosk, addIdeas };
}

describe('the minimum spend on the ballot screen', () => {
  it('Given a 70% budget session with ideas of £12,000 and £8,000, when a resident ticks the £12,000 idea alone, then no minimum is asked and it saves; with more ideas on offer the minimum is asked', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { kiosk, addIdeas } = await budgetTurn(page, {
        ...validSession('Eastbrook: the trial', 'Budget allocation'),
        minShare: '70',
      });
      await addIdeas([
        { title: 'Youth club', cost: '12000' },
        { title: 'Bike repair', cost: '8000' },
      ]);

      await kiosk.openFromMenu('Choose your priorities');
      await page.getByRole('checkbox', { name: /^Youth club/ }).check();
      expect(await kiosk.ballotProgress.textContent()).toContain('Money left: £38,000 of £50,000');
      expect(await kiosk.ballotMinimum.textContent()).toBe('');
      await kiosk.savePriorities();

      await kiosk.backToMenu();
      await addIdeas(
        ['Benches', 'Lights', 'Garden', 'Library hours', 'Job club'].map((title) => ({
          title,
          cost: '9000',
        })),
      );
      await kiosk.openFromMenu('Choose your priorities');
      expect(await kiosk.ballotMinimum.textContent()).toBe(
        'Please choose ideas worth at least £35,000 in all: any ideas you like. So far: £12,000.',
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('an idea that costs more than the whole pot', () => {
  it('Given a £50,000 pot and an idea of £60,000, when a resident sets priorities, then that idea says it can never fit and cannot be ticked, and the others can', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { kiosk, addIdeas } = await budgetTurn(
        page,
        validSession('Eastbrook: big ideas', 'Budget allocation'),
      );
      await addIdeas([
        { title: 'New leisure centre', cost: '60000' },
        { title: 'Youth club', cost: '12000' },
      ]);

      await kiosk.openFromMenu('Choose your priorities');
      const tooDear = page.getByRole('checkbox', { name: /^New leisure centre/ });
      expect(await tooDear.getAttribute('aria-disabled')).toBe('true');
      const reason = 'This costs more than the whole pot of £50,000, so it cannot be chosen.';
      expect(await description(tooDear)).toBe(reason);
      expect(await page.getByText(reason).isVisible()).toBe(true);
      // A tap on it, or on its words, ticks nothing.
      await tooDear.click({ force: true });
      await page.locator('label', { hasText: 'New leisure centre' }).click({ force: true });
      expect(await tooDear.isChecked()).toBe(false);
      expect(await kiosk.ballotProgress.textContent()).toContain('Money left: £50,000 of £50,000');

      const youth = page.getByRole('checkbox', { name: /^Youth club/ });
      expect(await youth.getAttribute('aria-disabled')).toBeNull();
      await youth.check();
      expect(await kiosk.ballotProgress.textContent()).toContain('Money left: £38,000 of £50,000');
      expect(await axeViolations(page)).toEqual([]);
      expect(await smallTargets(page, 48)).toEqual([]);
      await kiosk.savePriorities();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
