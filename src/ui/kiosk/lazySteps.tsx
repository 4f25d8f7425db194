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

/** Fetches the later steps (once; again after a failure). */
export function loadLaterSteps(): Promise<Steps> {
  pending ??= import('./laterSteps').then(
    (m) => (loaded = m),
    (error: unknown) => {
      pending = null;
      throw error;
    },
  );
  return pending;
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
