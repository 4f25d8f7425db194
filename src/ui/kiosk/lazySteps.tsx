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

/**
 * A chunk of kiosk steps fetched on demand: `load` fetches it (once; again after a failure), `step` makes a component
 * that draws one of its steps, suspending ("Loading…") and trying again every RETRY_MS until it has arrived.
 *
 * After a failure the chunk is asked for again only once the network gives it (a plain fetch of its address, read
 * from the failure's message: Chromium and Firefox give it). Some browsers (Chromium 150; the HTML standard once
 * said so) keep a module they failed to fetch as failed: the import then fails at once though the network is back,
 * and only a new page can load it. The kiosk reloads then (at most once a minute, three times a tab), and the resident's turn resumes
 * on the step it was on (liveTurn.ts), with their drafts.
 */
export function onDemand<M>(importChunk: () => Promise<M>, name: string) {
  let loaded: M | null = null;
  let pending: Promise<M> | null = null;
  let failedUrl: string | null = null;

  const attempt = async (): Promise<M> => {
    if (failedUrl === null) return importChunk();
    const response = await fetch(failedUrl, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${name} could not be fetched (${response.status}).`);
    try {
      return await importChunk();
    } catch (error) {
      reloadForSteps();
      throw error;
    }
  };

  const load = (): Promise<M> => {
    pending ??= attempt().then(
      (m) => (loaded = m),
      (error: unknown) => {
        pending = null;
        failedUrl ??= chunkUrlIn(error);
        throw error;
      },
    );
    return pending;
  };

  /** What a render that needs the chunk throws while it is not yet here (Suspense waits on it). */
  const arrival = (): Promise<unknown> =>
    load().catch(() => new Promise((resolve) => setTimeout(resolve, RETRY_MS)));

  const step = <P,>(pick: (m: M) => ComponentType<P>): FunctionComponent<P> =>
    function OnDemandStep(props: P) {
      // Suspense's protocol (as preact/compat's lazy does): a render that throws a promise waits for it.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (!loaded) throw arrival();
      return createElement(pick(loaded), props as P & {});
    };

  return { load, step };
}

const RELOADED_AT = 'codesign.reloadedForSteps';
const RELOADS = 'codesign.reloadsForSteps';
const RELOAD_EVERY_MS = 60_000;
/** Reloads one tab makes for its steps, at most: a chunk that fails for a reason a reload cannot mend (one that
 * throws when it runs, a host answering with another page) must not reload the kiosk every minute for ever. */
const MAX_RELOADS = 3;

function reloadForSteps(): void {
  try {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    const count = Number(sessionStorage.getItem(RELOADS) ?? 0);
    if (count >= MAX_RELOADS) return;
    if (Date.now() - last < RELOAD_EVERY_MS && last <= Date.now()) return;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    sessionStorage.setItem(RELOADS, String(count + 1));
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

const later = onDemand<Steps>(() => import('./laterSteps'), 'The later steps');
/** Fetches the later steps (once; again after a failure). */
export const loadLaterSteps = later.load;
const step = later.step;

export const AboutYouStep = step((m) => m.AboutYouStep);
export const AddIdeaStep = step((m) => m.AddIdeaStep);
export const FinishCheckStep = step((m) => m.FinishCheckStep);
export const HubStep = step((m) => m.HubStep);
export const IdeaStep = step((m) => m.IdeaStep);
export const IdeasStep = step((m) => m.IdeasStep);
export const MoneyMapStep = step((m) => m.MoneyMapStep);
export const PrioritiesReminderStep = step((m) => m.PrioritiesReminderStep);
export const ThanksStep = step((m) => m.ThanksStep);
