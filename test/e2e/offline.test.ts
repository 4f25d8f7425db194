/**
 * Offline first: after one online visit the app starts from its service worker with the server gone and the
 * network cut, a whole resident turn works, and everything from it is still there after another reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Request } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { serveApp } from './support/server';
import { DEMO, newTablet } from './support/tablet';
import { Dashboard } from './pages/Dashboard';
import { Home } from './pages/Home';
import { Kiosk, STEP } from './pages/Kiosk';
import { PinScreen } from './pages/PinScreen';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('offline', () => {
  it('Given one online visit, when the server is stopped and the network is cut, then a whole resident turn works and is kept', async () => {
    const server = await serveApp();
    let isServerUp = true;
    const { context, page, errors } = await newTablet(browser);
    try {
      // Given: one online visit, until the service worker has installed the app and controls the page.
      const home = new Home(page);
      await home.goto(server.url);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
        await page.reload();
        await home.demoButton.waitFor();
      }
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await home.openDemo();
      await new PinScreen(page).waitUntilShown();
      await page.getByRole('link', { name: 'Back to the first screen' }).click();
      await home.session(DEMO.title).waitFor();

      // When: the server is gone and the network is cut.
      await server.close();
      isServerUp = false;
      await context.setOffline(true);
      const reloaded = await page.reload();
      expect(reloaded?.fromServiceWorker()).toBe(true);
      await home.session(DEMO.title).click();
      await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
      const dashboard = new Dashboard(page, DEMO.title);
      await dashboard.waitUntilShown();
      const ballotsBefore = await dashboard.count('Ballots counted');
      const commentsBefore = await dashboard.count('Comments');
      await dashboard.startKiosk();

      // A whole resident turn: consent, about you, an idea, a comment on it, priorities saved, finish.
      const kiosk = new Kiosk(page);
      await kiosk.beginTurn({ 'How old are you?': '45–64' });
      const idea = {
        title: 'Tool library in the old bank',
        description: 'Borrow a drill or a ladder instead of buying one.',
        theme: 'Jobs and skills',
        cost: '8000',
        where: 'Moor Parade',
      };
      await kiosk.addIdea(idea);
      await kiosk.comment('I would use this every month.');
      await kiosk.tap('Back to the ideas', STEP.ideas);
      await kiosk.backToMenu();
      await kiosk.openFromMenu('Choose your priorities');
      await kiosk.putDots(idea.title, 2);
      expect(await kiosk.ballotProgress.textContent()).toBe('3 dots left');
      await kiosk.savePriorities();
      await kiosk.finish();

      // Then: reloaded again, still offline, the idea, its comment and the ballot are all there. The resident's
      // path fetches the app shell as one script and nothing of the facilitator's, the officer's or the PIN screen.
      const residentScripts: string[] = [];
      const onRequest = (r: Request): void => {
        const path = new URL(r.url()).pathname;
        if (path.endsWith('.js')) residentScripts.push(path);
      };
      page.on('request', onRequest);
      const again = await page.reload();
      expect(again?.fromServiceWorker()).toBe(true);
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Read the ideas');
      await kiosk.openIdea(idea.title);
      await page.getByText('I would use this every month.', { exact: true }).waitFor();
      expect(await page.getByText(idea.description, { exact: true }).isVisible()).toBe(true);
      page.off('request', onRequest);
      // By name, without the content hash: the shell, the service worker's helper (swBridge, workbox-window),
      // the hub's "what happened to earlier ideas" reader, and what the kiosk loads into memory after its first
      // screen (the steps after "I agree", laterSteps; priorities with its "Saved" status, earlier ideas and
      // their English words, the pictures, the Read aloud button with the voice finder it shares with the
      // facilitator's voices panel). An English-only session fetches no other
      // language. The date formatter (dates) is shared by the earlier ideas and the staff screens, so it is its own
      // small chunk. The bundler's helpers every lazy chunk imports (rolldown-runtime, 158 bytes) have a file of their
      // own since the entry no longer needs them (Dexie's module build, vite.config.ts). The session store's spare
      // copies (copyingDocStore) load after the first screen (src/storage/lazyDocStore.ts). Anything else (a
      // facilitator or officer chunk) fails here.
      const names = residentScripts.map((p) => p.replace(/^\/assets\//, '').replace(/-[\w-]{8}\.js$/, ''));
      expect([...new Set(names)].sort()).toEqual([
        'EarlierIdeasStep',
        'PrioritiesStep',
        'ReadAloudButton',
        'SaveStatus',
        'copyingDocStore',
        'dates',
        'earlierIdeas',
        'index',
        'kioskEarlier',
        'laterSteps',
        'pictures',
        'rolldown-runtime',
        'swBridge',
        'useVoices',
        'workbox-window.prod.es5',
      ]);
      await kiosk.handOver();
      await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
      await dashboard.waitUntilShown();
      expect(await dashboard.boardRow(idea.title)).toMatchObject({
        supporters: 1,
        points: 2,
        comments: 1,
        theme: 'Jobs and skills',
        cost: '£8,000',
      });
      expect(await dashboard.count('Ballots counted')).toBe(ballotsBefore + 1);
      expect(await dashboard.count('Comments')).toBe(commentsBefore + 1);
      // Still cut off (navigator.onLine is not a witness: Chromium 150 says true under Playwright's offline mode).
      const reached = await page.evaluate(() =>
        fetch('/api/health', { cache: 'no-store' }).then(
          () => 'reached',
          () => 'unreachable',
        ),
      );
      expect(reached).toBe('unreachable');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      if (isServerUp) await server.close();
    }
  });
});
