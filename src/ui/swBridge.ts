/**
 * The service worker's update flow in one place. A new version is announced as "update ready"; it is applied
 * only when someone taps "Update now" on a staff screen (between residents), which activates it and reloads once.
 *
 * An open page asks the server for a new version by itself (a small fetch of sw.js, never a reload): when the
 * device comes back online, when the page is shown again, and every hour, so a tablet left on its dashboard or
 * an officer's screen open all week learns of an upgrade. The browser checks only on a navigation otherwise,
 * and an app that runs as one page rarely navigates.
 */
import { useEffect, useState } from 'preact/hooks';

export const UPDATE_STATES = {
  /** No service worker (development, or the browser has none). */
  none: 'none',
  /** The current version is installed and serves the app offline. */
  current: 'current',
  /** A newer version than this page runs is installed: waiting for someone to apply it, or applied in another tab. */
  ready: 'ready',
} as const;
export type UpdateState = (typeof UPDATE_STATES)[keyof typeof UPDATE_STATES];

/** How often an open page checks for a new version. */
export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/** Set just before the reload that applies an update, so the next page says once that the app was updated. */
const UPDATED_KEY = 'codesign.updated';

type Listener = (state: UpdateState) => void;
let state: UpdateState = 'none';
const listeners = new Set<Listener>();
let registration: ServiceWorkerRegistration | null = null;
/** True once this page asked the waiting version to take over: its controller change is the cue to reload. */
let isApplying = false;

function set(next: UpdateState): void {
  state = next;
  for (const l of listeners) l(state);
}

function reloadIntoNewVersion(): void {
  try {
    sessionStorage.setItem(UPDATED_KEY, '1');
  } catch {
    // No session storage: the update still happens, only unannounced.
  }
  window.location.reload();
}

/** A version waiting while an older one serves the page is an update (the first install activates at once). */
function offerIfWaiting(reg: ServiceWorkerRegistration): void {
  if (reg.waiting && reg.active) set('ready');
}

function watchInstalls(reg: ServiceWorkerRegistration): void {
  const follow = (installing: ServiceWorker | null): void => {
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offerIfWaiting(reg);
    });
  };
  offerIfWaiting(reg);
  // A version already installing as this page starts (found by another tab, or by the browser's own check) fires
  // no updatefound here: follow it too.
  follow(reg.installing);
  reg.addEventListener('updatefound', () => follow(reg.installing));
  // The version changed under this page: applied here (reload now) or in another tab of the app. The other tab's
  // page keeps running the old code (whose files the new version no longer holds), so it offers the reload
  // rather than forcing one: it may be a kiosk in the middle of a resident's turn.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (isApplying) reloadIntoNewVersion();
    else set('ready');
  });
}

function checkForUpdates(reg: ServiceWorkerRegistration): void {
  const check = (): void => {
    if (!navigator.onLine) return;
    // Offline after all, or the server is down: the next check tries again. A version that finished installing
    // unseen by this page (see watchInstalls) is offered once the check is done.
    reg.update().then(
      () => offerIfWaiting(reg),
      () => undefined,
    );
  };
  window.addEventListener('online', check);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  setInterval(check, UPDATE_CHECK_INTERVAL_MS);
}

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  wb.addEventListener('activated', (event) => {
    if (!event.isUpdate && state === 'none') set('current');
  });
  try {
    registration = (await wb.register()) ?? null;
  } catch {
    // No service worker here (blocked by policy, private browsing in some browsers): the app still runs from
    // what the page holds; it just will not start offline next time. Nothing to tell a resident.
    return;
  }
  if (!registration) return;
  if (registration.active && state === 'none') set('current');
  watchInstalls(registration);
  checkForUpdates(registration);
}

/**
 * Activates the waiting version and reloads; when another tab has already activated it, just reloads. Only call
 * between residents.
 */
export function applyUpdate(): void {
  const waiting = registration?.waiting;
  if (waiting) {
    isApplying = true;
    waiting.postMessage({ type: 'SKIP_WAITING' });
  } else if (state === 'ready') {
    reloadIntoNewVersion();
  }
}

/**
 * Whether this page is the first after "Update now" reloaded the app, read (and the mark cleared) as the page
 * starts: a tab that reloads into kiosk mode shows no notice, and must not say it later on a staff screen.
 */
let wasJustUpdated = ((): boolean => {
  try {
    if (typeof sessionStorage === 'undefined' || sessionStorage.getItem(UPDATED_KEY) === null) return false;
    sessionStorage.removeItem(UPDATED_KEY);
    return true;
  } catch {
    return false;
  }
})();

/** True once, on the first page after "Update now" reloaded the app (for its first staff screen to say so). */
export function takeWasJustUpdated(): boolean {
  const was = wasJustUpdated;
  wasJustUpdated = false;
  return was;
}

export function useUpdateState(): UpdateState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    return () => void listeners.delete(setCurrent);
  }, []);
  return current;
}
