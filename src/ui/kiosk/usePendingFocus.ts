/**
 * Moving focus to a control that only exists after the next render (an item that moved, the other button of
 * a pair when one becomes disabled). Controls name themselves with data-focus-key.
 */
import { useEffect, useRef } from 'preact/hooks';

export function usePendingFocus(): (key: string) => void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const key = pending.current;
    if (key === null) return;
    pending.current = null;
    const el = document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    el?.focus();
  });
  return (key: string) => {
    pending.current = key;
  };
}
