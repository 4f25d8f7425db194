/**
 * "Saved" means saved: a reload straight after "Your idea has been added", or closing the whole browser straight
 * after "Saved", loses nothing (one on-disk profile, relaunched).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Profile } from './support/browser';
import { serveApp } from './support/server';
import { DEMO, openDemoDashboard, usePage, type Tablet } from './support/tablet';
import { Dashboard } from './pages/Dashboard';
import { escapeRegExp, Home } from './pages/Home';
import { IDEA_ADDED, Kiosk, STEP } from './pages/Kiosk';
import { PinScreen } from './pages/PinScreen';

let server: Awaited<ReturnType<typeof serveApp>>;
let profile: Profile;

beforeAll(async () => {
  server = await serveApp();
  profile = new Profile();
});

afterAll(async () => {
  await profile?.dispose();
  await server?.close();
});

async function firstPage(): Promise<Tablet> {
  const context = await profile.launch();
  const page: Page = context.pages()[0] ?? (await context.newPage());
  return usePage(page);
}

describe('durability', () => {
  it('Given an idea just added and priorities just saved, when the page reloads and the browser restarts at once, then both are still there', async () => {
    let { page, errors } = await firstPage();
    const allErrors: string[] = [];
    const idea = {
      title: 'Repair café every Saturday',
      theme: 'Green spaces',
      cost: '3500',
      where: 'Moor Park',
    };

    const { sessionId, dashboard } = await openDemoDashboard(page, server.url);
    const ballotsBefore = await dashboard.count('Ballots counted');
    await dashboard.startKiosk();
    const kiosk = new Kiosk(page);
    await kiosk.beginTurn();
    await kiosk.openFromMenu('Add your idea');
    await kiosk.fillIdea(idea);
    await kiosk.tap('Add my idea');
    await page.getByText(IDEA_ADDED, { exact: true }).waitFor();

    // When: reload immediately after the app said the idea was added.
    await page.reload();
    // Then: the same resident's turn comes back (a reload mid-turn resumes it), on the idea's own screen, or on
    // the form it came from when the reload beat the device's note of the step; either way the idea is there.
    await page
      .getByRole('heading', {
        level: 1,
        name: new RegExp(`^(${escapeRegExp(idea.title)}|${escapeRegExp(STEP.addIdea)})$`),
      })
      .waitFor();
    if (await kiosk.step(STEP.addIdea).isVisible()) await kiosk.backToMenu();
    else {
      await kiosk.tap('Back to the ideas', STEP.ideas);
      await kiosk.backToMenu();
    }
    await kiosk.openFromMenu('Read the ideas');
    await kiosk.openIdea(idea.title);
    await kiosk.tap('Back to the ideas');
    await kiosk.backToMenu();

    // When: priorities saved, then the whole browser closed as soon as the app says "Saved".
    await kiosk.openFromMenu('Choose your priorities');
    await kiosk.putDots(idea.title, 3);
    await kiosk.tap('Save my priorities');
    await page.locator('[data-save-state="saved"]').waitFor();
    allErrors.push(...errors);
    await profile.close();

    // Then: after a restart the ballot is counted and its dots are on the idea.
    ({ page, errors } = await firstPage());
    await page.goto(`${server.url}#/session/${sessionId}`);
    await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
    const after = new Dashboard(page, DEMO.title);
    await after.waitUntilShown();
    expect(await after.count('Ballots counted')).toBe(ballotsBefore + 1);
    expect(await after.boardRow(idea.title)).toMatchObject({ supporters: 1, points: 3, comments: 0 });
    // The session is still listed on this tablet's first screen (the list is read from the device after the
    // screen is drawn: waited for, not looked at once).
    await new Home(page).goto(server.url);
    await new Home(page).session(DEMO.title).waitFor();
    allErrors.push(...errors);
    expect(allErrors).toEqual([]);
  });
});
