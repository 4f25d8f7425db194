/**
 * The officer's side of the council for e2e tests: seeded sessions synced to the council server by a
 * facilitator's device, and a browser enrolled as an officer from the home screen.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { addProposal, type CommandContext } from '../../../src/doc/commands';
import { createSession } from '../../../src/doc/sessionCommands';
import { createEnrolCode } from '../../../src/server/devices';
import { validSettings } from '../../unit/helpers/session';
import { acknowledged, connect, enrolDevice } from '../../unit/server/support';
import type { BrowserAndCouncil } from './setup';

/** A facilitator's device syncs each session to the council, as it would back at the council office. */
export async function syncToCouncil(
  app: BrowserAndCouncil,
  sessions: readonly { sessionId: string; doc: Y.Doc }[],
): Promise<void> {
  const facilitator = await enrolDevice(
    app.dataDir,
    app.url.slice(0, -1),
    'facilitator',
    'Facilitator laptop',
  );
  for (const s of sessions) {
    const client = connect(`ws://127.0.0.1:${app.server.port}/sync`, s.sessionId, facilitator.token, s.doc);
    await acknowledged(client);
    client.destroy();
  }
}

/**
 * A session of 5 December 2026 with one idea, "Youth club on Fridays" (£20,000), synced to the council by a
 * facilitator's laptop, for an officer to decide on.
 */
export async function syncSessionWithOneIdea(
  app: BrowserAndCouncil,
  session: { title: string; neighbourhood: string },
): Promise<{ sessionId: string; ideaId: string }> {
  const sessionId = randomUUID();
  const doc = new Y.Doc();
  let now = Date.UTC(2026, 11, 5, 9, 0);
  const laptop: CommandContext = {
    deviceId: 'laptop-0001',
    now: () => (now += 60_000),
    newId: () => randomUUID(),
  };
  createSession(doc, sessionId, validSettings({ ...session, date: '2026-12-05' }), laptop);
  const ideaId = addProposal(
    doc,
    {
      title: 'Youth club on Fridays',
      description: '',
      themeId: 'theme-young',
      costPence: 2_000_000,
      where: '',
    },
    null,
    laptop,
  );
  await syncToCouncil(app, [{ sessionId, doc }]);
  return { sessionId, ideaId };
}

/** Enrols the page's device as an officer's with a fresh code, from the home screen's council panel. */
export async function enrolOfficer(page: Page, app: BrowserAndCouncil): Promise<void> {
  await page.goto(app.url);
  const council = page.getByRole('region', { name: 'Sessions from the council', exact: true });
  await council
    .getByRole('textbox', { name: /^Enrolment code/ })
    .fill(createEnrolCode(app.server.store!, 'officer', 'Officer laptop').code);
  await council.getByRole('button', { name: 'Enrol this device', exact: true }).click();
  await council.getByRole('link', { name: 'Open the council results' }).waitFor();
}

/** Waits until a session's results on the officer's screen are counted and drawn. */
export function resultsShown(page: Page, sessionId: string): Promise<void> {
  return expect
    .poll(() => page.locator(`[data-results="${sessionId}"]`).getAttribute('data-results-state'), {
      timeout: 20_000,
    })
    .toBe('ready');
}
