/**
 * The kiosk's idle timer: at 75% of the idle time a "Still there?" warning, at 100% the turn ends. Any tap,
 * key, scroll or typing starts the count again and dismisses the warning. A turn resumed after a reload counts
 * from the resident's last activity before it (`idleSince`), not from the reload: a reload is nobody's tap.
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

export function useIdle(
  idleMs: number | null,
  isActive: boolean,
  onTimeout: () => void,
  options: {
    /** When the resident was last active, if before this screen (a resumed turn); null: now. */
    idleSince?: number | null;
    /** Called on every activity (a tap, a key...). */
    onActivity?: () => void;
  } = {},
): Idle {
  const [isWarning, setWarning] = useState(false);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const timeoutRef = useRef(onTimeout);
  timeoutRef.current = onTimeout;
  const activityRef = useRef(options.onActivity);
  activityRef.current = options.onActivity;
  // Cleared by the first activity: from then on the count starts at each activity.
  const since = useRef<number | null>(options.idleSince ?? null);

  const stop = (): void => {
    timers.current.forEach(clearTimeout);
    timers.current = [];
  };

  const arm = useCallback(
    (isActivity: boolean) => {
      stop();
      setWarning(false);
      if (isActivity) {
        since.current = null;
        activityRef.current?.();
      }
      if (!isActive || idleMs === null) return;
      const gone = since.current === null ? 0 : Math.max(0, Date.now() - since.current);
      timers.current = [
        setTimeout(() => setWarning(true), Math.max(0, Math.round(idleMs * WARN_AT) - gone)),
        setTimeout(
          () => {
            setWarning(false);
            timeoutRef.current();
          },
          Math.max(0, idleMs - gone),
        ),
      ];
    },
    [idleMs, isActive],
  );

  const poke = useCallback(() => arm(true), [arm]);

  useEffect(() => {
    arm(false);
    const options = { capture: true, passive: true };
    for (const type of ACTIVITY) document.addEventListener(type, poke, options);
    return () => {
      stop();
      for (const type of ACTIVITY) document.removeEventListener(type, poke, options);
    };
  }, [arm, poke]);

  return { isWarning, poke };
}

/** The idle time for one turn, read once from the device's settings (a number of ms; tests set it small). */
export function idleMsFrom(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_IDLE_MS;
}
