/**
 * "You said, we did" on the kiosk. A tablet holds the spring workshop of Northmoor (imported from a session
 * file) where officers decided some ideas after the workshop ended, and the later demo workshop of Northmoor.
 * In the later workshop's kiosk, a resident's menu offers "What happened to earlier ideas"; it lists the
 * decided ideas grouped by decision in plain words, never the comments or descriptions from the earlier
 * session, with axe-core finding nothing and every target at least 48 CSS px; Back returns to the menu.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import preact from '@preact/preset-vite';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, addProposal, type CommandContext } from '../../src/doc/commands';
import { createSession, endSession } from '../../src/doc/sessionCommands';
import { hideProposal } from '../../src/doc/moderationCommands';
import { setProposalStatus } from '../../src/doc/statusCommands';
import { hashPin } from '../../src/domain/pin';
import type { ProposalStatusKind, SessionSettings } from '../../src/domain/types';
import { encodeSessionFile } from '../../src/sync/sessionFile';
import { axeViolations } from './support/axe';
import { watchErrors } from './support/browser';
import { startServer, type RunningServer } from '../../src/server/app';
import { smallTargets } from './support/targets';
import { FilesSection, filesTablet, goHome, unlock, type FilesTablet } from './pages/files';
import { Kiosk, STEP } from './pages/Kiosk';
import { useBrowserAndApp } from './support/setup';

const EARLIER = 'What happened to earlier ideas';
const SPRING_TITLE = 'Northmoor spring workshop';
const PRIVATE_COMMENT = 'My neighbour Sam at number 4 would run it';
const PRIVATE_DESCRIPTION = 'Described by a resident in detail';

const app = useBrowserAndApp();
let dir: string;
let tablet: FilesTablet | undefined;

/** The spring workshop of Northmoor, ended, with officers' decisions recorded afterwards, as a session file. */
async function springSessionFile(): Promise<Uint8Array> {
  const doc = new Y.Doc();
  let n = 0;
  let now = Date.UTC(2026, 4, 10, 10);
  const ctx: CommandContext = {
    deviceId: 'spring-tablet',
    now: () => (now += 1000),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  };
  const settings: SessionSettings = {
    title: SPRING_TITLE,
    neighbourhood: 'Northmoor',
    date: '2026-05-10',
    venue: 'Northmoor library',
    fundingStreams: [
      {
        id: 'fs-1',
        publicBody: 'Ashfield City Council',
        service: 'Parks',
        annualPence: 10_000_000,
        isPoolable: true,
      },
    ],
    potPence: 5_000_000,
    themes: [{ id: 'theme-green', name: 'Green spaces' }],
    method: { kind: 'dots', dotsPerParticipant: 3, maxDotsPerProposal: 2 },
    languages: ['en'],
    consentText: 'Your ideas are used to plan services in Northmoor.',
    aboutYou: [],
    pin: await hashPin('5678', 1000),
    isEnded: false,
  };
  createSession(doc, '00000000-0000-4000-8000-999999999999', settings, ctx);
  const add = (title: string, costPence: number): string =>
    addProposal(
      doc,
      { title, description: PRIVATE_DESCRIPTION, themeId: 'theme-green', costPence, where: '' },
      null,
      ctx,
    );
  const garden = add('Community garden by the flats', 1_000_000);
  const skate = add('Skate park on the green', 8_000_000);
  const lights = add('Brighter street lights on Mill Lane', 400_000);
  const repair = add('Bike repair shed', 300_000);
  const bench = add('More benches', 100_000);
  const rude = add('An idea the facilitator hid', 100_000);
  addComment(doc, { proposalId: garden, text: PRIVATE_COMMENT }, null, ctx);
  hideProposal(doc, rude, 'Not suitable', ctx);
  endSession(doc, ctx);
  now = Date.UTC(2026, 6, 1);
  const officer: CommandContext = { ...ctx, deviceId: 'officer-laptop' };
  const decide = (
    proposalId: string,
    status: ProposalStatusKind,
    amountPence: number | null = null,
    reason = '',
  ) => setProposalStatus(doc, { proposalId, status, amountPence, reason }, officer);
  decide(garden, 'shortlisted');
  decide(garden, 'funded', 1_200_000);
  decide(skate, 'not-taken-forward', null, 'There is no safe site for it yet.');
  decide(lights, 'in-delivery');
  decide(repair, 'done');
  decide(rude, 'done');
  decide(bench, 'submitted');
  return encodeSessionFile(doc, { deviceId: 'officer-laptop', deviceName: 'Officer laptop', now });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'codesign-yswd-'));
});

afterAll(async () => {
  await tablet?.context.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('you said, we did', () => {
  it('Given an earlier Northmoor workshop with decisions on the tablet, when a resident opens the later workshop’s menu, then they can read what became of those ideas', async () => {
    tablet = await filesTablet(app.browser);
    const { page } = tablet;

    // Given: the spring workshop imported from a session file on the home screen.
    const file = join(dir, 'northmoor-spring.codesign');
    writeFileSync(file, await springSessionFile());
    await goHome(page, app.url);
    const home = new FilesSection(page, 'Import a session file');
    await home.choose(file);
    await home.preview();
    await home.button('Add this session to the tablet').click();
    await page.getByRole('heading', { level: 1, name: 'Unlock facilitator mode' }).waitFor();

    // And the later demo workshop of Northmoor (24 November 2026) in kiosk mode.
    await goHome(page, app.url);
    await page.getByRole('button', { name: 'Open the demo session' }).click();
    await page.waitForURL(/#\/session\/[A-Za-z0-9-]+$/);
    await unlock(page);
    await page.getByRole('button', { name: 'Start kiosk mode' }).click();
    await page.waitForURL(/\/kiosk$/);
    const kiosk = new Kiosk(page);

    // When: a resident starts their turn, the menu offers the earlier ideas.
    await kiosk.beginTurn();
    const tile = kiosk.button(EARLIER);
    await tile.waitFor();
    await tile.click();
    await kiosk.waitFor(EARLIER);

    // Then: the decided ideas, grouped by decision, in resident words; undecided and hidden ideas are not there.
    const groups = await page.locator('.earlier-group').evaluateAll((sections) =>
      sections.map((s) => ({
        heading: s.querySelector('h2')?.textContent?.trim() ?? '',
        ideas: [...s.querySelectorAll('.earlier-idea')].map((li) =>
          [...li.querySelectorAll('p')].map((p) => p.textContent?.trim() ?? ''),
        ),
      })),
    );
    const from = 'From the workshop on 10 May 2026';
    expect(groups).toEqual([
      { heading: 'Done (1 idea)', ideas: [['Bike repair shed', 'Done', from]] },
      {
        heading: 'Being built (1 idea)',
        ideas: [['Brighter street lights on Mill Lane', 'Being built', from]],
      },
      { heading: 'Funded (1 idea)', ideas: [['Community garden by the flats', 'Funded: £12,000', from]] },
      {
        heading: 'Not taken forward (1 idea)',
        ideas: [['Skate park on the green', 'Not taken forward: There is no safe site for it yet.', from]],
      },
    ]);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const hidden of [
      PRIVATE_COMMENT,
      PRIVATE_DESCRIPTION,
      'More benches',
      'An idea the facilitator hid',
    ]) {
      expect(text).not.toContain(hidden);
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTargets(page, 48)).toEqual([]);

    // Back goes to the menu, where the tile still is.
    await kiosk.tap('Back to the menu', STEP.menu);
    expect(await kiosk.button(EARLIER).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTargets(page, 48)).toEqual([]);
    expect(tablet.errors).toEqual([]);
  });
});

describe('the officer’s status editor', () => {
  let pageDir: string;
  let pageServer: RunningServer | undefined;

  beforeAll(async () => {
    // Its own page (test/e2e/status-page) and its own server: the editor is mounted by the officer screens.
    pageDir = mkdtempSync(join(tmpdir(), 'codesign-status-page-'));
    await build({
      root: resolve(import.meta.dirname, 'status-page'),
      configFile: false,
      envDir: false,
      publicDir: false,
      logLevel: 'warn',
      base: '/',
      plugins: [preact()],
      build: { outDir: pageDir, emptyOutDir: true, target: 'es2022', sourcemap: false },
    });
    writeFileSync(join(pageDir, 'favicon.ico'), new Uint8Array());
    pageServer = await startServer({ port: 0, host: '127.0.0.1', distDir: pageDir });
  });

  afterAll(async () => {
    await pageServer?.close();
    if (pageDir) rmSync(pageDir, { recursive: true, force: true });
  });

  /** A window of its own on the editor's page: a fresh document each time. */
  async function openStatusPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await app.browser.newContext({ viewport: { width: 1024, height: 768 }, bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors = watchErrors(page);
    await page.goto(`http://127.0.0.1:${pageServer!.port}/`);
    return { context, page, errors };
  }

  it('Given an ended session, when an officer records decisions with mistakes first, then the mistakes are named, what was typed stays, and Saved comes with the history', async () => {
    const { context, page, errors } = await openStatusPage();
    try {
      const garden = page.getByRole('form', { name: 'Community garden', exact: true });
      await garden.waitFor();
      // A duplicate merged into the garden is decided with it: it has no editor of its own.
      expect(await page.getByRole('form', { name: 'Garden for the community' }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(await smallTargets(page, 44)).toEqual([]);

      // Funded with no amount: refused beside the amount field, nothing saved.
      await garden.getByRole('radio', { name: 'Funded', exact: true }).check();
      const save = garden.getByRole('button', { name: 'Save status: Community garden' });
      await save.click();
      const amount = garden.getByLabel('Amount funded');
      await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
      expect(await garden.locator('.field__error').textContent()).toBe('Please fill this in.');
      expect(await garden.locator('.status-editor__history').textContent()).toContain(
        'No status recorded yet',
      );
      expect(await axeViolations(page)).toEqual([]);

      // £9,999,999,999 (found in a walk, where it was saved unchecked): refused in words, what was typed stays,
      // nothing saved.
      await amount.fill('£9,999,999,999');
      await save.click();
      await expect
        .poll(() => garden.locator('.field__error').textContent())
        .toBe(
          'That is more than £100,000,000, far more than any one proposal in a neighbourhood gets. Please check the amount: it may have a few zeros too many.',
        );
      expect(await amount.getAttribute('aria-invalid')).toBe('true');
      expect(await amount.inputValue()).toBe('£9,999,999,999');
      expect(await garden.locator('.status-editor__history').textContent()).toContain(
        'No status recorded yet',
      );
      expect(await garden.locator('[data-save-state="saved"]').count()).toBe(0);

      // More than the rough cost: allowed, and said so; then saved with the history.
      await amount.fill('£15,000');
      await garden
        .getByText('This is more than the proposal’s rough cost of £10,000.', { exact: false })
        .waitFor();
      await save.click();
      await garden.locator('[data-save-state="saved"]').waitFor();
      expect(await garden.getByRole('status').textContent()).toBe('Saved');
      expect(await garden.locator('.status-editor__history li').allTextContents()).toEqual([
        expect.stringMatching(
          /^Funded: £15,000 Recorded by Officer laptop on \d{1,2} \w+ \d{4} at \d\d:\d\d\.$/,
        ),
      ]);
      expect(await garden.locator('.status-editor__meta').first().textContent()).toContain(
        'Now: Funded: £15,000',
      );

      // Not taken forward with no reason: refused; the reason then typed is kept and saved.
      const skate = page.getByRole('form', { name: 'Skate park', exact: true });
      await skate.getByRole('radio', { name: 'Not taken forward', exact: true }).check();
      await skate.getByRole('button', { name: 'Save status: Skate park' }).click();
      await skate.locator('.field__error').waitFor();
      expect(await skate.locator('.field__error').textContent()).toBe(
        'Please say why this proposal is not being taken forward: residents will read it.',
      );
      const reason = skate.getByLabel('Why is it not being taken forward?');
      await reason.fill('There is no safe site yet.');
      await skate.getByRole('button', { name: 'Save status: Skate park' }).click();
      await skate.locator('[data-save-state="saved"]').waitFor();
      expect(await reason.inputValue()).toBe('There is no safe site yet.');
      expect(await skate.locator('.status-editor__history li').allTextContents()).toEqual([
        expect.stringMatching(
          /^Not taken forward Why: There is no safe site yet\. Recorded by Officer laptop on \d{1,2} \w+ \d{4} at \d\d:\d\d\.$/,
        ),
      ]);
      expect(await axeViolations(page)).toEqual([]);
      expect(await smallTargets(page, 44)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a decision refused because a newer app saved the session meanwhile, when the officer edits the decision, then the refusal stays until the next Save, while a box’s own error goes as it is edited', async () => {
    const READ_ONLY = 'This session is read-only on this version of the app.';
    const { context, page, errors } = await openStatusPage();
    try {
      const garden = page.getByRole('form', { name: 'Community garden', exact: true });
      const save = garden.getByRole('button', { name: 'Save status: Community garden' });
      const amount = garden.getByLabel('Amount funded');
      const alert = garden.getByRole('alert');
      await garden.getByRole('radio', { name: 'Funded', exact: true }).check();
      await amount.fill('lots');
      await save.click();
      await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');

      // The session arrives as a newer app saved it; the amount is put right: its error goes as before.
      await page.evaluate(() => (window as unknown as { saveAsNewerApp: () => void }).saveAsNewerApp());
      await amount.fill('12,000');
      expect(await garden.locator('.field__error').count()).toBe(0);
      await save.click();
      await alert.waitFor();
      expect(await alert.textContent()).toBe(READ_ONLY);
      expect(await axeViolations(page)).toEqual([]);

      // No edit answers it: the amount retyped, the status changed, a reason typed. It stays, and focus too.
      await amount.fill('12,500');
      expect(await alert.allTextContents()).toEqual([READ_ONLY]);
      expect(await amount.evaluate((el) => el === document.activeElement)).toBe(true);
      await garden.getByRole('radio', { name: 'Not taken forward', exact: true }).check();
      await garden.getByLabel('Why is it not being taken forward?').fill('No site yet.');
      expect(await alert.allTextContents()).toEqual([READ_ONLY]);
      expect(await axeViolations(page)).toEqual([]);

      // The next Save says it again, once; nothing was recorded.
      await save.click();
      await expect.poll(() => alert.allTextContents()).toEqual([READ_ONLY]);
      expect(await garden.locator('.status-editor__history').textContent()).toContain(
        'No status recorded yet',
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
