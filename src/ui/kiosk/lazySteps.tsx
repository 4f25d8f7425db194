/**
 * The kiosk's later steps as the shell uses them (their code is in `laterSteps.ts`, a chunk of its own).
 * `loadLaterSteps` runs when the app starts (preloadKioskSteps), long before a resident can reach a later step,
 * so a step is drawn at once, in the same render as the tap that opens it: nothing for a resident to wait for,
 * and the step's heading takes focus as usual. A step opened before the chunk has arrived (a turn resumed right
 * after a reload) suspends: the kiosk's Suspense shows "Loading…" until it is there. Offline and never cached,
 * it tries again every few seconds rather than failing the turn.
 */
import { createElement, type ComponentType, type FunctionComponent } from 'preact';
import type * as LaterSteps from './laterSteps';

type Steps = typeof LaterSteps;

/** How long a failed fetch of the later steps waits before it is tried again. */
export const RETRY_MS = 3_000;

let loaded: Steps | null = null;
let pending: Promise<Steps> | null = null;
/** The chunk's address, read from the first failure's message (Chromium and Firefox give it). */
let failedUrl: string | null = null;

/** Fetches the later steps (once; again after a failure). */
export function loadLaterSteps(): Promise<Steps> {
  pending ??= importLaterSteps().then(
    (m) => (loaded = m),
    (error: unknown) => {
      pending = null;
      failedUrl ??= chunkUrlIn(error);
      throw error;
    },
  );
  return pending;
}

/**
 * After a failure, the chunk is asked for again only once the network gives it (a plain fetch of its address). Some
 * browsers (Chromium 150; the HTML standard once said so) keep a module they failed to fetch as failed: the import
 * then fails at once though the network is back, and only a new page can load it. The kiosk reloads then (at most
 * once a minute), and the resident's turn resumes on the step it was on (liveTurn.ts), with their drafts.
 */
async function importLaterSteps(): Promise<Steps> {
  if (failedUrl === null) return import('./laterSteps');
  const response = await fetch(failedUrl, { cache: 'no-store' });
  if (!response.ok) throw new Error(`The later steps could not be fetched (${response.status}).`);
  try {
    return await import('./laterSteps');
  } catch (error) {
    reloadForSteps();
    throw error;
  }
}

const RELOADED_AT = 'codesign.reloadedForSteps';
const RELOAD_EVERY_MS = 60_000;

function reloadForSteps(): void {
  try {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < RELOAD_EVERY_MS && last <= Date.now()) return;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  } catch {
    return; // No session storage: no way to know whether this page has just reloaded, so never reload.
  }
  location.reload();
}

/** The script address a failed dynamic import names in its message, if it names one of this page's origin. */
export function chunkUrlIn(error: unknown): string | null {
  const message = error instanceof Error ? error.message : '';
  const found = /\bhttps?:\/\/[^\s'"]+?\.js\b/.exec(message)?.[0];
  if (!found || typeof location === 'undefined') return null;
  try {
    return new URL(found).origin === location.origin ? found : null;
  } catch {
    return null;
  }
}

/** What a render that needs the later steps throws while they are not yet here (Suspense waits on it). */
function arrival(): Promise<unknown> {
  return loadLaterSteps().catch(() => new Promise((resolve) => setTimeout(resolve, RETRY_MS)));
}

function step<P>(pick: (m: Steps) => ComponentType<P>): FunctionComponent<P> {
  return function LaterStep(props: P) {
    // Suspense's protocol (as preact/compat's lazy does): a render that throws a promise waits for it.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (!loaded) throw arrival();
    return createElement(pick(loaded), props as P & {});
  };
}

export const AboutYouStep = step((m) => m.AboutYouStep);
export const AddIdeaStep = step((m) => m.AddIdeaStep);
export const FinishCheckStep = step((m) => m.FinishCheckStep);
export const HubStep = step((m) => m.HubStep);
export const IdeaStep = step((m) => m.IdeaStep);
export const IdeasStep = step((m) => m.IdeasStep);
export const MoneyMapStep = step((m) => m.MoneyMapStep);
export const PrioritiesReminderStep = step((m) => m.PrioritiesReminderStep);
export const ThanksStep = step((m) => m.ThanksStep);
