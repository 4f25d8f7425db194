/**
 * The service worker's update flow in one place. A new version is announced as "update ready"; it is applied
 * only when the facilitator taps "Update now" (between residents), which activates it and reloads once.
 */
import { useEffect, useState } from 'preact/hooks';

export const UPDATE_STATES = {
  /** No service worker (development, or the browser has none). */
  none: 'none',
  /** The current version is installed and serves the app offline. */
  current: 'current',
  /** A new version is downloaded and waiting for the facilitator. */
  ready: 'ready',
} as const;
export type UpdateState = (typeof UPDATE_STATES)[keyof typeof UPDATE_STATES];

type Listener = (state: UpdateState) => void;
let state: UpdateState = 'none';
const listeners = new Set<Listener>();
let apply: (() => void) | null = null;

function set(next: UpdateState): void {
  state = next;
  for (const l of listeners) l(state);
}

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  wb.addEventListener('waiting', () => {
    apply = () => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    };
    set('ready');
  });
  wb.addEventListener('activated', (event) => {
    if (!event.isUpdate) set('current');
  });
  try {
    const registration = await wb.register();
    if (registration?.active && state === 'none') set('current');
  } catch {
    // No service worker here (blocked by policy, private browsing in some browsers): the app still runs from
    // what the page holds; it just will not start offline next time. Nothing to tell a resident.
  }
}

/** Activates the waiting version and reloads. Only call between residents. */
export function applyUpdate(): void {
  apply?.();
}

export function useUpdateState(): UpdateState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    return () => void listeners.delete(setCurrent);
  }, []);
  return current;
}
