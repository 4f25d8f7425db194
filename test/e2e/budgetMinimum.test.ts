/**
 * Issue 9 in a real browser: the trial's budget session (pot £50,000, at least 70%). With only ideas of £12,000
 * and £8,000 the ballot screen asks for no minimum and saves the £12,000 idea alone; once enough ideas are on
 * offer it asks for £35,000 "in all: any ideas you like".
 */
import { describe, expect, it } from 'vitest';
import { newTablet } from './support/tablet';
import { Dashboard } from './pages/Dashboard';
import { Home } from './pages/Home';
import { Kiosk, STEP } from './pages/Kiosk';
import { SessionForm, validSession } from './pages/SessionForm';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

describe('the minimum spend on the ballot screen', () => {
  it('Given a 70% budget session with ideas of £12,000 and £8,000, when a resident ticks the £12,000 idea alone, then no minimum is asked and it saves; with more ideas on offer the minimum is asked', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const home = new Home(page);
      const kiosk = new Kiosk(page);
      await home.goto(app.url);
      await home.openCreateForm();
      const session = { ...validSession('Eastbrook: the trial', 'Budget allocation'), minShare: '70' };
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
      await addIdeas([
        { title: 'Youth club', cost: '12000' },
        { title: 'Bike repair', cost: '8000' },
      ]);

      await kiosk.openFromMenu('Choose your priorities');
      await page.getByRole('checkbox', { name: /^Youth club/ }).check();
      const progress = await kiosk.ballotProgress.textContent();
      expect(progress).toContain('Money left: £38,000 of £50,000');
      expect(progress).not.toContain('at least');
      await kiosk.savePriorities();

      await kiosk.backToMenu();
      await addIdeas(
        ['Benches', 'Lights', 'Garden', 'Library hours', 'Job club'].map((title) => ({
          title,
          cost: '9000',
        })),
      );
      await kiosk.openFromMenu('Choose your priorities');
      expect(await kiosk.ballotProgress.textContent()).toContain(
        'Please choose ideas worth at least £35,000 in all: any ideas you like. So far: £12,000.',
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
