/**
 * Issue 12 §5 in Chromium against the real server: once a session has synced with the council, the settings
 * form shows its neighbourhood read-only and says, in words, that moving it needs a council officer (the server
 * refuses the change from a facilitator's tablet: src/server/neighbourhoodRule.ts). Before the first sync the
 * field can be changed as before.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCouncilKey } from '../../src/domain/answersCrypto';
import { createEnrolCode } from '../../src/server/devices';
import { validSession } from './pages/SessionForm';
import { axeViolations } from './support/axe';
import { newTablet, openNewSessionDashboard, type Tablet } from './support/tablet';
import { useBrowserAndCouncil } from './support/setup';

const app = useBrowserAndCouncil('codesign-neighbourhood-e2e-');
let tablet: Tablet | undefined;

afterAll(async () => {
  await tablet?.context.close();
});

function neighbourhood(page: Page) {
  return page.getByRole('textbox', { name: /^Neighbourhood/ });
}

describe('the neighbourhood of a session the council holds', () => {
  it('Given a session with a council key, before and after its first sync, Then its neighbourhood and key are editable before and read-only, with the reasons in words, after', async () => {
    tablet = await newTablet(app.browser);
    const { page } = tablet;
    // A session made with the form: the demo never syncs with the council.
    const session = validSession('Eastbrook: what should the pot pay for?');
    const { sessionId } = await openNewSessionDashboard(page, app.url, session);
    const made = await generateCouncilKey('2026-12-06T08:00:00Z');
    const councilKey = page.locator('[data-field="councilKey"]');

    await page.goto(`${app.url}#/session/${sessionId}/edit`);
    expect(await neighbourhood(page).isEditable()).toBe(true);
    expect(await page.getByText(/needs a council officer/).count()).toBe(0);
    await councilKey.fill(made.publicText);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('[data-save-state="saved"]').waitFor();
    expect(await councilKey.isEditable()).toBe(true);
    expect(await page.getByText(/the key cannot be cleared or changed/).count()).toBe(0);

    await page.goto(`${app.url}#/session/${sessionId}`);
    const sync = page.getByRole('region', { name: 'Council sync', exact: true });
    await sync.scrollIntoViewIfNeeded();
    await sync
      .getByRole('textbox', { name: /^Enrolment code/ })
      .fill(createEnrolCode(app.server.store!, 'facilitator', 'Tablet N').code);
    await sync.getByRole('button', { name: 'Enrol this device', exact: true }).click();
    await expect
      .poll(() => sync.getByRole('status').textContent(), { timeout: 15_000 })
      .toMatch(/^Synced at/);

    await page.goto(`${app.url}#/session/${sessionId}/edit`);
    await page.getByText(/moving it to another neighbourhood needs a council officer/).waitFor();
    expect(await neighbourhood(page).isEditable()).toBe(false);
    expect(await neighbourhood(page).inputValue()).toBe(session.neighbourhood);
    // The key residents' answers are sealed to: clearing it on the tablet would store later answers unsealed.
    await page.getByText(/the key cannot be cleared or changed on this tablet/).waitFor();
    expect(await councilKey.isEditable()).toBe(false);
    expect((await councilKey.inputValue()).trim()).toBe(made.publicText.trim());
    expect(await axeViolations(page)).toEqual([]);
    expect(tablet.errors).toEqual([]);
  });
});
