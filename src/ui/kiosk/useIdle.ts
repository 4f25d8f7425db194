/**
 * The kiosk's idle timer: at 75% of the idle time a "Still there?" warning, at 100% the turn ends. Any tap,
 * key, scroll or typing starts the count again and dismisses the warning.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export const DEFAULT_IDLE_MS = 120_000;
export const WARN_AT = 0.75;

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll', 'input'] as const;

export interface Idle {
  isWarning: boolean;
  /** Counts as activity: restart the timer and dismiss the warning. */
  poke: () => void;
}

export function useIdle(idleMs: number | null, isActive: boolean, onTimeout: () => void): Idle {
  const [isWarning, setWarning] = useState(false);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const timeoutRef = useRef(onTimeout);
  timeoutRef.current = onTimeout;

  const stop = (): void => {
    timers.current.forEach(clearTimeout);
    timers.current = [];
  };

  const poke = useCallback(() => {
    stop();
    setWarning(false);
    if (!isActive || idleMs === null) return;
    timers.current = [
      setTimeout(() => setWarning(true), Math.round(idleMs * WARN_AT)),
      setTimeout(() => {
        setWarning(false);
        timeoutRef.current();
      }, idleMs),
    ];
  }, [idleMs, isActive]);

  useEffect(() => {
    poke();
    const options = { capture: true, passive: true };
    for (const type of ACTIVITY) document.addEventListener(type, poke, options);
    return () => {
      stop();
      for (const type of ACTIVITY) document.removeEventListener(type, poke, options);
    };
  }, [poke]);

  return { isWarning, poke };
}

/** The idle time for one turn, read once from the device's settings (a number of ms; tests set it small). */
export function idleMsFrom(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_IDLE_MS;
}
