/**
 * Bad input: every form says what is wrong in plain words, next to the field, and keeps everything typed.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, newTablet, openDemoDashboard, openSessionForm } from './support/tablet';
import { Home } from './pages/Home';
import { Kiosk, STEP } from './pages/Kiosk';
import { PinScreen, WRONG_PIN_MESSAGE } from './pages/PinScreen';
import { SessionForm, validSession } from './pages/SessionForm';
import { Dashboard } from './pages/Dashboard';
import { useBrowserAndApp } from './support/setup';

const app = useBrowserAndApp();

const REQUIRED = 'Please fill this in.';
const NOT_MONEY = 'Please enter an amount of money, like 250 or 12.50.';

describe('bad input', () => {
  it('Given the create-session form, when the title is empty, an amount has letters or the pot is too big, then each is explained and nothing typed is lost', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const form = await openSessionForm(page, app.url);
      await form.fill({
        title: '',
        neighbourhood: 'Westgate',
        date: '2026-10-03',
        venue: 'Westgate Community Centre',
        streams: [
          { publicBody: 'Westgate Council', service: 'Parks', amount: '12abc' },
          { publicBody: 'Westgate Health', service: 'Wellbeing', amount: '30000', isPoolable: true },
        ],
        pot: '20000',
        method: 'Dot voting',
        dots: '6',
        maxPerIdea: '2',
        pin: '97531',
      });
      await form.submit();

      // The summary names both problems; each field says its own.
      await form.errorSummary.waitFor();
      const summary = (await form.errorSummary.textContent()) ?? '';
      expect(summary).toContain(`Session title: ${REQUIRED}`);
      expect(summary).toContain(`Amount each year, Funding stream 1: ${NOT_MONEY}`);
      expect(await form.errorNextTo(form.field('Session title'))).toBe(REQUIRED);
      expect(await form.field('Session title').getAttribute('aria-invalid')).toBe('true');
      expect(await form.errorNextTo(form.streamField(1, 'Amount each year'))).toBe(NOT_MONEY);
      // Everything typed is still there, including the bad amount and the PIN.
      expect(await form.field('Neighbourhood').inputValue()).toBe('Westgate');
      expect(await form.field('Date of the workshop').inputValue()).toBe('2026-10-03');
      expect(await form.field('Venue').inputValue()).toBe('Westgate Community Centre');
      expect(await form.streamField(1, 'Public body').inputValue()).toBe('Westgate Council');
      expect(await form.streamField(1, 'Amount each year').inputValue()).toBe('12abc');
      expect(await form.streamField(2, 'Service').inputValue()).toBe('Wellbeing');
      expect(await form.field('The pot residents decide on').inputValue()).toBe('20000');
      expect(await form.field('Dots for each resident').inputValue()).toBe('6');
      expect(await form.field('Most dots one resident can put on one idea').inputValue()).toBe('2');
      expect(await form.field('PIN').inputValue()).toBe('97531');
      expect(await form.field('Type the PIN again').inputValue()).toBe('97531');

      // Fixed, but the pot is more than the £42,000 that can be pooled.
      await form.field('Session title').fill('Westgate priorities');
      await form.streamField(1, 'Amount each year').fill('12000');
      await form.field('The pot residents decide on').fill('50000');
      await form.submit();
      const tooBig = 'The pot cannot be more than the money that can be pooled (£42,000).';
      await form.errorSummary.filter({ hasText: tooBig }).waitFor();
      expect(await form.errorNextTo(form.field('The pot residents decide on'))).toBe(tooBig);
      expect(await form.errorNextTo(form.field('Session title'))).toBe('');
      expect(await form.field('Session title').inputValue()).toBe('Westgate priorities');
      expect(await form.field('The pot residents decide on').inputValue()).toBe('50000');
      expect(await form.streamField(1, 'Amount each year').inputValue()).toBe('12000');
      expect(await form.field('PIN').inputValue()).toBe('97531');
      expect(page.url()).toMatch(/#\/new$/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the create-session form, when a funding stream’s amount is 0, then the form says a stream must be more than zero, keeps the 0, and creates the session once it is fixed', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const form = await openSessionForm(page, app.url);
      const session = validSession('Eastbrook, money map');
      const [first, second] = session.streams;
      await form.fill({ ...session, streams: [first!, { ...second!, amount: '0' }] });
      await form.submit();

      const notPositive =
        'A funding stream must be more than zero: type what this public body spends here each year, or remove the stream.';
      await form.errorSummary.waitFor();
      expect(await form.errorSummary.textContent()).toContain(
        `Amount each year, Funding stream 2: ${notPositive}`,
      );
      const amount = form.streamField(2, 'Amount each year');
      expect(await form.errorNextTo(amount)).toBe(notPositive);
      expect(await amount.getAttribute('aria-invalid')).toBe('true');
      expect(await amount.inputValue()).toBe('0');
      expect(await form.streamField(2, 'Service').inputValue()).toBe('Neighbourhood policing');
      expect(page.url()).toMatch(/#\/new$/);

      await amount.fill('90000');
      await form.submit();
      await new Dashboard(page, session.title).waitUntilShown();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the create-session form on 7 December 2026, when the date typed has passed, then the field says so and the session can still be saved; editing it later does not ask again', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await page.clock.setFixedTime(new Date('2026-12-07T10:00:00'));
      const form = await openSessionForm(page, app.url);
      const date = form.field('Date of the workshop');
      const hint = (): Promise<string> =>
        date.evaluate((el) =>
          (el.getAttribute('aria-describedby') ?? '')
            .split(/\s+/)
            .map((id) => document.getElementById(id))
            .filter((e) => e?.classList.contains('field__hint'))
            .map((e) => e?.textContent?.trim() ?? '')
            .join(' '),
        );
      const passed =
        '12 December 2025 has already passed. Check the year, or keep it if you are recording a workshop that has happened.';
      await date.fill('2025-12-12');
      expect(await hint()).toBe(passed);
      await date.fill('2026-12-07');
      expect(await hint()).toBe('');
      await date.fill('2027-01-12');
      expect(await hint()).toBe('');

      // A workshop already held may be recorded: the past date is kept and the session made.
      const session = { ...validSession('Westgate, recorded afterwards'), date: '2025-12-12' };
      await form.create(session);
      const dashboard = new Dashboard(page, session.title);
      await dashboard.waitUntilShown();
      await dashboard.openEditForm();
      expect(await form.field('Date of the workshop').inputValue()).toBe('2025-12-12');
      expect(await hint()).toBe('');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a resident, when an idea has no title and "abc" as its cost, or a comment is empty, then they are told why and keep what they typed', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      await dashboard.startKiosk();
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Add your idea');
      await kiosk.fillIdea({
        title: '',
        description: 'Somewhere dry for teenagers to meet after school.',
        theme: 'Young people',
        cost: 'abc',
        where: 'Behind the library',
      });
      await kiosk.tap('Add my idea');

      await page.getByRole('alert').filter({ hasText: 'Please check the highlighted answers.' }).waitFor();
      const form = new SessionForm(page);
      expect(await form.errorNextTo(kiosk.ideaTitle)).toBe(REQUIRED);
      expect(await form.errorNextTo(kiosk.ideaCost)).toBe(NOT_MONEY);
      expect(await kiosk.ideaCost.getAttribute('aria-invalid')).toBe('true');
      // Focus goes to the first problem (moved in an effect, after the frame that drew the alert: polled).
      await expect.poll(() => kiosk.ideaTitle.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await kiosk.ideaDescription.inputValue()).toBe(
        'Somewhere dry for teenagers to meet after school.',
      );
      expect(await kiosk.ideaCost.inputValue()).toBe('abc');
      expect(await kiosk.ideaWhere.inputValue()).toBe('Behind the library');
      expect(await kiosk.themes.getByRole('radio', { name: 'Young people' }).isChecked()).toBe(true);
      expect(await kiosk.step(STEP.addIdea).isVisible()).toBe(true);

      // An empty comment on an idea.
      await kiosk.backToMenu();
      await kiosk.openFromMenu('Read the ideas');
      await kiosk.openIdea('Play area for under-5s');
      await kiosk.tap('Add my comment');
      await page.locator('.field__error').filter({ hasText: REQUIRED }).waitFor();
      expect(await form.errorNextTo(kiosk.commentBox)).toBe(REQUIRED);
      expect(await kiosk.commentBox.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByText('Thank you. Your comment has been added.').count()).toBe(0);
      expect(await kiosk.commentBox.inputValue()).toBe('');
      expect(await page.getByRole('heading', { name: 'What people said (1 comment)' }).isVisible()).toBe(
        true,
      );
      expect(await page.locator('.idea-comments li').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the PIN screen, when a wrong PIN is typed, then it is refused in words and the typed PIN stays to correct', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const home = new Home(page);
      await home.goto(app.url);
      await home.openDemo();
      const pin = new PinScreen(page);
      await pin.waitUntilShown();
      expect(await pin.submitWrong('4321')).toBe(WRONG_PIN_MESSAGE);
      expect(await pin.field.inputValue()).toBe('4321');
      expect(await pin.field.getAttribute('aria-invalid')).toBe('true');
      expect(await pin.field.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await pin.heading.isVisible()).toBe(true);
      // An empty PIN is asked for.
      await pin.field.fill('');
      await pin.unlockButton.click();
      await page.getByRole('alert').filter({ hasText: 'Please type the PIN.' }).waitFor();
      await pin.unlock(DEMO.pin, DEMO.title);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
